// The defenses a defender may put in front of f, by name, at the strength the lab and the
// experiment use. Each maps an image batch (N×256×256×3 in [0, 1]) to the image f then sees.
import type * as tf from '@tensorflow/tfjs';
import { reduceBitDepth } from './bit-depth';
import { jpegRoundTrip } from './jpeg';
import { medianFilter3x3 } from './median';
import { randomResizePad } from './resize-pad';

export const DEFENSE_IDS = ['jpeg', 'bitDepth', 'median', 'resizePad'] as const;
export type DefenseId = (typeof DEFENSE_IDS)[number];

export interface Defense {
  id: DefenseId;
  /** Draws at random in every forward pass (the attacker then averages gradients over draws: EOT). */
  random: boolean;
  /** Has a useful gradient; if not, the adaptive attacker uses the identity in its place (BPDA). */
  differentiable: boolean;
  /** The defended image; `seed` names the draw of a random defense (others ignore it). */
  apply(x: tf.Tensor4D, seed: number): tf.Tensor4D;
}

/** JPEG quality, bits per channel: the strengths in use (Guo et al. 2018 used quality 75; Xu et al. 5 bits on ImageNet). */
const JPEG_QUALITY = 75;
const BIT_DEPTH = 5;

export const DEFENSES: Record<DefenseId, Defense> = {
  jpeg: { id: 'jpeg', random: false, differentiable: false, apply: (x) => jpegRoundTrip(x, JPEG_QUALITY) },
  bitDepth: { id: 'bitDepth', random: false, differentiable: false, apply: (x) => reduceBitDepth(x, BIT_DEPTH) },
  median: { id: 'median', random: false, differentiable: false, apply: (x) => medianFilter3x3(x) },
  resizePad: { id: 'resizePad', random: true, differentiable: true, apply: (x, seed) => randomResizePad(x, seed) },
};
