import { attackLabel, interpretAttacks, summarizeAttacks, type AttackRow } from '../../experiment/attack-summary';
import { earlierHeadsNote } from '../../experiment/results';
import { COMMITTED_ATTACKS } from '../../experiment/results/experiment-view';
import { Cell } from './ResultsTable';

/** One table row per attack: f's accuracy at each ε of its part of the plan. */
function AttackRows({ rows, epsilons, madeOn }: { rows: AttackRow[]; epsilons: number[]; madeOn: string }) {
  const attacks = rows.filter((r) => r.eps === rows[0].eps).map((r) => r.attack);
  return attacks.map((attack, i) => (
    <tr key={`${madeOn}-${attack.method}-${attack.T}`}>
      {i === 0 && <th scope="rowgroup" rowSpan={attacks.length}>{madeOn}</th>}
      <th scope="row">{attackLabel(attack)}</th>
      {epsilons.map((eps) => (
        <Cell key={eps} p={rows.find((r) => r.eps === eps && r.attack.method === attack.method && r.attack.T === attack.T)?.accuracy} />
      ))}
    </tr>
  ));
}

/** The stronger attacks beside the course's: a table per part and the sentences the paired tests support. */
export function StrongerAttacks() {
  const results = COMMITTED_ATTACKS;
  const summary = summarizeAttacks(results);
  const { plan } = results;
  const epsilons = [...new Set([...plan.transfer.epsilons, ...plan.whitebox.epsilons])].sort((a, b) => a - b);
  return (
    <section className="stronger-attacks" aria-labelledby="stronger-attacks-title" data-testid="stronger-attacks">
      <h3 id="stronger-attacks-title">Stronger attacks: PGD, momentum and a black box that can only ask</h3>
      <p>
        The same budget on the {summary.n.transfer} lab test photos, judged as the 8-bit images the lab shows. Made on g and shown to f: all{' '}
        {summary.n.transfer} photos. Made on f (white box): {summary.n.whitebox} photos spread evenly through both classes ({summary.species.whitebox} of
        the {summary.species.transfer} species), as each step on f is slow. Square Attack asks f about {summary.n.query} such photos ({summary.species.query}{' '}
        species), at most {plan.query.queryBudget} images each: one, then {plan.query.batchSize} per forward pass, so its counts go 1, {1 + plan.query.batchSize},{' '}
        {1 + 2 * plan.query.batchSize}, …. The p-values are each test's own, not corrected for the number of tests. f is right on {summary.clean.k} of {summary.clean.n} of them when clean.{' '}
        {earlierHeadsNote(results) ?? 'Made with the heads the lab uses now.'}
      </p>
      <div className="results-scroll" role="region" aria-label="Stronger attacks results table" tabIndex={0}>
        <table className="results" data-testid="attacks-table">
          <caption>f's accuracy under each attack (95 % intervals in brackets; – where not run)</caption>
          <thead>
            <tr>
              <th scope="col">made on</th>
              <th scope="col">attack</th>
              {epsilons.map((eps) => (
                <th scope="col" key={eps}>ε = {eps}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            <AttackRows rows={summary.transfer} epsilons={epsilons} madeOn="g (black box)" />
            <AttackRows rows={summary.whitebox} epsilons={epsilons} madeOn="f (white box)" />
          </tbody>
        </table>
      </div>
      <div className="results-scroll" role="region" aria-label="Query attack results table" tabIndex={0}>
        <table className="results" data-testid="query-table">
          <caption>Square Attack asking f only for probabilities, on {summary.n.query} photos</caption>
          <thead>
            <tr>
              <th scope="col">ε</th>
              <th scope="col">flipped (of the photos f had right)</th>
              <th scope="col">median queries when flipped</th>
            </tr>
          </thead>
          <tbody>
            {summary.query.map((q) => (
              <tr key={q.eps}>
                <th scope="row">{q.eps}</th>
                <Cell p={q.success} />
                <td>{q.medianQueries ?? '–'} <span className="muted">of {q.budget}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="interpretation" data-testid="attacks-interpretation">
        {interpretAttacks(summary).map((s) => (
          <p key={s}>{s}</p>
        ))}
      </div>
    </section>
  );
}
