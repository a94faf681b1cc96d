// The two classifiers of the demo: one source of truth for each model's identity and input size.
export type ModelId = 'inception_v3' | 'mobilenet_v2';

export interface ModelSpec {
  id: ModelId;
  /** Who plays this model in the lesson. */
  role: 'target f' | 'substitute g';
  title: string;
  /** Side of the square image the base expects (its own resize happens inside the model). */
  inputSize: number;
  /** Layers whose globally pooled output was probed as features; training picks one by validation. */
  candidateCuts: readonly string[];
  /** The base's last layer before nsfwjs's own classifier (global pooling and Dense layers follow). */
  baseOutput: string;
  /** Parameters of the whole base up to baseOutput, as Keras counts them (checked against the decoded model). */
  baseParams: number;
  /** What the base's building blocks are called, and the layer that ends each one, in order. */
  blockKind: string;
  blockOutputs: readonly string[];
}

/** Where both bases' weights come from (shown on the model cards). */
export const BASE_PROVENANCE =
  'trained on ImageNet, then fine-tuned by the nsfwjs project (MIT) to sort web images into five content categories; frozen here';

export const MODEL_SPECS: Record<ModelId, ModelSpec> = {
  inception_v3: {
    id: 'inception_v3',
    role: 'target f',
    title: 'InceptionV3',
    inputSize: 299,
    candidateCuts: ['mixed5', 'mixed6', 'mixed7', 'mixed8', 'mixed9', 'mixed10'],
    baseOutput: 'mixed10',
    baseParams: 21_802_784,
    blockKind: 'Inception blocks',
    blockOutputs: Array.from({ length: 11 }, (_, i) => `mixed${i}`),
  },
  mobilenet_v2: {
    id: 'mobilenet_v2',
    role: 'substitute g',
    title: 'MobileNetV2',
    inputSize: 224,
    candidateCuts: ['block_12_add', 'block_15_add', 'out_relu'],
    baseOutput: 'out_relu',
    baseParams: 2_257_984,
    blockKind: 'inverted-residual blocks',
    blockOutputs: [
      'expanded_conv_project_BN', 'block_1_project_BN', 'block_2_add', 'block_3_project_BN', 'block_4_add', 'block_5_add',
      'block_6_project_BN', 'block_7_add', 'block_8_add', 'block_9_add', 'block_10_project_BN', 'block_11_add', 'block_12_add',
      'block_13_project_BN', 'block_14_add', 'block_15_add', 'block_16_project_BN',
    ],
  },
};

export const MODEL_IDS = Object.keys(MODEL_SPECS) as ModelId[];

/** Path of a decoded base model relative to the site root (public/ in the repo). */
export function modelDir(id: ModelId): string {
  return `models/${id}`;
}
