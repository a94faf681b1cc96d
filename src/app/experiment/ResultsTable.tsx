import { formatP, type Proportion } from '../../experiment/statistics';
import { invisibleIn8Bit, series, SIGNIFICANCE, type ExperimentSummary } from '../../experiment/summary';
import { FEW_STEPS, MANY_STEPS, measured, MEASURES, type Measure } from './chart-data';

/** A value and, under it, its 95 % interval; counts on hover where they are whole images. */
export function Cell({ p, colSpan }: { p: Proportion | undefined; colSpan?: number }) {
  if (!p || Number.isNaN(p.value)) return <td colSpan={colSpan}>–</td>;
  const counts = Number.isInteger(p.k) ? `${p.k} of ${p.n} images` : `mean ${p.k.toFixed(1)} of ${p.n} images over the noise seeds`;
  return (
    <td title={counts} colSpan={colSpan}>
      {(p.value * 100).toFixed(1)} %<span className="interval">[{(p.low * 100).toFixed(1)}–{(p.high * 100).toFixed(1)}]</span>
    </td>
  );
}

/** A paired test's p-value, bold where it is below the significance level. */
function PCell({ p }: { p: number | undefined }) {
  if (p === undefined) return <td>–</td>;
  return <td>{p < SIGNIFICANCE ? <strong>{formatP(p)}</strong> : formatP(p)}</td>;
}

/** The chart's numbers with their intervals; for accuracy also g on its own images and the paired tests. */
export function ResultsTable({ summary, measure }: { summary: ExperimentSummary; measure: Measure }) {
  const accuracy = measure === 'accuracy';
  const row = (method: 'noise' | 'blackbox' | 'whitebox', eps: number, T: number | null = null) => {
    const r = series(summary, method, T).find((x) => x.eps === eps);
    return r && measured(r, measure);
  };
  const epsilons = series(summary, 'noise').map((r) => r.eps);
  const blind = summary.pixels === '8bit' && epsilons.some(invisibleIn8Bit);
  const caption = accuracy
    ? `f's accuracy on ${summary.n} test images, ${summary.pixels === '8bit' ? '8-bit images as the lab shows them' : 'float iterates'} (95 % intervals in brackets)`
    : `${MEASURES.find((m) => m.id === measure)!.label}: share of the leaves f had right that it now calls the target (95 % intervals)`;
  return (
    // Focusable, so that keyboard users can scroll a table wider than a phone.
    <div className="results-scroll" role="region" aria-label="Experiment results table" tabIndex={0}>
      <table className="results" data-testid="experiment-table" data-measure={measure}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>ε</th>
            <th scope="colgroup" colSpan={4}>f (InceptionV3, the target)</th>
            {accuracy && <th scope="colgroup" colSpan={2}>g on its own images</th>}
            {accuracy && <th scope="colgroup" colSpan={2}>exact McNemar, same images</th>}
          </tr>
          <tr>
            <th scope="col">noise (mean of seeds)</th>
            <th scope="col">black box T = {FEW_STEPS}</th>
            <th scope="col">black box T = {MANY_STEPS}</th>
            <th scope="col">white box T = 1</th>
            {accuracy && <th scope="col">T = {FEW_STEPS}</th>}
            {accuracy && <th scope="col">T = {MANY_STEPS}</th>}
            {accuracy && <th scope="col">black box T = {FEW_STEPS} vs noise</th>}
            {accuracy && <th scope="col">T = {FEW_STEPS} vs T = {MANY_STEPS}</th>}
          </tr>
        </thead>
        <tbody>
          {accuracy && (
            <tr>
              <th scope="row">0 (no attack)</th>
              <Cell p={summary.clean} colSpan={4} />
              <Cell p={summary.cleanSubstitute} colSpan={2} />
              <td colSpan={2} />
            </tr>
          )}
          {epsilons.map((eps) => {
            const tests = summary.tests.find((t) => t.eps === eps);
            const g = (T: number) => summary.substitute.find((s) => s.eps === eps && s.T === T)?.accuracy;
            return (
              <tr key={eps} data-eps={eps}>
                <th scope="row">{eps}{blind && invisibleIn8Bit(eps) ? ' *' : ''}</th>
                <Cell p={row('noise', eps)} />
                <Cell p={row('blackbox', eps, FEW_STEPS)} />
                <Cell p={row('blackbox', eps, MANY_STEPS)} />
                <Cell p={row('whitebox', eps)} />
                {accuracy && <Cell p={g(FEW_STEPS)} />}
                {accuracy && <Cell p={g(MANY_STEPS)} />}
                {accuracy && <PCell p={tests?.blackboxVsNoise.p} />}
                {accuracy && <PCell p={tests?.fewVsMany?.p} />}
              </tr>
            );
          })}
        </tbody>
      </table>
      {blind && <p className="small muted" data-testid="invisible-note">* ε &lt; 1/255: no whole brightness level fits in the budget, so the 8-bit image is x⁰ itself.</p>}
    </div>
  );
}
