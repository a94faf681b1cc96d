// The attack's budget as plain numbers, shared by the worker's tensor math and the page's text
// (which must not import tfjs).

/** η = ε / T: T steps of η reach exactly the L∞ budget ε. */
export const stepSize = ({ epsilon, iterations }: { epsilon: number; iterations: number }) => epsilon / iterations;

/** PGD's step α: 2.5·ε/T by default (Madry et al.'s choice), so the path can reach the ball's surface and move along it. */
export const pgdStepSize = ({ epsilon, iterations, stepSize }: { epsilon: number; iterations: number; stepSize?: number }) => stepSize ?? (2.5 * epsilon) / iterations;

/** The most whole levels (of 255) a pixel may move within ε; the tiny slack absorbs ε·255's float error. */
export const levelBudget = (epsilon: number) => Math.floor(epsilon * 255 + 1e-9);
