import { describe, expect, it } from 'vitest';
import { bootstrapMean, exactMcNemar, wilson, withInterval } from './statistics';

describe('Wilson interval', () => {
  // Reference values: Newcombe (1998), Table I, method 3 (Wilson score, no continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i of %i: [%f, %f]', (k, n, low, high) => {
    const p = wilson(k, n);
    expect(p.value).toBeCloseTo(k / n, 12);
    expect(p.low).toBeCloseTo(low, 4);
    expect(p.high).toBeCloseTo(high, 4);
  });

  it('an empty set has no value, and is written as a dash', () => {
    expect(wilson(0, 0).value).toBeNaN();
    expect(withInterval(wilson(0, 0))).toBe('–');
    expect(withInterval(wilson(1, 4))).toBe(`25.0 % [${(wilson(1, 4).low * 100).toFixed(1)}–${(wilson(1, 4).high * 100).toFixed(1)}]`);
  });
});

describe('exact McNemar test', () => {
  const right = (s: string) => [...s].map((c) => c === '1');

  it('counts the discordant pairs each way', () => {
    expect(exactMcNemar(right('0011'), right('1110'))).toMatchObject({ onlyFirstWrong: 2, onlySecondWrong: 1 });
  });

  it('is the two-sided binomial test on the discordant pairs', () => {
    // 6 pairs, all one way: 2 · (1/2)^6.
    expect(exactMcNemar(right('000000'), right('111111')).p).toBeCloseTo(2 / 64, 12);
    // 10 against 2: 2 · P(X ≤ 2), X ~ B(12, 1/2) = 2 · (1 + 12 + 66) / 4096.
    expect(exactMcNemar(right('0'.repeat(10) + '11'), right('1'.repeat(10) + '00')).p).toBeCloseTo((2 * 79) / 4096, 12);
    // Balanced, or no discordant pair at all: no evidence.
    expect(exactMcNemar(right('01'), right('10')).p).toBe(1);
    expect(exactMcNemar(right('0101'), right('0101')).p).toBe(1);
  });

  it('refuses outcomes of different images', () => {
    expect(() => exactMcNemar([true], [true, false])).toThrow();
  });
});

describe('bootstrap mean', () => {
  const values = Array.from({ length: 100 }, (_, i) => (i % 5) / 4);

  it('gives the mean, an interval around it, and the same interval every time', () => {
    const a = bootstrapMean(values);
    expect(a.value).toBeCloseTo(0.5, 12);
    expect(a.k).toBeCloseTo(50, 9);
    expect(a.low).toBeLessThan(0.5);
    expect(a.high).toBeGreaterThan(0.5);
    expect(bootstrapMean(values)).toEqual(a);
  });

  it('is about as wide as the normal interval of the mean', () => {
    const mean = 0.5;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    const a = bootstrapMean(values);
    expect(a.high - a.low).toBeGreaterThan(0.8 * 2 * 1.96 * (sd / 10));
    expect(a.high - a.low).toBeLessThan(1.2 * 2 * 1.96 * (sd / 10));
  });

  it('of constant values is that constant, with no width', () => {
    expect(bootstrapMean([1, 1, 1])).toMatchObject({ value: 1, low: 1, high: 1 });
  });
});
