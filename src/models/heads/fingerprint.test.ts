// Results name the heads that made them by fingerprint; training records the current heads' one,
// so the page can tell results made with earlier heads (and say so beside them).
import { describe, expect, it } from 'vitest';
import { earlierHeadsNote } from '../../experiment/results';
import type { ExperimentResults } from '../../experiment/protocol';
import { headsFingerprint } from './fingerprint';
import { HEADS } from './index';
import metrics from './metrics.json' with { type: 'json' };

describe('heads fingerprint', () => {
  it('is what training recorded for the committed heads, and changes with any weight', () => {
    expect(metrics.heads).toBe(headsFingerprint(HEADS));
    const nudged = { ...HEADS, mobilenet_v2: { ...HEADS.mobilenet_v2, bias: [HEADS.mobilenet_v2.bias[0] + 1e-7, HEADS.mobilenet_v2.bias[1]] } };
    expect(headsFingerprint(nudged)).not.toBe(headsFingerprint(HEADS));
  });

  it('results made with other heads carry a note; results made with these do not', () => {
    const made = (heads: string) => ({ heads }) as ExperimentResults;
    expect(earlierHeadsNote(made(headsFingerprint(HEADS)))).toBeNull();
    expect(earlierHeadsNote(made('0123456789abcdef'))).toMatch(/earlier heads/);
  });
});
