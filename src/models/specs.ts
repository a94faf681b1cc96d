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
  /**
   * Cuts that end a residual block, r + BN(W·d) with W a 1×1 projection. Global pooling commutes
   * with W, so W can be trained together with the head, exactly, from the pooled r and d alone:
   * training's one way of tuning a layer below the cut without running the base again.
   */
  tunableCuts?: Readonly<Record<string, TunableCut>>;
  /** The base's last layer before nsfwjs's own classifier (global pooling and Dense layers follow). */
  baseOutput: string;
  /** Parameters of the whole base up to baseOutput, as Keras counts them (checked against the decoded model). */
  baseParams: number;
  /** What the base's building blocks are called, and the layer that ends each one, in order. */
  blockKind: string;
  blockOutputs: readonly string[];
}

export interface TunableCut {
  /** The block's input, added back at the cut. */
  residual: string;
  /** What the projection reads (the depthwise stage's output). */
  projected: string;
  /** The 1×1 convolution whose kernel training may change; a BatchNormalization follows it. */
  projection: string;
  normalization: string;
}

const residualBlock = (input: string, block: string): TunableCut => ({
  residual: input, projected: `${block}_depthwise_relu`, projection: `${block}_project`, normalization: `${block}_project_BN`,
});

/** Every layer whose pooled output training extracts: the cuts, and what their tunable blocks read. */
export function featureLayers(spec: ModelSpec): string[] {
  const tunable = Object.values(spec.tunableCuts ?? {}).flatMap((t) => [t.residual, t.projected]);
  return [...new Set([...spec.candidateCuts, ...tunable])];
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
    tunableCuts: { block_12_add: residualBlock('block_11_add', 'block_12'), block_15_add: residualBlock('block_14_add', 'block_15') },
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
