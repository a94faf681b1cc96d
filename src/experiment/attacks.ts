// The stronger-attacks experiment, as data: the methods beside the course's (PGD, MI-FGSM and a
// query-only black box), which images each runs on, and what is recorded. Every attacked image is
// judged as the 8-bit image the lab shows. Pure: the script, the page and the tests share it.
import type { GradientMethod } from '../lab/settings';
import type { Judge, PerPhotoResults } from './protocol';

/** One gradient attack: its method and iterations (T = 1 with I-FGSM is the course's FGSM). */
export interface GradientAttack {
  method: GradientMethod;
  T: number;
}

export interface AttackPlan {
  /** Made on the substitute g and shown to f, on every test image. */
  transfer: { epsilons: number[]; attacks: GradientAttack[] };
  /** Made on f itself, on a subset of `images` spread evenly through both classes (white box on f costs ~1.2 s per step and image here). */
  whitebox: { images: number; epsilons: number[]; attacks: GradientAttack[] };
  /** Square Attack asking f, on a smaller such subset: each query is a forward pass of f. */
  query: { images: number; epsilons: number[]; queryBudget: number; batchSize: number };
}

/**
 * Chosen from the transferability run made with the earlier heads (test.json): T = 10 on g is where
 * the course's I-FGSM over-fits g (barely above clean at every ε); ε = 0.04 and 0.08 are where one
 * step transfers at all. White box: at ε = 0.005 one step left a few images, and at 0.04 and 0.08 the
 * single step overshot (f right again on 9 % and 46 %).
 */
export const ATTACK_PLAN: AttackPlan = {
  transfer: {
    epsilons: [0.04, 0.08],
    attacks: [
      { method: 'ifgsm', T: 1 },
      { method: 'ifgsm', T: 10 },
      { method: 'mifgsm', T: 10 },
      { method: 'pgd', T: 10 },
    ],
  },
  whitebox: {
    images: 32,
    epsilons: [0.005, 0.04, 0.08],
    attacks: [
      { method: 'ifgsm', T: 1 },
      { method: 'pgd', T: 10 },
    ],
  },
  query: { images: 10, epsilons: [0.04, 0.08], queryBudget: 200, batchSize: 4 },
};

/** Names one gradient condition in an image's record. */
export const gradientKey = (madeOn: Judge, { method, T }: GradientAttack, eps: number): string => `${madeOn}:${method}:${T}:${eps}`;

/** The query attack's result on one image at one ε. */
export interface QueryOutcome {
  /** f put the image in the target class within the budget. */
  fooled: boolean;
  /** Images sent to f: up to success, or the whole budget. */
  queries: number;
}

/** One test image and what f said about it clean and under each attack it took part in. */
export interface AttackImage {
  id: string;
  label: number;
  species: string;
  /** f's class for the clean image. */
  clean: number;
  /** f's class for each attacked image, by gradientKey; white-box keys only on the subset. */
  gradient: Record<string, number>;
  /** By ε (as a string), only on the query subset. */
  query: Record<string, QueryOutcome>;
}

export interface AttackResults extends PerPhotoResults<AttackImage> {
  plan: AttackPlan;
}
