// How far a photo is from the world f learned: the Mahalanobis distance of f's features (the
// pooled output of its cut) to the nearest class of its training features (Lee et al. 2018),
// under a shared covariance kept as its top components plus an even spread over the rest
// (probabilistic PCA: the full d×d matrix would not fit a page and cannot be estimated from a
// few thousand photos anyway). Fitted by `npm run train`; the threshold is chosen on validation.

export interface OutOfWorldModel {
  /** f's cut layer whose pooled output the score reads (the head's). */
  cutLayer: string;
  /** One mean feature vector per class, CLASS_NAMES order. */
  classMeans: number[][];
  /** The top principal directions of the within-class spread (unit rows, d wide). */
  components: number[][];
  /** Variance along each component. */
  variances: number[];
  /** Mean variance along every other direction. */
  residualVariance: number;
  /** Scores above this are "out of f's world": chosen so that at least `pass` of each data set's validation photos are at or below it. */
  threshold: number;
  pass: number;
}

/** The fitted parts: what the score needs. */
export type FittedWorld = Pick<OutOfWorldModel, 'classMeans' | 'components' | 'variances' | 'residualVariance'>;

/** Squared Mahalanobis distance to the nearest class mean, divided by the feature width. */
export function outOfWorldScore(model: FittedWorld, features: ArrayLike<number>): number {
  const d = features.length;
  let best = Infinity;
  for (const mean of model.classMeans) {
    const centred = Array.from(features, (v, i) => v - mean[i]);
    const total = centred.reduce((s, v) => s + v * v, 0);
    let explained = 0;
    let distance = 0;
    model.components.forEach((component, k) => {
      const along = component.reduce((s, c, i) => s + c * centred[i], 0);
      explained += along * along;
      distance += (along * along) / model.variances[k];
    });
    distance += Math.max(0, total - explained) / model.residualVariance;
    best = Math.min(best, distance / d);
  }
  return best;
}

/** The smallest threshold that lets at least `share` of each group's scores pass (score ≤ threshold). */
export function thresholdPassing(groups: number[][], share: number): number {
  return Math.max(
    ...groups.map((scores) => {
      const sorted = [...scores].sort((a, b) => a - b);
      return sorted[Math.ceil(share * sorted.length) - 1];
    }),
  );
}
