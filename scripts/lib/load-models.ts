// Loading the trained classifiers in Node, exactly as the browser does (same files, same code).
import { loadBaseArtifacts } from '../../src/models/artifacts.ts';
import { classifierFromArtifacts, type Classifier } from '../../src/models/classifier.ts';
import type { HeadWeights } from '../../src/models/head.ts';
import { HEADS } from '../../src/models/heads/index.ts';
import type { ModelId } from '../../src/models/specs.ts';
import { publicSource } from './node-tf.ts';

/** `head`: another head than the committed one (e.g. the heads an older result was made with). */
export async function loadClassifierNode(id: ModelId, head: HeadWeights = HEADS[id]): Promise<Classifier> {
  return classifierFromArtifacts(await loadBaseArtifacts(id, publicSource()), head);
}
