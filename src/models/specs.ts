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
}

export const MODEL_SPECS: Record<ModelId, ModelSpec> = {
  inception_v3: {
    id: 'inception_v3',
    role: 'target f',
    title: 'InceptionV3',
    inputSize: 299,
    candidateCuts: ['mixed5', 'mixed6', 'mixed7', 'mixed8'],
  },
  mobilenet_v2: {
    id: 'mobilenet_v2',
    role: 'substitute g',
    title: 'MobileNetV2',
    inputSize: 224,
    candidateCuts: ['block_12_add', 'block_15_add', 'out_relu'],
  },
};

export const MODEL_IDS = Object.keys(MODEL_SPECS) as ModelId[];

/** Path of a decoded base model relative to the site root (public/ in the repo). */
export function modelDir(id: ModelId): string {
  return `models/${id}`;
}
