// What each of a step's four operations does, one sentence each, with the step's own numbers: the
// narration of slow motion and the captions of the step views. Page text, no React.
import { CLASS_NAMES } from '../../config';
import type { StepView } from '../../lab/session';

export const STEP_PHASES = ['gradient', 'sign', 'move', 'clip'] as const;
export type StepPhase = (typeof STEP_PHASES)[number];

export const PHASE_TITLES: Record<StepPhase, string> = {
  gradient: '1. Gradient ∇ₓL',
  sign: '2. Its sign',
  move: '3. The move',
  clip: '4. The clip',
};

/** The numbers the sentences quote, as the drawing code counts them (draw/step-views.ts). */
export interface StepFacts {
  step: StepView;
  target: number;
  epsilon: number;
  scale: number;
  counts: { up: number; down: number; zero: number };
  clipped: { ball: number; range: number };
}

const percent = (n: number, of: number) => `${((100 * n) / of).toFixed(1)} %`;

export function phaseSentence(phase: StepPhase, { step, target, epsilon, scale, counts, clipped }: StepFacts): string {
  const channels = step.sign.length;
  const of = step.direction === 'momentum' ? 'the momentum g (past gradients, each divided by its L1 norm, plus this one)' : '∇ₓL';
  switch (phase) {
    case 'gradient':
      return `∇ₓL, summed over R, G and B, says how the loss towards “${CLASS_NAMES[target]}” changes with each pixel: orange where brightening raises it, purple where darkening does (colours full at |∂L/∂x| = ${scale.toExponential(2)}). The attack goes against it.`;
    case 'sign':
      return `The sign of ${of} keeps only a direction per colour channel, however small the gradient: ${percent(counts.up, channels)} of the channels get +1, ${percent(counts.down, channels)} −1${counts.zero ? `; ${counts.zero} have a zero gradient (sign 0), so they do not move` : ''}.`;
    case 'move':
      return `The move −${step.direction === 'momentum' ? 'η·sign(g)' : 'η·sign(∇ₓL)'}: every channel moves by the same ${step.stepSize.toFixed(5)} (${(step.stepSize * 255).toFixed(2)} of 255 levels), against the gradient, drawn here at the amplification of x − x⁰.`;
    case 'clip':
      return `The clip keeps x within ε = ${epsilon.toFixed(4)} of x⁰ and within [0, 1]: ${clipped.ball} channels stopped at the ε-ball's edge and ${clipped.range} at 0 or 1; the other ${channels - clipped.ball - clipped.range} moved the full step.`;
  }
}
