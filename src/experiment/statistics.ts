// The uncertainty that goes with the experiment's numbers: 95 % intervals for proportions (Wilson),
// for means over images (a seeded bootstrap), and exact McNemar tests for paired outcomes on the
// same images. Pure functions, no tfjs.
import { seededRandom } from '../seeded-random';

/** A measured share with its 95 % interval. `k` may be fractional where it is a mean (noise seeds). */
export interface Proportion {
  k: number;
  n: number;
  value: number;
  low: number;
  high: number;
}

/** z for a two-sided 95 % interval. */
const Z95 = 1.959963984540054;

/** k of n, with the Wilson score interval (sound near 0 % and 100 %, unlike the normal one). */
export function wilson(k: number, n: number): Proportion {
  if (n === 0) return { k, n, value: NaN, low: NaN, high: NaN };
  const p = k / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { k, n, value: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

const BOOTSTRAP_RESAMPLES = 2000;

/**
 * The mean of per-image values in [0, 1] (e.g. the share of noise seeds an image survived), with a
 * 95 % percentile bootstrap over images. `k` is the mean times n.
 */
export function bootstrapMean(values: number[], seed = 1): Proportion {
  const n = values.length;
  if (n === 0) return { k: 0, n, value: NaN, low: NaN, high: NaN };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const next = seededRandom(seed);
  const means = Array.from({ length: BOOTSTRAP_RESAMPLES }, () => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[Math.floor(next() * n)];
    return sum / n;
  }).sort((a, b) => a - b);
  const at = (q: number) => means[Math.min(BOOTSTRAP_RESAMPLES - 1, Math.floor(q * BOOTSTRAP_RESAMPLES))];
  return { k: mean * n, n, value: mean, low: at(0.025), high: at(0.975) };
}

/** Two conditions judged on the same images: where only one of them left f wrong, and the test. */
export interface PairedTest {
  /** Images f gets wrong under the first condition and right under the second. */
  onlyFirstWrong: number;
  onlySecondWrong: number;
  /** Exact two-sided McNemar p-value (binomial test on the discordant pairs). */
  p: number;
}

/** P(X ≤ m) for X ~ Binomial(n, 1/2), summed exactly term by term. */
function binomialHalfCdf(m: number, n: number): number {
  let term = 2 ** -n;
  let sum = 0;
  for (let i = 0; i <= m; i++) {
    sum += term;
    term *= (n - i) / (i + 1);
  }
  return sum;
}

/** Exact McNemar test of two paired conditions, from per-image correctness (true = f right). */
export function exactMcNemar(firstRight: boolean[], secondRight: boolean[]): PairedTest {
  if (firstRight.length !== secondRight.length) throw new Error('paired outcomes differ in length');
  let onlyFirstWrong = 0;
  let onlySecondWrong = 0;
  firstRight.forEach((r, i) => {
    if (!r && secondRight[i]) onlyFirstWrong++;
    if (r && !secondRight[i]) onlySecondWrong++;
  });
  const discordant = onlyFirstWrong + onlySecondWrong;
  const p = discordant === 0 ? 1 : Math.min(1, 2 * binomialHalfCdf(Math.min(onlyFirstWrong, onlySecondWrong), discordant));
  return { onlyFirstWrong, onlySecondWrong, p };
}

export const percent = (x: number, digits = 1) => `${(x * 100).toFixed(digits)} %`;
/** "45.4 % [38.0–52.9]": the value and its 95 % interval, in percent ("–" for no images). */
export const withInterval = (p: Proportion) => (p.n === 0 ? '–' : `${percent(p.value)} [${(p.low * 100).toFixed(1)}–${(p.high * 100).toFixed(1)}]`);
export const formatP = (p: number) => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(p < 0.01 ? 4 : 3)}`);
