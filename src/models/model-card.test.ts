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
    const { lab, field } = metrics.models.inception_v3.accuracy.train;
    expect(facts.head).toBe(`ours: Dense(2) on the 768 globally pooled features (1,538 parameters), trained on ${lab.n} lab photos and ${field.n} field photos`);
  });

  it('gives the committed test accuracy of each data set with its 95 % interval', () => {
    const { lab, field } = metrics.models.inception_v3.accuracy.test;
    const right = (r: { n: number; accuracy: number }) => Math.round(r.accuracy * r.n);
    expect(facts.testAccuracy).toBe(
      `${withInterval(wilson(right(lab), lab.n))} on the ${lab.n} lab photos (${right(lab)} right); ` +
        `${withInterval(wilson(right(field), field.n))} on the ${field.n} field photos (${right(field)} right) of the test split (95 % intervals)`,
    );
  });
});
