// The out-of-world notice, in a student's words, from f's measured score of x⁰ (lab/session.ts).
import type { WorldReading } from '../../lab/session';

const figure = (v: number) => v.toPrecision(3);

/** A warning when f's features put x⁰ outside the world it learned; null inside it or before f loads. */
export function worldNotice(reading: WorldReading | null | undefined): string | null {
  if (!reading || reading.score <= reading.threshold) return null;
  return (
    `f has not learned photos like this one. We measure how far f's features for a photo lie from those of the photos it was trained on: ` +
    `this one is at ${figure(reading.score)}, while at least ${Math.round(reading.pass * 100)} % of the validation photos of each kind, lab and field, are at ${figure(reading.threshold)} or less. ` +
    `What f says about it, and so any attack on that verdict, tells you little.`
  );
}
