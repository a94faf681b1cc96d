import type { ExperimentSummary } from '../../experiment/summary';
import { FEW_STEPS, MANY_STEPS, type AccuracyPoint } from './chart-data';

const pct = (x: number) => (Number.isNaN(x) ? '–' : `${x.toFixed(1)} %`);

/** The chart's numbers, and g's accuracy on its own images (how hard the attack fooled g). */
export function ResultsTable({ points, summary, cleanSubstitute }: { points: AccuracyPoint[]; summary: ExperimentSummary; cleanSubstitute: number }) {
  const clean = pct(summary.rows[0].accuracy * 100);
  return (
    <table className="results" data-testid="experiment-table">
      <caption>Accuracy on {summary.n} test images</caption>
      <thead>
        <tr>
          <th scope="col" rowSpan={2}>ε</th>
          <th scope="colgroup" colSpan={4}>f (InceptionV3, the target)</th>
          <th scope="colgroup" colSpan={2}>g on its own images</th>
        </tr>
        <tr>
          <th scope="col">noise (mean ± std)</th>
          <th scope="col">black box T = {FEW_STEPS}</th>
          <th scope="col">black box T = {MANY_STEPS}</th>
          <th scope="col">white box T = 1</th>
          <th scope="col">T = {FEW_STEPS}</th>
          <th scope="col">T = {MANY_STEPS}</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">0 (no attack)</th>
          <td colSpan={4}>{clean}</td>
          <td colSpan={2}>{pct(cleanSubstitute * 100)}</td>
        </tr>
        {points.map((p) => (
          <tr key={p.eps}>
            <th scope="row">{p.eps}</th>
            <td>{pct(p.noise)} ± {p.noiseStd.toFixed(1)}</td>
            <td>{pct(p.blackboxFew)}</td>
            <td>{pct(p.blackboxMany)}</td>
            <td>{pct(p.whitebox)}</td>
            <td>{pct(p.substituteFew)}</td>
            <td>{pct(p.substituteMany)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
