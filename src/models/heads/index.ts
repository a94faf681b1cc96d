// The trained heads (committed; written by `npm run train`).
import type { HeadWeights } from '../head';
import type { ModelId } from '../specs';
import inceptionV3 from './inception_v3.json' with { type: 'json' };
import mobilenetV2 from './mobilenet_v2.json' with { type: 'json' };
import outOfWorld from './out-of-world.json' with { type: 'json' };
import type { OutOfWorldModel } from '../out-of-world';

export const HEADS: Record<ModelId, HeadWeights> = {
  inception_v3: inceptionV3 as HeadWeights,
  mobilenet_v2: mobilenetV2 as HeadWeights,
};

/** f's out-of-world score, fitted on its training features at its cut (written by `npm run train`). */
export const OUT_OF_WORLD = outOfWorld as OutOfWorldModel;
