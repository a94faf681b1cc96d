import { CartesianGrid, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { DEFENSE_IDS, DEFENSE_LABELS, type DefenseId } from '../../defense/names';
import { interpretDefenses, summarizeDefenses } from '../../experiment/defense-summary';
import { earlierHeadsNote } from '../../experiment/results';
import { COMMITTED_DEFENSES } from '../../experiment/results/experiment-view';
import { defenseChartPoints, type DefenseLine } from './defense-chart-data';
import { errorLines, type ChartLine } from './error-lines';

// Okabe–Ito colours, each line with its own dash as well.
const LINES: ChartLine<DefenseLine>[] = [
  { key: 'alone', name: 'f alone, attacked', colour: '#999999', dash: '2 3' },
  { key: 'naive', name: 'behind the defense, naive attacker', colour: '#e69f00', dash: '8 4' },
  { key: 'adaptive', name: 'behind the defense, adaptive attacker', colour: '#0072b2' },
];

function DefenseChart({ defense, points, n }: { defense: DefenseId; points: ReturnType<typeof defenseChartPoints>; n: number }) {
  return (
    <figure className="chart defense-chart" data-testid={`defense-chart-${defense}`}>
      <figcaption>{DEFENSE_LABELS[defense]}</figcaption>
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={points} margin={{ top: 12, right: 16, bottom: 24, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="eps" type="category" label={{ value: 'ε (0: clean)', position: 'insideBottom', offset: -12 }} />
          <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tickFormatter={(v: number) => `${v} %`} width={60} />
          <Tooltip formatter={(v: number) => `${v.toFixed(1)} % of ${n}`} labelFormatter={(e) => `ε = ${e}`} />
          {errorLines(LINES)}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** The cat and mouse, measured: f's accuracy against ε behind each defense, naive and adaptive attacker. */
export function DefenseCharts() {
  const results = COMMITTED_DEFENSES;
  const summary = summarizeDefenses(results);
  const { plan } = results;
  return (
    <section className="defense-results" aria-labelledby="defense-results-title" data-testid="defense-results">
      <h3 id="defense-results-title">Defenses under attack</h3>
      <p>
        f's accuracy on {summary.n} lab test photos spread evenly through both classes ({summary.species} species), clean (ε = 0) and under white-box
        I-FGSM with T = {plan.iterations}: the <em>naive</em> attacker attacks f alone and its image is then judged through the defense;
        the <em>adaptive</em> attacker attacks through it (BPDA where a defense has no gradient, resize and pad's own gradient, EOT over {plan.eotSamples} draws for the random one). A small subset,
        because each adaptive step through a random defense costs {plan.eotSamples} gradients of f: the intervals are wide, and the p-values are each test's own, not corrected for the {2 * summary.tests.length} tests.{' '}
        {earlierHeadsNote(results) ?? 'Made with the heads the lab uses now.'}
      </p>
      <ul className="defense-legend" aria-label="Lines in each chart">
        {LINES.map((l) => (
          <li key={l.key}>
            <svg width="32" height="10" aria-hidden="true">
              <line x1="0" y1="5" x2="32" y2="5" stroke={l.colour} strokeWidth="2.5" strokeDasharray={l.dash} />
            </svg>{' '}
            {l.name}
          </li>
        ))}
      </ul>
      <div className="defense-charts">
        {DEFENSE_IDS.map((d) => (
          <DefenseChart key={d} defense={d} points={defenseChartPoints(summary, d)} n={summary.n} />
        ))}
      </div>
      <div className="interpretation" data-testid="defense-interpretation">
        {interpretDefenses(summary).map((s) => (
          <p key={s}>{s}</p>
        ))}
      </div>
    </section>
  );
}
