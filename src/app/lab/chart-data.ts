// The lab chart's rows and marks from the run's history: each model's P(y*), the attacked model's
// loss, and the distances, per t. Pure, so the numbers a reader hovers over are tested in Node.
import { predictedClass } from '../../config';
import type { ModelId } from '../../models/specs';
import type { HistoryPoint } from '../store';

export interface ChartRow {
  t: number;
  /** P(y*) of each model. */
  [model: string]: number;
}

/**
 * Cross-entropy towards y* of the probabilities shown, −ln P(y*): the loss the attack lowers. The
 * page only has probabilities; for two classes float32 softmax keeps P(y*) above 0 until the logits
 * differ by about 87, far past anything these heads give, so nothing is lost against the logits.
 */
export const lossTowards = (probabilities: number[], target: number) => -Math.log(probabilities[target]);

export function chartRows(history: HistoryPoint[], target: number, models: ModelId[], attacked: ModelId): ChartRow[] {
  return history.map((p) => {
    const row: ChartRow = { t: p.t, linf: p.linf, l2: p.l2 };
    for (const id of models) if (p.probabilities[id]) row[id] = p.probabilities[id]![target];
    if (p.probabilities[attacked]) row.loss = lossTowards(p.probabilities[attacked]!, target);
    return row;
  });
}

/** The first t at which f says y*, when it did not at x⁰ (null if it never has). */
export function firstFooled(history: HistoryPoint[], target: number): number | null {
  const says = (p: HistoryPoint) => p.probabilities.inception_v3 && predictedClass(p.probabilities.inception_v3) === target;
  if (!history.length || says(history[0])) return null;
  return history.find(says)?.t ?? null;
}
