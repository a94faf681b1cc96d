// From the defense experiment's records to the chart's points and the sentences beside them: f's
// accuracy against ε alone and behind each defense, under each attacker, with 95 % intervals and
// paired tests on the same images. Pure functions (no tfjs).
import { DEFENSE_IDS, DEFENSE_LABELS, type DefenseId } from '../defense/names';
import type { Attacker } from '../lab/settings';
import { defenseKey, type DefenseResults, type Deployment, type Made } from './defenses';
import { exactMcNemar, formatP, withInterval, wilson, type PairedTest, type Proportion } from './statistics';
import { verdict } from './summary';

interface DefensePoint {
  eps: number;
  accuracy: Proportion;
}

/** One line of the chart: f alone or behind a defense, under one attacker; its first point is the clean images (ε = 0). */
interface DefenseSeries {
  deployment: Deployment;
  attacker: Attacker;
  points: DefensePoint[];
}

interface DefenseTests {
  defense: DefenseId;
  eps: number;
  /** The naive attack's images judged by f alone (first) and behind the defense (second): does the defense stop it? */
  naiveAloneVsBehind: PairedTest;
  /** Behind the defense, the adaptive attack (first) against the naive one (second): does adapting win it back? */
  adaptiveVsNaive: PairedTest;
}

export interface DefenseSummary {
  n: number;
  /** How many species the photos come from. */
  species: number;
  epsilons: number[];
  series: DefenseSeries[];
  tests: DefenseTests[];
}

export function summarizeDefenses({ plan, images }: Pick<DefenseResults, 'plan' | 'images'>): DefenseSummary {
  const right = (deployment: Deployment, made: Made, eps: number) => images.map((im) => im.predicted[defenseKey(deployment, made, eps)] === im.label);
  const accuracy = (r: boolean[]) => wilson(r.filter(Boolean).length, r.length);
  const line = (deployment: Deployment, attacker: DefenseSeries['attacker']): DefenseSeries => ({
    deployment,
    attacker,
    points: [{ eps: 0, accuracy: accuracy(right(deployment, 'clean', 0)) }, ...plan.epsilons.map((eps) => ({ eps, accuracy: accuracy(right(deployment, attacker, eps)) }))],
  });
  return {
    n: images.length,
    species: new Set(images.map((im) => im.species)).size,
    epsilons: plan.epsilons,
    series: [line('none', 'naive'), ...DEFENSE_IDS.flatMap((d) => [line(d, 'naive'), line(d, 'adaptive')])],
    tests: DEFENSE_IDS.flatMap((defense) =>
      plan.epsilons.map((eps) => ({
        defense,
        eps,
        naiveAloneVsBehind: exactMcNemar(right('none', 'naive', eps), right(defense, 'naive', eps)),
        adaptiveVsNaive: exactMcNemar(right(defense, 'adaptive', eps), right(defense, 'naive', eps)),
      })),
    ),
  };
}

const pointOf = (summary: DefenseSummary, deployment: Deployment, attacker: DefenseSeries['attacker'], eps: number) =>
  summary.series.find((s) => s.deployment === deployment && s.attacker === attacker)!.points.find((p) => p.eps === eps)!.accuracy;

/** A paired test in words: what it means when the first condition leaves f wrong more often, when the second does, or neither. */
function says(t: PairedTest, words: Record<ReturnType<typeof verdict>, string>): string {
  return `${words[verdict(t)]}, ${formatP(t.p)}`;
}

/** One sentence per defense and ε: the three accuracies, whether the defense stopped the naive attack, whether the adaptive one won it back. */
export function interpretDefenses(summary: DefenseSummary): string[] {
  return summary.tests.map(({ defense, eps, naiveAloneVsBehind, adaptiveVsNaive }) => {
    const [alone, naive, adaptive] = [pointOf(summary, 'none', 'naive', eps), pointOf(summary, defense, 'naive', eps), pointOf(summary, defense, 'adaptive', eps)];
    const stopped = says(naiveAloneVsBehind, { first: 'the defense stops part of it', second: 'the defense makes it worse', neither: 'no measurable difference from f alone' });
    const adapted = says(adaptiveVsNaive, { first: 'the defense falls again', second: 'weaker than the naive attack here', neither: 'no measurable difference from the naive attack' });
    return `${DEFENSE_LABELS[defense]}, ε = ${eps}: f alone ${withInterval(alone)}; behind the defense, naive attacker ${withInterval(naive)} (${stopped}); adaptive attacker ${withInterval(adaptive)} (${adapted}).`;
  });
}
