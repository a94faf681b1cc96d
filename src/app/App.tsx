import { lazy, useCallback, useRef, useState } from 'react';
import type { EmbedControl } from '../classroom/presentation';
import { ATTACKED_MODEL } from '../lab/settings';
import { sameSettings } from '../url/params';
import { CLASS_NAMES, predictedClass } from '../config';
import { MODEL_IDS, MODEL_SPECS } from '../models/specs';
import { AttackControls } from './lab/AttackControls';
import { AttackStats } from './lab/AttackStats';
import { BackendBadge } from './components/BackendBadge';
import { ChartExport } from './components/ChartExport';
import { ClassroomBar } from './components/ClassroomBar';
import { Gallery } from './lab/Gallery';
import { ImageViews } from './lab/ImageViews';
import { ModelCard } from './lab/ModelCard';
import { ShortcutsHelp } from './components/ShortcutsHelp';
import { UploadPicker } from './lab/UploadPicker';
import { useShortcuts } from './classroom/useShortcuts';
import { downloadAdversarial, lab, pageLink, showView, singleOutPhase } from './page';
import { PHOTO_CREDITS } from '../data-sets';
import { worldNotice } from './lab/world-notice';
import { StepViews } from './lab/StepViews';
import { LessonPanel } from './lesson/LessonPanel';
import { Timeline } from './lab/Timeline';
import { drawnModels, isReady, shownFrame, shownModels, useAppState } from './store';
import { LabChart } from './lab/LabChart';
import { LazyPart } from './components/LazyPart';

// Its own chunk, with the results only it shows and its charts: the lab's first visit does not download it.
const ExperimentView = lazy(() => import('./experiment/ExperimentView').then((m) => ({ default: m.ExperimentView })));
// KaTeX and the sentences under the lab, below the first screen: their own chunk, after the first paint.
const Explanation = lazy(() => import('./lab/Explanation').then((m) => ({ default: m.Explanation })));
const experimentLoading = <p role="status" className="muted" data-testid="experiment-loading">Loading the Experiment view…</p>;

export function App() {
  const state = useAppState();
  const chartArea = useRef<HTMLDivElement>(null);
  const { settings, gallery, models, presentation } = state;
  // The latest frame of the run, and the one on screen (an earlier one when the timeline was scrubbed back).
  const latest = state.frame;
  const frame = shownFrame(state);
  const { layout } = presentation;
  // An embed always shows the lab (its link fixes what it shows), unless its lesson's step shows the Experiment.
  const view = layout === 'embed' && state.lesson?.status !== 'open' ? 'lab' : state.view;
  const lesson = state.lesson && <LessonPanel lesson={state.lesson} />;
  const [helpOpen, setHelpOpen] = useState(false);
  const toggleHelp = useCallback(() => setHelpOpen((open) => !open), []);
  // Presenter mode only: in the lab, Space and the arrows keep scrolling the page.
  useShortcuts(layout === 'present', toggleHelp);
  /** The lab and presenter mode show everything; an embed what its link asks for. */
  const show = (c: EmbedControl) => layout !== 'embed' || presentation.controls.includes(c);
  const item = gallery.find((g) => g.id === settings.image);
  const describe = state.upload ? `your photo ${state.upload.name}` : item ? `${item.species} leaf, ${item.label}` : 'no image yet';
  const attacked = ATTACKED_MODEL[settings.mode];
  const ready = isReady(state);
  const shown = shownModels(settings.mode);
  const warning = worldNotice(state.frame?.outOfWorld);
  const saved = state.saved?.probabilities.inception_v3;
  const leaves = <Gallery items={gallery} selected={state.upload ? null : settings.image} onSelect={(id) => void lab.selectImage(id)} />;
  // The frame shown is of an older setting until the newest one's arrives (a slider being dragged).
  const updating = Boolean(frame) && !sameSettings(frame!.settings, settings);
  return (
    <div className={`app layout-${layout}`}>
      {layout === 'embed' ? (
        <h1 className="embed-title">
          <a href={pageLink({ ...presentation, layout: 'lab' })} target="_blank" rel="noopener">Adversarial Leaves ↗</a>
        </h1>
      ) : (
        <header>
          <h1>Adversarial Leaves</h1>
          {layout === 'lab' && <p className="tagline">How a tiny, invisible change to a photo fools a leaf-disease classifier.</p>}
          <BackendBadge backend={state.backend} error={state.backendError} />
          <nav className="view-switch" aria-label="Views">
            <button type="button" aria-pressed={view === 'lab'} onClick={() => showView('lab')}>Lab</button>
            <button type="button" aria-pressed={view === 'experiment'} onClick={() => showView('experiment')}>Experiment</button>
          </nav>
          <ClassroomBar state={state} onHelp={toggleHelp} />
        </header>
      )}
      {/* Its space is kept from the first paint: a notice arriving with the backend moves nothing below it. */}
      <div className="backend-status">
        {state.backendNotice && <p role="status" className="notices backend-notice" data-testid="backend-notice">{state.backendNotice}</p>}
      </div>
      {state.notices.length > 0 && (
        <ul className="notices" role="status" data-testid="notices">
          {state.notices.map((n) => <li key={n}>{n}</li>)}
        </ul>
      )}
      {view === 'experiment' ? <main className="single">{lesson}<LazyPart what="the Experiment view" fallback={experimentLoading}><ExperimentView state={state} /></LazyPart></main> : <main className={lesson ? 'with-lesson' : undefined}>
        {lesson}
        {layout === 'lab' && <section className="picker" aria-labelledby="picker-title">
          <h2 id="picker-title">1. Pick a leaf</h2>
          {state.galleryError && <p role="alert" className="error">{state.galleryError}</p>}
          {leaves}
          <UploadPicker upload={state.upload} />
          {warning && <p role="alert" className="warning" data-testid="world-warning">{warning}</p>}
          <div className="models">
            {MODEL_IDS.map((id) => <ModelCard key={id} id={id} status={models[id]} />)}
          </div>
        </section>}
        <section className="lab" aria-labelledby="lab-title">
          <h2 id="lab-title" className={layout === 'embed' ? 'visually-hidden' : undefined}>{layout === 'lab' ? '2. Attack it' : `Attacking: ${describe}`}</h2>
          {layout === 'embed' && show('gallery') && leaves}
          <AttackControls settings={settings} running={state.running} ready={ready} visible={layout === 'embed' ? presentation.controls : undefined} />
          {attacked && !models[attacked].info && (
            <p className="muted" data-testid="attack-waiting">
              {MODEL_SPECS[attacked].title} ({MODEL_SPECS[attacked].role}){' '}
              {models[attacked].error ? (
                <>
                  could not be loaded, and this attack needs it; the other modes still work.{' '}
                  <button type="button" onClick={() => void lab.retryModel(attacked)}>Retry loading {MODEL_SPECS[attacked].title}</button>
                </>
              ) : (
                'is still loading: this attack starts when it is ready.'
              )}
            </p>
          )}
          {state.labError && <p role="alert" className="error">{state.labError}</p>}
          <div className="frame-area" aria-busy={updating} data-testid="frame-area">
            <ImageViews original={state.originalImage} frame={frame} describe={describe} />
            <AttackStats frame={frame} original={state.original} models={shown} />
          </div>
          {latest && frame && !latest.queries && <Timeline frame={latest} shownT={frame.t} history={state.history} models={drawnModels(state)} running={state.running} onScrub={(t) => void lab.viewIteration(t)} />}
          {frame && show('chart') && (
            <div ref={chartArea} className="chart-block">
              <LabChart state={state} />
              {layout === 'lab' && <ChartExport container={chartArea} name={`adversarial-leaf-chart-t${frame.t}`} formats={['png']} label="lab chart" />}
            </div>
          )}
          {layout !== 'embed' && <StepViews frame={frame} phase={state.stepPhase} onPhase={singleOutPhase} />}
          {layout === 'lab' && <p className="download">
            <button type="button" onClick={() => frame && void downloadAdversarial(frame)} disabled={!frame}>Download adversarial PNG</button>
            {saved && (
              <span data-testid="saved-check" data-probabilities={JSON.stringify(saved)}>
                {' '}The saved 8-bit PNG (pixels rounded to 1/255) {predictedClass(saved) === frame!.target ? 'still fools f' : 'no longer fools f'}: f says{' '}
                {(Math.max(...saved) * 100).toFixed(1)}% {CLASS_NAMES[predictedClass(saved)]}.
              </span>
            )}
          </p>}
          {layout === 'lab' && <LazyPart what="the explanation" fallback={null}><Explanation settings={settings} /></LazyPart>}
        </section>
      </main>}
      <footer>
        {state.debug && frame && (
          <p data-testid="debug" data-tensors={frame.memory.numTensors} data-bytes={frame.memory.numBytes}>
            <span data-testid="debug-memory">tensors in the worker: {frame.memory.numTensors} ({(frame.memory.numBytes / 2 ** 20).toFixed(1)} MiB)</span> ·{' '}
            <span data-testid="debug-loops" data-live={state.loops.live} data-most={state.loops.most}>
              run loops: {state.loops.live} live, at most {state.loops.most} at once
            </span>{' '}
            ·{' '}
            <span data-testid="debug-frame" data-epsilon={frame.settings.epsilon} data-iterations={frame.settings.iterations} data-mode={frame.settings.mode} data-method={frame.settings.method}>
              frame of ε = {frame.settings.epsilon}, T = {frame.settings.iterations}, {frame.settings.mode}, {frame.settings.method}
            </span>
          </p>
        )}
        {state.debug && (
          <p data-testid="debug-messages">
            messages ignored: {state.ignoredMessages.count}{state.ignoredMessages.last && ` (last: ${state.ignoredMessages.last})`}
          </p>
        )}
        {layout !== 'embed' && `${PHOTO_CREDITS} Base models from nsfwjs (MIT).`}
      </footer>
      <ShortcutsHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}
