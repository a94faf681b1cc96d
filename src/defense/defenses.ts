// The defenses a defender may put in front of f, by name, at the strength the lab and the
// experiment use. Each maps an image batch (N×256×256×3 in [0, 1]) to the image f then sees.
import type * as tf from '@tensorflow/tfjs';
import { reduceBitDepth } from './bit-depth';
import { jpegRoundTrip } from './jpeg';
import { medianFilter3x3 } from './median';
import { BIT_DEPTH, JPEG_QUALITY, RANDOM_DEFENSES, type DefenseId } from './names';
import { randomResizePad } from './resize-pad';

export interface Defense {
  id: DefenseId;
  /** Draws at random in every forward pass (the attacker then averages gradients over draws: EOT). */
  random: boolean;
  /** Has a useful gradient; if not, the adaptive attacker uses the identity in its place (BPDA). */
  differentiable: boolean;
  /** The defended image; `seed` names the draw of a random defense (others ignore it). */
  apply(x: tf.Tensor4D, seed: number): tf.Tensor4D;
}

const defense = (id: DefenseId, differentiable: boolean, apply: Defense['apply']): Defense => ({ id, random: RANDOM_DEFENSES.includes(id), differentiable, apply });

export const DEFENSES: Record<DefenseId, Defense> = {
  jpeg: defense('jpeg', false, (x) => jpegRoundTrip(x, JPEG_QUALITY)),
  bitDepth: defense('bitDepth', false, (x) => reduceBitDepth(x, BIT_DEPTH)),
  median: defense('median', false, (x) => medianFilter3x3(x)),
  resizePad: defense('resizePad', true, (x, seed) => randomResizePad(x, seed)),
};
