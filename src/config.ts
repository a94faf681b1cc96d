// Facts the whole app shares: the classes, the canonical image, the attack's defaults.

/** Output index → class name, for both classifiers. */
export const CLASS_NAMES = ['healthy', 'diseased'] as const;
export type ClassName = (typeof CLASS_NAMES)[number];

/** Index of the predicted class for a probability (or logit) pair; ties go to the first class. */
export const predictedClass = (p: ArrayLike<number>): number => (p[0] >= p[1] ? 0 : 1);

/** Both models take the same canonical input: 1×256×256×3, pixels in [0, 1] (the photos' native size). */
export const CANONICAL_SIZE = 256;

/** The course's setting: one step at ε = 0.01 already flips the target model. */
export const DEFAULT_EPSILON = 0.01;
export const DEFAULT_ITERATIONS = 1;
