// Loading the trained classifiers in Node, exactly as the browser does (same files, same code).
import { loadBaseArtifacts } from '../../src/models/artifacts.ts';
import { classifierFromArtifacts, type Classifier } from '../../src/models/classifier.ts';
import { HEADS } from '../../src/models/heads/index.ts';
import type { ModelId } from '../../src/models/specs.ts';
import { publicSource } from './node-tf.ts';

export async function loadClassifierNode(id: ModelId): Promise<Classifier> {
  return classifierFromArtifacts(await loadBaseArtifacts(id, publicSource()), HEADS[id]);
}
