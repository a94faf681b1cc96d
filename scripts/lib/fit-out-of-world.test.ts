// Fitting the out-of-world score recovers a known covariance: its top directions and variances,
// and the mean variance left over.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/seeded-random';
import { fitOutOfWorld, symmetricEigen } from './fit-out-of-world';

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

describe('fitting the out-of-world score', () => {
  it('Jacobi gives the eigenpairs of a symmetric matrix', () => {
    const { values, vectors } = symmetricEigen([[2, 1], [1, 2]]);
    expect([...values].sort()).toEqual([expect.closeTo(1, 12), expect.closeTo(3, 12)]);
    const top = values[0] > values[1] ? 0 : 1;
    expect(Math.abs(vectors[0][top])).toBeCloseTo(Math.SQRT1_2, 12);
  });

  it('recovers class means, the top variances and the residual variance of a known world', () => {
    const random = seededRandom(4);
    const sd = [3, 2, 0.5, 0.5, 0.5, 0.5];
    const rows: number[][] = [];
    const labels: number[] = [];
    for (let n = 0; n < 4000; n++) {
      const label = n % 2;
      rows.push(sd.map((s, i) => s * gaussian(random) + (i === 0 ? label * 20 : 0)));
      labels.push(label);
    }
    const fitted = fitOutOfWorld(rows, labels, 2);
    expect(fitted.classMeans[1][0] - fitted.classMeans[0][0]).toBeCloseTo(20, 0);
    expect(fitted.variances[0]).toBeCloseTo(9, 0);
    expect(fitted.variances[1]).toBeCloseTo(4, 0);
    expect(fitted.residualVariance).toBeCloseTo(0.25, 1);
    expect(Math.abs(fitted.components[0][0])).toBeCloseTo(1, 2);
    expect(Math.abs(fitted.components[1][1])).toBeCloseTo(1, 2);
  });
});
