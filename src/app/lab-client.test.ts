import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type LabSettings } from '../lab/settings';
import { pngOf } from '../images/testing/make-images';
import type { GalleryItem } from '../gallery/gallery';
import { LabClient, UNKNOWN_LEAF_NOTICE } from './lab-client';
import { INITIAL_STATE, createStore, type AppState } from './store';
import { FakeWorker, UNDECODABLE } from './testing/fake-worker';

const SITE = 'http://lab.test/sub/';
const GALLERY: GalleryItem[] = ['leaf-a', 'leaf-b'].map((id) => ({ id, src: `gallery/${id}.png`, label: 'diseased', species: 'grape', condition: 'black rot', dataSet: 'lab' }));
const urlOf = (id: string) => `${SITE}gallery/${id}.png`;

/** Turns of the event loop until `done` holds: counted, never timed (the fake answers on later turns). */
async function until(done: () => boolean, what: string, turns = 5000): Promise<void> {
  for (let i = 0; i < turns; i++) {
    if (done()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`never happened: ${what}`);
}

async function startedLab(settings: Partial<LabSettings> = {}, gallery = GALLERY) {
  const worker = new FakeWorker();
  const store = createStore({ ...INITIAL_STATE, settings: { ...DEFAULT_SETTINGS, image: 'leaf-a', ...settings } });
  const waits: number[] = [];
  const lab = new LabClient({ worker, store, siteUrl: SITE, loadGallery: async () => gallery, wait: async (ms) => void waits.push(ms) });
  await lab.start({});
  const state = () => store.getState();
  return { worker, store, lab, state, waits };
}

/** The settings of every frame the store shows from now on. */
function shownFrames(store: ReturnType<typeof createStore>): LabSettings[] {
  const shown: LabSettings[] = [];
  let last: AppState['frame'] = store.getState().frame;
  store.subscribe(() => {
    const { frame } = store.getState();
    if (frame && frame !== last) shown.push(frame.settings);
    last = frame;
  });
  return shown;
}

describe('the lab client', () => {
  it('starts the backend, loads g then f, and shows the link’s leaf at x⁰', async () => {
    const { worker, state } = await startedLab({ image: 'leaf-b' });
    expect(worker.current.calls.slice(0, 4)).toEqual(['init', 'loadModel:mobilenet_v2', `reset:${urlOf('leaf-b')}|0.01|1|whitebox`, 'loadModel:inception_v3']);
    expect(state().frame?.t).toBe(0);
    expect(Object.keys(state().models).every((id) => state().models[id as keyof AppState['models']].info)).toBe(true);
    expect(state().settings.image).toBe('leaf-b');
  });

  it('shows the first leaf, with a notice, when the link names one the gallery lacks', async () => {
    const { state, worker } = await startedLab({ image: 'nope' });
    expect(state().settings.image).toBe('leaf-a');
    expect(state().notices).toEqual([UNKNOWN_LEAF_NOTICE]);
    expect(worker.current.calls).toContain(`reset:${urlOf('leaf-a')}|0.01|1|whitebox`);
  });

  it('the page may paint once the gallery is in the store, before any model has loaded, and also when the gallery fails', async () => {
    for (const loadGallery of [async () => GALLERY, async () => Promise.reject(new Error('gallery/gallery.json: HTTP 404'))]) {
      const worker = new FakeWorker();
      const store = createStore({ ...INITIAL_STATE, settings: { ...DEFAULT_SETTINGS, image: 'leaf-a' } });
      const lab = new LabClient({ worker, store, siteUrl: SITE, loadGallery, wait: async () => undefined });
      let atPaint: AppState | null = null;
      void lab.galleryReady.then(() => (atPaint = store.getState()));
      await lab.start({});
      const painted = atPaint as AppState | null;
      expect(painted!.gallery.length > 0 || painted!.galleryError !== null).toBe(true);
      expect(painted!.models.inception_v3.info).toBeNull();
    }
  });

  it('the newest setting wins: a storm of moves while the worker is busy sends and shows only the newest', async () => {
    const { worker, store, lab, state } = await startedLab();
    const shown = shownFrames(store);
    const resetsBefore = worker.current.count('reset');
    worker.current.hold('reset');
    const moves = [lab.updateSettings({ epsilon: 0.0005 })];
    await until(() => worker.current.count('reset') === resetsBefore + 1, 'the first move on its way');
    for (let i = 2; i <= 50; i++) moves.push(lab.updateSettings({ epsilon: 0.0005 * i }));
    expect(state().settings.epsilon).toBe(0.025); // the controls show the newest at once
    worker.current.release('reset');
    await Promise.all(moves);
    // The first move was on its way (its frame, stale by then, is not shown); of the 49 that waited, only the newest was sent.
    expect(worker.current.count('reset') - resetsBefore).toBe(2);
    expect(shown.map((s) => s.epsilon)).toEqual([0.025]);
    expect(state().frame?.settings.epsilon).toBe(0.025);
  });

  it('a setting changed mid-run starts over from x⁰ and runs on with the newest setting', async () => {
    const { lab, state, worker } = await startedLab({ iterations: 20 });
    const running = lab.run();
    await until(() => (state().frame?.t ?? 0) >= 3, 't = 3');
    await lab.updateSettings({ iterations: 5, mode: 'blackbox' });
    await running;
    await until(() => Boolean(state().frame?.done) && !state().running, 'the run to finish');
    expect(state().frame).toMatchObject({ t: 5, iterations: 5, settings: { mode: 'blackbox' } });
    expect(state().history.map((p) => p.t)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(state().loops.most).toBe(1);
    expect(worker.current.mostStepsInFlight).toBe(1);
  });

  it('at most one run loop, however Run and Pause are hammered, and exactly T steps', async () => {
    const { lab, state, worker } = await startedLab({ iterations: 12 });
    const stepsBefore = worker.current.count('step');
    const loops = [];
    for (let i = 0; i < 10; i++) {
      loops.push(lab.run(), lab.run());
      lab.pause();
      loops.push(lab.run());
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(loops);
    await until(() => Boolean(state().frame?.done) && !state().running, 'the run to finish');
    expect(state().frame?.t).toBe(12);
    expect(worker.current.count('step') - stepsBefore).toBe(12);
    expect(state().loops).toEqual({ live: 0, most: 1 });
    expect(worker.current.mostStepsInFlight).toBe(1);
  });

  it('pause stops after the step on its way; step takes one; reset goes back to x⁰; Run after the end starts over', async () => {
    const { lab, state, worker, waits } = await startedLab({ iterations: 4 });
    worker.current.hold('step');
    const running = lab.run();
    await until(() => worker.current.count('step') === 1, 'a step on its way');
    lab.pause();
    expect(state().running).toBe(false);
    worker.current.release('step');
    await running;
    expect(state().frame?.t).toBe(1); // the step on its way is shown…
    expect(worker.current.count('step')).toBe(1); // …and no other is asked for
    await lab.step();
    expect([state().frame?.t, state().running]).toEqual([2, false]);
    await lab.reset();
    expect(state().frame?.t).toBe(0);
    expect(state().history.map((p) => p.t)).toEqual([0]);
    await lab.run();
    expect(state().frame).toMatchObject({ t: 4, done: true });
    const resets = worker.current.count('reset');
    await lab.run(); // finished: Run starts over from x⁰
    expect(worker.current.count('reset')).toBe(resets + 1);
    expect(state().frame).toMatchObject({ t: 4, done: true });
    expect(waits).toEqual([]); // no slow motion asked for
  });

  it('slow motion narrates every gradient step, the last too: its four operations one after another', async () => {
    const { lab, store, waits } = await startedLab({ iterations: 3 });
    store.setState({ presentation: { ...store.getState().presentation, slowMotion: true } });
    const phases: string[] = [];
    store.subscribe(() => {
      const { stepPhase } = store.getState();
      if (stepPhase && stepPhase !== phases.at(-1)) phases.push(stepPhase);
    });
    await lab.run();
    expect(phases).toEqual([0, 1, 2].flatMap(() => ['gradient', 'sign', 'move', 'clip']));
    expect(waits).toHaveLength(12);
  });

  it('slow motion holds random noise on screen before it ends, with nothing to narrate', async () => {
    const { lab, store, waits, state } = await startedLab({ mode: 'noise' });
    store.setState({ presentation: { ...store.getState().presentation, slowMotion: true } });
    await lab.run();
    expect([waits.length, state().stepPhase]).toEqual([0, null]);
  });

  it('the timeline: a paused run scrubs back to any t it reached and forward to the latest; the next step shows the latest again', async () => {
    const { lab, state, worker } = await startedLab({ iterations: 5 });
    for (let i = 0; i < 3; i++) await lab.step();
    await lab.viewIteration(1);
    expect([state().scrubbed?.t, state().frame?.t]).toEqual([1, 3]);
    expect(state().scrubbed?.probabilities.inception_v3).toEqual([0.8, 0.2]);
    await lab.viewIteration(3);
    expect(state().scrubbed).toBeNull();
    await lab.viewIteration(0);
    await lab.step();
    expect([state().scrubbed, state().frame?.t]).toEqual([null, 4]);
    // Running: no scrubbing (the run moves on from its latest frame).
    void lab.run();
    await until(() => state().running, 'running');
    const asked = worker.current.count('frameAt');
    await lab.viewIteration(2);
    expect([worker.current.count('frameAt'), state().scrubbed]).toEqual([asked, null]);
  });

  it('a scrub that a new setting overtakes is dropped', async () => {
    const { lab, state, worker } = await startedLab({ iterations: 4 });
    await lab.step();
    await lab.step();
    worker.current.hold('frameAt');
    const scrub = lab.viewIteration(1);
    const change = lab.updateSettings({ epsilon: 0.02 });
    worker.current.release('frameAt');
    await Promise.all([scrub, change]);
    expect([state().scrubbed, state().frame?.t, state().frame?.settings.epsilon]).toEqual([null, 0, 0.02]);
  });

  it('a lost context mid-run: a fresh worker, the models reloaded, the same image and setting from x⁰, running again to T', async () => {
    const { lab, state, worker } = await startedLab({ iterations: 10, epsilon: 0.02, image: 'leaf-b' });
    void lab.run();
    await until(() => (state().frame?.t ?? 0) >= 2, 't = 2');
    const lost = worker.current;
    lost.onContextLost!(); // a step may be on its way on the old worker: it never answers
    await until(() => worker.spawned.length === 2, 'a fresh worker');
    expect(state().backendNotice).toMatch(/context was lost/);
    await until(() => state().frame?.image[0] === 2 && Boolean(state().frame?.done) && !state().running, 'the new worker to run to T');
    const fresh = worker.current;
    expect(fresh.calls.slice(0, 4)).toEqual(['init', 'loadModel:mobilenet_v2', `reset:${urlOf('leaf-b')}|0.02|10|whitebox`, 'loadModel:inception_v3']);
    expect(fresh.count('step')).toBe(10);
    expect(state().history.map((p) => p.t)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(state().loops.live).toBe(0);
    expect(state().loops.most).toBe(1);
    expect(state().backend).not.toBeNull();
  });

  it('repeated context losses fall back to wasm', async () => {
    const { state, worker } = await startedLab();
    for (let i = 0; i < 3; i++) {
      worker.current.onContextLost!();
      await until(() => worker.spawned.length === i + 2 && Boolean(state().models.inception_v3.info), `respawn ${i + 1}`);
    }
    expect(worker.current.calls[0]).toBe('init:wasm');
    expect(state().backendNotice).toMatch(/WebAssembly/);
  });

  it('an upload refused by its header mid-run: the run goes on and the previous image stays', async () => {
    const { lab, state } = await startedLab({ iterations: 6 });
    const running = lab.run();
    await until(() => (state().frame?.t ?? 0) >= 1, 't = 1');
    await lab.uploadImage(new File(['just some notes'], 'notes.txt', { type: 'text/plain' }));
    expect(state().notices).toHaveLength(1);
    expect(state().notices[0]).toMatch(/^notes\.txt .* The previous image stays\.$/);
    await running;
    expect(state().frame).toMatchObject({ t: 6, done: true });
    expect([state().upload, state().settings.image]).toEqual([null, 'leaf-a']);
  });

  it('an upload the worker cannot decode, mid-run: stopped, a notice, and the previous image and setting stay', async () => {
    const { lab, state, worker } = await startedLab({ iterations: 6 });
    void lab.run();
    await until(() => (state().frame?.t ?? 0) >= 1, 't = 1');
    await lab.uploadImage(new File([pngOf(8, 8, () => [0, 128, 0, 255])], UNDECODABLE, { type: 'image/png' }));
    expect(state().running).toBe(false);
    expect(state().notices[0]).toMatch(/could not be used: the browser could not decode it\. The previous image stays\./);
    expect([state().upload, state().settings.image]).toEqual([null, 'leaf-a']);
    await lab.reset();
    await lab.run();
    expect(state().frame).toMatchObject({ t: 6, done: true });
    expect(worker.current.calls.filter((c) => c.startsWith('reset:http')).length).toBe(1); // x⁰ is still the leaf the worker had
  });

  it('an upload that decodes replaces the leaf, and a fresh worker after a context loss gets it', async () => {
    const { lab, state, worker } = await startedLab();
    await lab.uploadImage(new File([pngOf(8, 8, () => [0, 128, 0, 255])], 'mine.png', { type: 'image/png' }));
    expect(state().upload).toMatchObject({ name: 'mine.png', width: 300, height: 200 });
    expect(state().settings.image).toBeNull();
    worker.current.onContextLost!();
    await until(() => worker.spawned.length === 2 && worker.current.count('reset') > 0, 'the fresh worker’s reset');
    expect(worker.current.calls.find((c) => c.startsWith('reset'))).toBe('reset:mine.png|0.01|1|whitebox');
  });

  it('commands wait for a frame and the attacked model; the saved check belongs to its frame', async () => {
    const worker = new FakeWorker();
    const store = createStore({ ...INITIAL_STATE, settings: { ...DEFAULT_SETTINGS, image: 'leaf-a' } });
    const lab = new LabClient({ worker, store, siteUrl: SITE, loadGallery: async () => GALLERY, wait: async () => undefined });
    await lab.execute({ type: 'run' });
    expect(worker.current.calls).toEqual([]);
    await lab.start({});
    await lab.execute({ type: 'set', settings: { image: 'leaf-b', iterations: 2 } });
    expect(store.getState().settings).toMatchObject({ image: 'leaf-b', iterations: 2 });
    await lab.execute({ type: 'run' });
    const frame = store.getState().frame!;
    expect(frame.t).toBe(2);
    await lab.checkSaved(frame);
    expect(store.getState().saved).toEqual({ t: 2, probabilities: { inception_v3: [0.1, 0.9] } });
  });
});
