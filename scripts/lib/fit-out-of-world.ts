// Fitting the out-of-world score (src/models/out-of-world.ts) to training features: class means,
// the shared within-class covariance's top components (subspace iteration, then Rayleigh–Ritz)
// and the mean variance left over. Numbers are rounded to what the committed JSON stores, so the
// threshold is chosen on exactly the model the page runs.
import type { FittedWorld } from '../../src/models/out-of-world.ts';
import { seededRandom } from '../../src/seeded-random.ts';

const SIGNIFICANT_DIGITS = 6;
const round = (v: number) => Number(v.toPrecision(SIGNIFICANT_DIGITS));

/** Eigenvalues and eigenvectors (columns) of a small symmetric matrix, by cyclic Jacobi rotations. */
export function symmetricEigen(matrix: number[][]): { values: number[]; vectors: number[][] } {
  const n = matrix.length;
  const a = matrix.map((r) => [...r]);
  const v: number[][] = a.map((_, i) => a.map((__, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p][q] ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(a[p][q]) < 1e-300) continue;
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const [akp, akq] = [a[k][p], a[k][q]];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const [apk, aqk] = [a[p][k], a[q][k]];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const [vkp, vkq] = [v[k][p], v[k][q]];
          v[k][p] = c * vkp - s * vkq;
          v[k][q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: a.map((r, i) => r[i]), vectors: v };
}

function orthonormalise(columns: Float64Array[]): void {
  columns.forEach((col, j) => {
    for (let i = 0; i < j; i++) {
      const dot = col.reduce((s, x, k) => s + x * columns[i][k], 0);
      for (let k = 0; k < col.length; k++) col[k] -= dot * columns[i][k];
    }
    const norm = Math.sqrt(col.reduce((s, x) => s + x * x, 0));
    for (let k = 0; k < col.length; k++) col[k] /= norm;
  });
}

/** The top `k` eigenpairs of a symmetric d×d matrix (row-major), by subspace iteration. */
function topEigen(cov: Float64Array, d: number, k: number, seed: number): { values: number[]; vectors: Float64Array[] } {
  const random = seededRandom(seed);
  let basis = Array.from({ length: k }, () => Float64Array.from({ length: d }, () => random() - 0.5));
  const times = (col: Float64Array) => {
    const out = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += cov[i * d + j] * col[j];
      out[i] = s;
    }
    return out;
  };
  orthonormalise(basis);
  for (let iteration = 0; iteration < 60; iteration++) {
    basis = basis.map(times);
    orthonormalise(basis);
  }
  const images = basis.map(times);
  const small = basis.map((bi) => images.map((img) => bi.reduce((s, x, t) => s + x * img[t], 0)));
  const { values, vectors } = symmetricEigen(small);
  const order = values.map((_, i) => i).sort((a, b) => values[b] - values[a]);
  return {
    values: order.map((i) => values[i]),
    vectors: order.map((i) => {
      const out = new Float64Array(d);
      basis.forEach((b, j) => {
        for (let t = 0; t < d; t++) out[t] += vectors[j][i] * b[t];
      });
      return out;
    }),
  };
}

/** Class means and the shared covariance's `components` top directions, from training rows. */
export function fitOutOfWorld(rows: ArrayLike<number>[], labels: number[], components: number, seed = 1): FittedWorld {
  const d = rows[0].length;
  const classes = [0, 1].map((c) => rows.filter((_, i) => labels[i] === c));
  const classMeans = classes.map((members) => Array.from({ length: d }, (_, j) => members.reduce((s, r) => s + r[j], 0) / members.length));
  const cov = new Float64Array(d * d);
  const centred = new Float64Array(d);
  rows.forEach((r, n) => {
    for (let j = 0; j < d; j++) centred[j] = r[j] - classMeans[labels[n]][j];
    for (let i = 0; i < d; i++) {
      const ci = centred[i] / rows.length;
      if (ci === 0) continue;
      for (let j = i; j < d; j++) cov[i * d + j] += ci * centred[j];
    }
  });
  for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) cov[i * d + j] = cov[j * d + i];
  const { values, vectors } = topEigen(cov, d, components, seed);
  let trace = 0;
  for (let i = 0; i < d; i++) trace += cov[i * d + i];
  const residualVariance = (trace - values.reduce((a, b) => a + b, 0)) / (d - components);
  return {
    classMeans: classMeans.map((m) => m.map(round)),
    components: vectors.map((v) => Array.from(v, round)),
    variances: values.map(round),
    residualVariance: round(residualVariance),
  };
}
