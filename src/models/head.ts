// The trained Dense(2) head: weights as stored in src/models/heads/<id>.json (written by `npm run train`).
import type { ModelId } from './specs';
import type { ProjectionUpdate } from './tuned-projection';

export interface HeadWeights {
  model: ModelId;
  /** Layer of the base whose globally average-pooled output feeds the head. */
  cutLayer: string;
  featureSize: number;
  /** featureSize × 2, feature standardisation already folded in. */
  kernel: number[][];
  bias: number[];
  /** Present when training also changed the 1×1 projection of the block that ends at the cut. */
  projectionUpdate?: ProjectionUpdate;
}
