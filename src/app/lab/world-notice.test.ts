import { describe, expect, it } from 'vitest';
import { worldNotice } from './world-notice';

describe('the out-of-world notice', () => {
  it('is silent inside the world (at the threshold too) and before f has read the photo', () => {
    expect(worldNotice(null)).toBeNull();
    expect(worldNotice({ score: 2.38, threshold: 2.38, pass: 0.95 })).toBeNull();
  });

  it('says what was measured beyond the threshold: the score, the threshold and the share that passes', () => {
    const text = worldNotice({ score: 7.123, threshold: 2.384, pass: 0.95 })!;
    expect(text).toContain('f has not learned photos like this one');
    expect(text).toContain('this one is at 7.12');
    expect(text).toContain('at least 95 % of the validation photos of each kind, lab and field, are at 2.38 or less');
  });
});
