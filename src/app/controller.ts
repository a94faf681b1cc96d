// Intents from the UI → the worker → the store. The worker runs one iteration per request, so
// the newest setting always wins: every new image, setting or reset bumps `version`, and answers
// that belong to an older version are dropped. At most one run loop is live: a new loop waits
// until the one it replaces has stopped (`loopToken`, `activeLoop`). A storm of slider moves
// sends the worker only the newest setting once it is free (`starting`), not fifty a second.
import * as Comlink from 'comlink';
import type { BackendRequest } from '../backend/choose';
import { isBackendName } from '../backend/names';
import { contextLossNotice, fallbackNotice, MAX_CONTEXT_LOSSES } from '../backend/notice';
import { CANONICAL_SIZE } from '../config';
import type { LabCommand } from '../classroom/commands';
import { SLOW_MOTION_MS, presentationFromQuery, presentationToQuery, type Presentation } from '../classroom/presentation';
import type { LabFrame } from '../lab/session';
import { settingsFromQuery, settingsToQuery, type LabSettings } from '../lab/settings';
import { HEADER_BYTES, inspectImageFile, uploadNotes } from '../images/image-file';
import { MODEL_IDS, type ModelId } from '../models/specs';
import type { ImageSource, LabApi } from '../worker/api';
import type { DecodedInfo } from '../worker/decode';
import { fetchGallery } from './gallery/gallery';
import { getState, isReady, isView, setModelStatus, setState, type HistoryPoint, type View } from './store';

export const siteUrl = new URL('./', document.baseURI).href;
/** The tfjs worker (the experiment uses it too); replaced by a fresh one (a new WebGL context) when its context is lost. */
let rawWorker: Worker;
export let worker: Comlink.Remote<LabApi>;
function spawnWorker(): void {
  rawWorker = new Worker(new URL('../worker/lab.worker.ts', import.meta.url), { type: 'module' });
  worker = Comlink.wrap<LabApi>(rawWorker);
  workerHasImage = false;
}
let backendRequest: BackendRequest = {};
let contextLosses = 0;
/** x⁰'s source (a gallery URL or the user's file), to start again on a new worker. */
let currentImage: ImageSource | null = null;
/** Whether the worker has been given x⁰ (a fresh one after a context loss has not). */
let workerHasImage = false;
spawnWorker();
/** Query parameters that are not part of the lab setting (backend choice, view), kept in the URL. */
const PAGE_PARAMS = ['backend', 'allowSoftwareWebGL', 'debug', 'disableWebGL', 'view'];
/** The small substitute first: the lab is usable (black box, noise) before InceptionV3 arrives. */
const LOAD_ORDER = [...MODEL_IDS].reverse();
let pageParams = new URLSearchParams();
let version = 0;
let loopToken = 0;
/** The run loop now going (or the last one), resolved once it has stopped. */
let activeLoop: Promise<void> = Promise.resolve();
/** The worker's latest start request: later requests wait for it, and only the newest start is sent. */
let starting: Promise<unknown> = Promise.resolve();
let starts = 0;
/** A setting changed while running: run again once the newest setting's frame is shown. */
let resumeAfterChange = false;
let mirrorTimer: ReturnType<typeof setTimeout> | undefined;

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const pointOf = (frame: LabFrame): HistoryPoint => ({ t: frame.t, probabilities: frame.probabilities });

export async function start(search: string): Promise<void> {
  const params = new URLSearchParams(search);
  pageParams = new URLSearchParams([...params].filter(([k]) => PAGE_PARAMS.includes(k)));
  const view = params.get('view');
  const { presentation, notices: presentationNotices } = presentationFromQuery(search);
  setState({ debug: params.get('debug') === '1', view: isView(view) ? view : 'lab', presentation, notices: presentationNotices });
  const backend = params.get('backend');
  backendRequest = { backend: isBackendName(backend) ? backend : undefined, allowSoftwareWebGL: params.get('allowSoftwareWebGL') === '1', disableWebGL: params.get('disableWebGL') === '1' };
  const backendReady = initBackend().then((ok) => (ok && setState({ backendNotice: fallbackNotice(getState().backend!) }), ok));
  try {
    const gallery = await fetchGallery(siteUrl);
    const { settings, notices } = settingsFromQuery(search, gallery.map((g) => g.id));
    setState({ gallery, settings: { ...settings, image: settings.image ?? gallery[0]?.id ?? null }, notices: [...presentationNotices, ...notices] });
    mirrorUrl(); // the address bar shows the setting used, not what the link said
  } catch (e) {
    setState({ galleryError: message(e) }); // an uploaded photo still works
  }
  if (!(await backendReady)) return;
  for (const id of LOAD_ORDER) await loadModel(id, false);
}

async function initBackend(): Promise<boolean> {
  try {
    setState({ backend: await worker.init(backendRequest, Comlink.proxy(() => void recoverFromContextLoss())), backendError: null });
    return true;
  } catch (e) {
    setState({ backendError: message(e) });
    return false;
  }
}

/**
 * The worker's WebGL context was lost, and every tensor with it: a fresh worker (a new context;
 * wasm after repeated losses), the models reloaded, the same image and setting from x⁰, running
 * again if it was running. Calls still waiting on the old worker never answer; versions drop them.
 */
async function recoverFromContextLoss(): Promise<void> {
  contextLosses++;
  const fallback = contextLosses >= MAX_CONTEXT_LOSSES;
  const wasRunning = getState().running;
  halt();
  version++;
  worker[Comlink.releaseProxy]();
  rawWorker.terminate();
  spawnWorker();
  // Calls on the old worker never answer: nothing may wait for them.
  starting = Promise.resolve();
  activeLoop = Promise.resolve();
  setState({ loops: { ...getState().loops, live: 0 } });
  if (fallback) backendRequest = { backend: 'wasm' };
  const reload = LOAD_ORDER.filter((id) => !getState().models[id].error);
  for (const id of reload) setModelStatus(id, { info: null, progress: null });
  setState({ backend: null, backendNotice: contextLossNotice(contextLosses, fallback) });
  if (!(await initBackend())) return;
  for (const id of reload) await loadModel(id, false);
  if (wasRunning) void run();
}

/** Loads one classifier; a file that fails its check leaves an error (with Retry), not a dead page. */
async function loadModel(id: ModelId, retry: boolean): Promise<void> {
  setModelStatus(id, { error: null, progress: null });
  try {
    const info = await worker.loadModel(id, siteUrl, Comlink.proxy((progress) => setModelStatus(id, { progress })), retry);
    setModelStatus(id, { info });
    const { frame, settings } = getState();
    const image = currentImage ?? galleryImage(settings);
    if (image && (!frame || !workerHasImage)) await restartLab(image, settings);
    else if (frame?.t === 0 && !getState().running) await restartLab(null, settings);
  } catch (e) {
    setModelStatus(id, { error: message(e), progress: null });
  }
}

/** Loads a model that failed again, fetching its files afresh. */
export async function retryModel(id: ModelId): Promise<void> {
  const status = getState().models[id];
  if (!status.error || status.info) return;
  await loadModel(id, true);
}

function galleryImage(settings: LabSettings): ImageSource | null {
  const item = getState().gallery.find((g) => g.id === settings.image);
  return item ? { url: new URL(item.src, siteUrl).href } : null;
}

/** Lab or experiment; the choice stays in the URL, so a link opens the same view. */
export function showView(view: View): void {
  if (view === 'lab') pageParams.delete('view');
  else pageParams.set('view', view);
  setState({ view });
  mirrorUrl();
}

/** The page's own query: page params, then the presentation, then the setting (none for an upload). */
function pageQuery(settings: LabSettings | null, presentation: Presentation): string {
  return [pageParams.toString(), presentationToQuery(presentation), settings ? settingsToQuery(settings) : ''].filter(Boolean).join('&');
}

/**
 * Writes the current setting into the address bar (an upload's cannot travel in a link), at most
 * every 200 ms: browsers throttle replaceState, and a slider dragged fast would hit that.
 */
function mirrorUrl(): void {
  clearTimeout(mirrorTimer);
  mirrorTimer = setTimeout(() => {
    const { upload, settings, presentation } = getState();
    const query = pageQuery(upload ? null : settings, presentation);
    history.replaceState(null, '', query ? `?${query}` : location.pathname);
  }, 200);
}

function accept(frame: LabFrame, fresh: boolean): void {
  const point = pointOf(frame);
  const { history: previous, original, originalImage } = getState();
  setState({
    frame,
    history: fresh ? [point] : [...previous.filter((p) => p.t < frame.t), point],
    original: fresh ? point : original,
    originalImage: fresh ? frame.image : originalImage,
    labError: null,
    saved: null,
  });
}

/**
 * Starts over from x⁰ (a new image when `image` is given) with `settings`, shown at once in the
 * controls. Waits for the worker's previous start; a start without an image that something newer
 * has superseded meanwhile is never sent. Resolves with whether its frame is the one shown, and
 * what decoding its image found; rejects when the worker fails (e.g. an undecodable image).
 */
function begin(image: ImageSource | null, settings: LabSettings): Promise<{ shown: boolean; decoded: DecodedInfo | null }> {
  const v = ++version;
  const s = ++starts;
  setState({ settings });
  mirrorUrl();
  const turn = starting.then(async () => {
    if (!image && s !== starts) return { shown: false, decoded: null };
    // A fresh worker (after a context loss) has no x⁰ yet: give it the current one.
    const source = image ?? (workerHasImage ? null : currentImage);
    const { frame, decoded } = await worker.start(source, settings);
    if (source) {
      currentImage = source;
      workerHasImage = true;
    }
    if (v === version) accept(frame, true);
    return { shown: v === version, decoded };
  });
  starting = turn.catch(() => undefined);
  return turn;
}

/** begin, with a failure shown as the lab's error. Resolves with whether its frame is shown. */
async function restartLab(image: ImageSource | null, settings: LabSettings): Promise<boolean> {
  const v = version + 1;
  try {
    return (await begin(image, settings)).shown;
  } catch (e) {
    if (v === version) setState({ labError: message(e) });
    return false;
  }
}

/** Runs `request` for the current version and shows its frame unless something newer came meanwhile. */
async function advance(request: () => Promise<LabFrame>, fresh: boolean): Promise<LabFrame | null> {
  const v = version;
  await starting; // the worker has the newest image and setting before it steps
  if (v !== version) return null;
  try {
    const frame = await request();
    if (v !== version) return null;
    accept(frame, fresh);
    return frame;
  } catch (e) {
    if (v === version) setState({ labError: message(e), running: false });
    return null;
  }
}

/** A gallery leaf (with more of the setting in `patch`), from x⁰. */
export async function selectImage(id: string, patch: Partial<LabSettings> = {}): Promise<void> {
  halt();
  setState({ upload: null });
  const settings = { ...getState().settings, ...patch, image: id };
  await restartLab(galleryImage(settings), settings);
}

/**
 * A user's own file. Its size and header are checked before anything decodes it; the worker
 * decodes it. Whatever goes wrong, a notice says why and the previous image and setting stay.
 */
export async function uploadImage(file: File): Promise<void> {
  const refuse = (why: string) => setState({ notices: [`${file.name} ${why} The previous image stays.`] });
  const head = await file.slice(0, HEADER_BYTES).arrayBuffer().catch(() => null);
  if (!head) return refuse('could not be read.');
  const inspected = inspectImageFile(file.size, new Uint8Array(head));
  if ('problem' in inspected) return refuse(inspected.problem);
  halt();
  const before = getState().settings;
  try {
    const { decoded } = await begin({ blob: file }, { ...before, image: null });
    if (!decoded) return;
    setState({ upload: { name: file.name, width: decoded.width, height: decoded.height, notes: uploadNotes(inspected.header, decoded, CANONICAL_SIZE) }, notices: [] });
    mirrorUrl();
  } catch (e) {
    if (!getState().upload) setState({ settings: { ...getState().settings, image: before.image } });
    mirrorUrl();
    refuse(`could not be used: ${message(e)}.`);
  }
}

/** A new ε, T, mode or target: restart from x⁰, and keep running if it was running. */
export async function updateSettings(patch: Partial<LabSettings>): Promise<void> {
  resumeAfterChange ||= getState().running;
  stopLoop();
  const shown = await restartLab(null, { ...getState().settings, ...patch });
  if (shown && resumeAfterChange) {
    resumeAfterChange = false;
    void run();
  }
}

function stopLoop(): void {
  loopToken++;
  if (getState().running) setState({ running: false });
}

/** The user stopped the attack (or picked a new image): nothing resumes by itself. */
function halt(): void {
  resumeAfterChange = false;
  stopLoop();
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function run(): Promise<void> {
  if (getState().frame?.done) await reset();
  const token = ++loopToken;
  setState({ running: true });
  const previous = activeLoop;
  let stopped!: () => void;
  activeLoop = new Promise((resolve) => (stopped = resolve));
  await previous; // the loop this one replaces has had its last step back
  countLoops(+1);
  try {
    while (token === loopToken) {
      const frame = await advance(() => worker.step(), false);
      if (!frame || frame.done) break;
      // Slow motion: each iteration stays on screen SLOW_MOTION_MS before the next is computed.
      if (getState().presentation.slowMotion) await sleep(SLOW_MOTION_MS);
    }
  } finally {
    countLoops(-1);
    stopped();
  }
  if (token === loopToken) setState({ running: false });
}

/** Live run loops, and the most ever live at once (shown with `?debug=1`; never more than 1). */
function countLoops(change: number): void {
  const live = getState().loops.live + change;
  setState({ loops: { live, most: Math.max(live, getState().loops.most) } });
}

export function pause(): void {
  halt();
}

export async function step(): Promise<void> {
  halt();
  await advance(() => worker.step(), false);
}

export async function reset(): Promise<void> {
  halt();
  version++;
  await advance(() => worker.restart(), true);
}

/** A shortcut's or an embedding page's command (already validated). */
export async function execute(command: LabCommand): Promise<void> {
  // Like the disabled buttons: nothing to run until a frame and the attacked model are there.
  if (command.type !== 'set' && command.type !== 'pause' && !isReady(getState())) return;
  switch (command.type) {
    case 'set': {
      const { image, ...rest } = command.settings;
      const { settings, upload } = getState();
      if (image && (image !== settings.image || upload)) return selectImage(image, rest);
      return updateSettings(rest);
    }
    case 'run':
      return getState().running ? undefined : run();
    case 'pause':
      return pause();
    case 'step':
      return step();
    case 'reset':
      return reset();
  }
}

/** Switches between the lab, presenter mode and the embed, or slow motion, in place (URL kept in step). */
export function updatePresentation(patch: Partial<Presentation>): void {
  setState({ presentation: { ...getState().presentation, ...patch } });
  mirrorUrl();
}

/** The link to this page with `presentation` instead of the current one (no upload: it cannot travel). */
export function pageLink(presentation: Presentation = getState().presentation): string {
  const query = pageQuery(getState().upload ? null : getState().settings, presentation);
  return `${location.origin}${location.pathname}${query ? `?${query}` : ''}`;
}

/** The app's own address, for the embed snippet. */
export const appUrl = siteUrl;

/** Downloads x as an 8-bit PNG and checks what f says about exactly those rounded pixels. */
export async function downloadAdversarial(): Promise<void> {
  const { frame } = getState();
  if (!frame) return;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = Math.sqrt(frame.image.length / 4);
  canvas.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(frame.image), canvas.width, canvas.height), 0, 0);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) return;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `adversarial-leaf-eps${frame.linf.toFixed(4)}-t${frame.t}.png`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  const probabilities = await worker.classifyPixels(new Uint8ClampedArray(frame.image));
  if (getState().frame === frame) setState({ saved: { t: frame.t, probabilities } });
}
