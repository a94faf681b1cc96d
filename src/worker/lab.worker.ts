// All tfjs work happens here, so the page never freezes (a wasm step can take a second).
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import { chooseBackend } from '../backend/choose';
import { CANONICAL_SIZE } from '../config';
import { fetchSource, loadBaseArtifacts } from '../models/artifacts';
import { classifierFromArtifacts, type Classifier } from '../models/classifier';
import { HEADS } from '../models/heads';
import type { ModelId } from '../models/specs';
import type { LabApi } from './api';
import { canonicalFromUrl } from './decode';

const classifiers = new Map<ModelId, Classifier>();

/** The first run of a shape compiles shaders: do it once, with the real shapes, before any click. */
function warmUp(classifier: Classifier): void {
  tf.tidy(() => {
    const x = tf.fill([1, CANONICAL_SIZE, CANONICAL_SIZE, 3], 0.5) as tf.Tensor4D;
    const { grad } = classifier.lossGradient(x, 0);
    grad.dataSync();
  });
}

const api: LabApi = {
  init: (request) => chooseBackend(request),
  async loadModel(id, siteUrl, onProgress) {
    const artifacts = await loadBaseArtifacts(id, fetchSource(siteUrl), onProgress);
    classifiers.get(id)?.dispose();
    const classifier = classifierFromArtifacts(artifacts, HEADS[id]);
    warmUp(classifier);
    classifiers.set(id, classifier);
    const { spec } = classifier;
    return { id, title: spec.title, role: spec.role, paramCount: classifier.paramCount, cutLayer: classifier.head.cutLayer };
  },
  async classify(imageUrl) {
    const x = await canonicalFromUrl(imageUrl);
    try {
      const out: Partial<Record<ModelId, number[]>> = {};
      for (const [id, classifier] of classifiers) {
        const p = classifier.probabilities(x);
        out[id] = Array.from(await p.data());
        p.dispose();
      }
      return out;
    } finally {
      x.dispose();
    }
  },
};

Comlink.expose(api);
