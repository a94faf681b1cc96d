import { describe, expect, it } from 'vitest';
import { wilson, withInterval } from '../experiment/statistics';
import metrics from './heads/metrics.json' with { type: 'json' };
import { modelCardFacts, type ModelInfo } from './model-card';

const f: ModelInfo = { id: 'inception_v3', title: 'InceptionV3', role: 'target f', paramCount: 5_140_194, baseParamsUsed: 5_138_656, blocksUsed: 6, cutLayer: 'mixed5', featureSize: 768 };

describe('model card', () => {
  const facts = modelCardFacts(f);

  it('says how much of the base the cut uses: blocks and share of its parameters', () => {
    expect(facts.base).toBe("the stem and the first 6 of InceptionV3's 11 Inception blocks, up to mixed5: 5,138,656 parameters, 23.6 % of the base's 21,802,784");
  });

  it('says where the weights come from, and what the head is', () => {
    expect(facts.weights).toContain('ImageNet, then fine-tuned by the nsfwjs project');
    expect(facts.weights).toContain('frozen here');
    expect(facts.head).toBe(`ours: Dense(2) on the 768 globally pooled features (1,538 parameters), trained on ${metrics.models.inception_v3.accuracy.train.n} lab photos`);
  });

  it('gives the committed test accuracy with its 95 % interval', () => {
    const { n, accuracy } = metrics.models.inception_v3.accuracy.test;
    const right = Math.round(accuracy * n);
    expect(facts.testAccuracy).toBe(`${withInterval(wilson(right, n))} on the ${n} lab test photos (${right} right; 95 % interval)`);
  });
});
