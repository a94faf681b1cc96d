import { useEffect, useRef, useState } from 'react';
import type { DataSet } from '../../data-sets';
import { DEFAULT_PLAN, type Pixels } from '../../experiment/protocol';
import { COMMITTED_BY_SET } from '../../experiment/results/experiment-view';
import { withInterval } from '../../experiment/statistics';
import { interpret, type ExperimentSummary } from '../../experiment/summary';
import { fetchGallery, testSetIndex } from '../../gallery/gallery';
import type { AppState } from '../store';
import { SITE_URL } from '../worker-host';
import { AccuracyChart } from './AccuracyChart';
import { ChartExport } from '../components/ChartExport';
import { summaryCsv } from '../../experiment/csv';
import { DefenseCharts } from './DefenseCharts';
import { chartPoints, MEASURES, type Measure } from './chart-data';
import { DATA_SET_CHOICES, experimentCommand, shownExperiment } from './data-set-choice';
import { ResultsTable } from './ResultsTable';
import { RunPanel } from './RunPanel';
import { StrongerAttacks } from './StrongerAttacks';

const PIXEL_CHOICES: { id: Pixels; label: string }[] = [
  { id: '8bit', label: '8-bit images (what the lab shows and saves)' },
  { id: 'float', label: 'float iterates (before rounding)' },
];

function WhiteboxClaim({ summary }: { summary: ExperimentSummary }) {
  const w = summary.whiteboxSuccess;
  if (!w) return null;
  return (
    <p className="claim" data-testid="whitebox-success">
      <strong>White box, ε = {w.eps}, T = 1:</strong> one step flips f to the target class on <strong>{w.flips.k} of {w.flips.n}</strong> test
      images it classified correctly (<strong>{withInterval(w.flips)}</strong>, 95 % interval). The course says one step at ε = 0.01
      already fools the target model.
    </p>
  );
}

/** A row of radio buttons: one choice of a few, in a fieldset with a visible legend. */
function Choice<T extends string>({ legend, name, options, value, onChange }: { legend: string; name: string; options: { id: T; label: string }[]; value: T; onChange: (v: T) => void }) {
  return (
    <fieldset className="choice" data-testid={`${name}-choice`}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.id}>
          <input type="radio" name={name} value={o.id} checked={value === o.id} onChange={() => onChange(o.id)} /> {o.label}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * The size of a data set's test set index (what "Run it yourself" runs on), fetched only for a set
 * without committed results (those know their size); an error where it cannot be loaded.
 */
function useTestSetSize(set: DataSet): { size: number | null; error: string | null } {
  const [known, setKnown] = useState<Partial<Record<DataSet, number | Error>>>({});
  const needed = COMMITTED_BY_SET[set] === null && known[set] === undefined;
  useEffect(() => {
    if (!needed) return;
    let current = true;
    fetchGallery(SITE_URL, testSetIndex(set)).then(
      (items) => current && setKnown((k) => ({ ...k, [set]: items.length })),
      (e: unknown) => current && setKnown((k) => ({ ...k, [set]: e instanceof Error ? e : new Error(String(e)) })),
    );
    return () => {
      current = false;
    };
  }, [set, needed]);
  const value = known[set];
  return { size: typeof value === 'number' ? value : null, error: value instanceof Error ? value.message : null };
}

/** The course's second figure: does an attack made on g fool f, compared with random noise? */
export function ExperimentView({ state }: { state: AppState }) {
  const [measure, setMeasure] = useState<Measure>('accuracy');
  const chartArea = useRef<HTMLDivElement>(null);
  const [pixels, setPixels] = useState<Pixels>('8bit');
  const [dataSet, setDataSet] = useState<DataSet>('lab');
  const run = state.experimentRun;
  const testSet = useTestSetSize(dataSet);
  const { committed, summary, live, testImages, caption, notRun } = shownExperiment({ set: dataSet, pixels, results: COMMITTED_BY_SET, run, testSetSize: testSet.size });
  const ready = Boolean(state.models.inception_v3.info && state.models.mobilenet_v2.info);
  return (
    <section className="experiment" aria-labelledby="experiment-title">
      <h2 id="experiment-title">Does the attack transfer? f against ε</h2>
      <p className="experiment-intro">
        Each test image is changed by at most ε per pixel in four ways and shown to the target f: <em>random sign noise</em> (five
        seeds), a <em>black-box</em> attack computed on the substitute g (targeted FGSM towards the wrong class, T = 1 or 10 steps) that
        never looks at f, and a <em>white-box</em> attack on f itself. Error bars and brackets are 95 % intervals.
      </p>
      <div className="experiment-controls">
        <Choice legend="Data set" name="data-set" options={DATA_SET_CHOICES} value={dataSet} onChange={setDataSet} />
        <Choice legend="Show" name="measure" options={MEASURES} value={measure} onChange={setMeasure} />
        <Choice legend="Judge" name="pixels" options={PIXEL_CHOICES} value={pixels} onChange={setPixels} />
      </div>
      {summary && caption ? (
        <div className="experiment-figure" ref={chartArea}>
          <AccuracyChart points={chartPoints(summary, measure)} measure={measure} clean={summary.clean.value} faded={live && committed ? chartPoints(committed, measure) : undefined} caption={caption} />
          <ChartExport container={chartArea} name={`adversarial-leaves-${dataSet}-${measure}-${pixels}`} formats={['png', 'svg']} csv={() => summaryCsv(summary)} label="Experiment chart" />
          <ResultsTable summary={summary} measure={measure} />
        </div>
      ) : (
        <div className="experiment-figure">
          <p className="not-run" role="status" data-testid="experiment-not-run">
            {notRun!.split(experimentCommand(dataSet)).flatMap((part, i) => (i ? [<code key={i}>{experimentCommand(dataSet)}</code>, part] : [part]))}
          </p>
          {testSet.error && <p role="alert" className="error">{testSet.error}</p>}
        </div>
      )}
      <div className="experiment-side">
        {summary && <WhiteboxClaim summary={summary} />}
        <div className="interpretation" data-testid="interpretation">
          <h3>What {live ? 'your run' : 'our data'} shows</h3>
          {summary ? interpret(summary, DEFAULT_PLAN).map((s) => <p key={s}>{s}</p>) : <p>Nothing yet: no run on these photos.</p>}
          <p className="small muted">
            Beside it: the course observes that adversarial images made on a substitute hurt the target far more than noise of the same
            size, and that T = 1 transfers better than many iterations, which over-fit the substitute. Kurakin, Goodfellow &amp; Bengio
            (2016), <a href="https://arxiv.org/abs/1611.01236">“Adversarial Machine Learning at Scale”</a>, found single-step attacks
            transfer better than iterative ones.
          </p>
        </div>
        <RunPanel run={run} ready={ready} dataSet={dataSet} testImages={testImages} />
      </div>
      <StrongerAttacks />
      <DefenseCharts />
    </section>
  );
}
