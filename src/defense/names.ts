// The defenses by name and in words, for the page (which must not import tfjs) and the worker.

export const DEFENSE_IDS = ['jpeg', 'bitDepth', 'median', 'resizePad'] as const;
export type DefenseId = (typeof DEFENSE_IDS)[number];

/** The strengths in use: Guo et al. 2018 used JPEG quality 75; Xu et al. 2018 5 bits on ImageNet. */
export const JPEG_QUALITY = 75;
export const BIT_DEPTH = 5;

export const DEFENSE_LABELS: Record<DefenseId, string> = {
  jpeg: `JPEG, quality ${JPEG_QUALITY}`,
  bitDepth: `${BIT_DEPTH}-bit colour`,
  median: '3×3 median filter',
  resizePad: 'random resize and pad',
};

/** Whether a defense draws at random per forward pass (then the adaptive attacker averages over draws). */
export const RANDOM_DEFENSES: readonly DefenseId[] = ['resizePad'];

/** Draws the adaptive attacker averages per gradient through a random defense (EOT). */
export const EOT_SAMPLES = 4;
