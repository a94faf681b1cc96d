// The defense chart's points: for one defense, f's accuracy (percent) against ε alone under the
// naive attack and behind the defense under each attacker, with error bars as recharts wants them.
import type { DefenseId } from '../../defense/names';
import type { DefenseSummary } from '../../experiment/defense-summary';
import type { Proportion } from '../../experiment/statistics';

const DEFENSE_LINES = ['alone', 'naive', 'adaptive'] as const;
export type DefenseLine = (typeof DEFENSE_LINES)[number];

type DefenseChartPoint = { eps: number } & Record<DefenseLine, number> & Record<`${DefenseLine}Error`, [number, number]>;

export function defenseChartPoints(summary: DefenseSummary, defense: DefenseId): DefenseChartPoint[] {
  const line = (deployment: 'none' | DefenseId, attacker: 'naive' | 'adaptive') => summary.series.find((s) => s.deployment === deployment && s.attacker === attacker)!.points;
  const sources: Record<DefenseLine, { eps: number; accuracy: Proportion }[]> = { alone: line('none', 'naive'), naive: line(defense, 'naive'), adaptive: line(defense, 'adaptive') };
  return sources.alone.map(({ eps }, i) => {
    const point = { eps } as DefenseChartPoint;
    for (const key of DEFENSE_LINES) {
      const p = sources[key][i].accuracy;
      point[key] = p.value * 100;
      point[`${key}Error`] = [(p.value - p.low) * 100, (p.high - p.value) * 100];
    }
    return point;
  });
}
