import { DEFAULT_PLAN } from '../../experiment/protocol';
import { COMMITTED_RESULTS } from '../../experiment/results';
import { interpret, summarize, type ExperimentSummary } from '../../experiment/summary';
import { formatDuration } from '../../experiment/progress';
import type { AppState } from '../store';
import { AccuracyChart } from './AccuracyChart';
import { accuracyPoints } from './chart-data';
import { ResultsTable } from './ResultsTable';
import { RunPanel } from './RunPanel';

const committed = summarize(COMMITTED_RESULTS);
const committedPoints = accuracyPoints(committed);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

function WhiteboxClaim({ summary }: { summary: ExperimentSummary }) {
  const w = summary.whiteboxSuccess;
  if (!w) return null;
  return (
    <p className="claim" data-testid="whitebox-success">
      <strong>White box, ε = {w.eps}, T = 1:</strong> one step flips f to the target class on <strong>{w.flipped} of {w.correct}</strong> test
      images it classified correctly (<strong>{pct(w.rate)}</strong>). The course says one step at ε = 0.01 already fools the target model.
    </p>
  );
}

/** The course's second figure: does an attack made on g fool f, compared with random noise? */
export function ExperimentView({ state }: { state: AppState }) {
  const run = state.experimentRun;
  const live = run.status !== 'idle' && run.images.length > 0;
  const summary = live ? summarize({ split: 'test', plan: DEFAULT_PLAN, images: run.images }) : committed;
  const points = live ? accuracyPoints(summary) : committedPoints;
  const ready = Boolean(state.models.inception_v3.info && state.models.mobilenet_v2.info);
  const caption = live
    ? `Your run in this browser: ${run.images.length} of ${run.total} test images (faint lines: the committed run on ${committed.n})`
    : `Committed run: all ${committed.n} test images (npm run experiment, ${COMMITTED_RESULTS.backend} backend, ${formatDuration(COMMITTED_RESULTS.durationMs)} of computing)`;
  return (
    <section className="experiment" aria-labelledby="experiment-title">
      <h2 id="experiment-title">Does the attack transfer? f's accuracy against ε</h2>
      <p className="experiment-intro">
        Each test image is changed by at most ε per pixel in four ways and shown to the target f: <em>random sign noise</em> (five
        seeds), a <em>black-box</em> attack computed on the substitute g (targeted FGSM towards the wrong class, T = 1 or 10 steps) that
        never looks at f, and a <em>white-box</em> attack on f itself.
      </p>
      <div className="experiment-figure">
        <AccuracyChart points={points} clean={summary.rows[0].accuracy} faded={live ? committedPoints : undefined} caption={caption} />
        <ResultsTable points={points} summary={summary} cleanSubstitute={summary.cleanSubstitute} />
      </div>
      <div className="experiment-side">
        <WhiteboxClaim summary={summary} />
        <div className="interpretation" data-testid="interpretation">
          <h3>What {live ? 'your run' : 'our data'} shows</h3>
          {interpret(summary, DEFAULT_PLAN).map((s) => <p key={s}>{s}</p>)}
          <p className="small muted">
            Beside it: the course observes that adversarial images made on a substitute hurt the target far more than noise of the same
            size, and that T = 1 transfers better than many iterations, which over-fit the substitute. Kurakin, Goodfellow &amp; Bengio
            (2016), <a href="https://arxiv.org/abs/1611.01236">“Adversarial Machine Learning at Scale”</a>, found single-step attacks
            transfer better than iterative ones.
          </p>
        </div>
        <RunPanel run={run} ready={ready} testImages={committed.n} />
      </div>
    </section>
  );
}
