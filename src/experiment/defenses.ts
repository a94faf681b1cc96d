// The defense experiment, as data: f's accuracy against ε on a subset of the lab photos' test split,
// alone and behind each defense, on clean images, under the naive white-box attack (made on f
// alone, then judged through the defense) and under the adaptive one (made through the defense:
// BPDA + EOT, src/defense/defended.ts). Every attacked image is judged as the 8-bit image the lab
// shows. Pure: the script, the page and the tests share it.
import { DEFENSE_IDS, EOT_SAMPLES, type DefenseId } from '../defense/names';
import type { Attacker } from '../lab/settings';
import type { PerPhotoResults } from './protocol';

export interface DefensePlan {
  /** A subset spread evenly through both classes (spreadSubset). */
  images: number;
  epsilons: number[];
  /** Iterations of the course's I-FGSM, for both attackers. */
  iterations: number;
  /** Draws averaged per gradient through a random defense. */
  eotSamples: number;
}

/**
 * Each adaptive attack through a random defense costs EOT_SAMPLES white-box gradients of f per
 * step (~1.2 s each here), so the subset is small and T = 5.
 */
export const DEFENSE_PLAN: DefensePlan = { images: 16, epsilons: [0.01, 0.04], iterations: 5, eotSamples: EOT_SAMPLES };

/** f alone, or f behind a defense. */
export type Deployment = 'none' | DefenseId;
export const DEPLOYMENTS: readonly Deployment[] = ['none', ...DEFENSE_IDS];

/** How the judged image was made: clean, or by one of the lab's two attackers (the adaptive one only behind a defense). */
export type Made = 'clean' | Attacker;

/** Names one condition in an image's record (clean images have ε = 0). */
export const defenseKey = (deployment: Deployment, made: Made, eps: number): string => `${deployment}:${made}:${eps}`;

/** Every condition of a plan: clean and naive for f alone and behind each defense, adaptive behind each defense. */
export function defenseConditions(plan: DefensePlan): { deployment: Deployment; made: Made; eps: number }[] {
  return DEPLOYMENTS.flatMap((deployment) => [
    { deployment, made: 'clean' as const, eps: 0 },
    ...plan.epsilons.flatMap((eps) => (deployment === 'none' ? ['naive' as const] : ['naive' as const, 'adaptive' as const]).map((made) => ({ deployment, made, eps }))),
  ]);
}

export interface DefenseImage {
  id: string;
  label: number;
  species: string;
  /** f's class under each condition, by defenseKey. */
  predicted: Record<string, number>;
}

export interface DefenseResults extends PerPhotoResults<DefenseImage> {
  plan: DefensePlan;
}
