// Intents from the UI → the worker → the store. The worker runs one iteration per request, so
// the newest setting always wins: every new image, setting or reset bumps `version`, and answers
// that belong to an older version are dropped; at most one run loop is live (`loopToken`).
import * as Comlink from 'comlink';
import type { BackendRequest } from '../backend/choose';
import { isBackendName } from '../backend/names';
import { contextLossNotice, fallbackNotice, MAX_CONTEXT_LOSSES } from '../backend/notice';
import type { LabFrame } from '../lab/session';
import { settingsFromQuery, settingsToQuery, type LabSettings } from '../lab/settings';
import { MODEL_IDS, type ModelId } from '../models/specs';
import type { ImageSource, LabApi } from '../worker/api';
import { fetchGallery } from './gallery/gallery';
import { getState, setModelStatus, setState, type HistoryPoint } from './store';

const siteUrl = new URL('./', document.baseURI).href;
/** The tfjs worker; replaced by a fresh one (a new WebGL context) when its context is lost. */
let rawWorker: Worker;
let worker: Comlink.Remote<LabApi>;
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
/** Query parameters that are not part of the lab setting (backend choice), kept in the URL. */
const PAGE_PARAMS = ['backend', 'allowSoftwareWebGL', 'debug', 'disableWebGL'];
let pageParams = new URLSearchParams();
let version = 0;
let loopToken = 0;

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const pointOf = (frame: LabFrame): HistoryPoint => ({ t: frame.t, probabilities: frame.probabilities });

export async function start(search: string): Promise<void> {
  const params = new URLSearchParams(search);
  pageParams = new URLSearchParams([...params].filter(([k]) => PAGE_PARAMS.includes(k)));
  setState({ debug: params.get('debug') === '1' });
  const backend = params.get('backend');
  backendRequest = { backend: isBackendName(backend) ? backend : undefined, allowSoftwareWebGL: params.get('allowSoftwareWebGL') === '1', disableWebGL: params.get('disableWebGL') === '1' };
  const backendReady = initBackend().then((ok) => (ok && setState({ backendNotice: fallbackNotice(getState().backend!) }), ok));
  try {
    const gallery = await fetchGallery(siteUrl);
    const { settings, notices } = settingsFromQuery(search, gallery.map((g) => g.id));
    setState({ gallery, settings: { ...settings, image: settings.image ?? gallery[0]?.id ?? null }, notices });
  } catch (e) {
    setState({ galleryError: message(e) }); // an uploaded photo still works
  }
  if (!(await backendReady)) return;
  // The small substitute first: the lab is usable (black box, noise) before InceptionV3 arrives.
  for (const id of [...MODEL_IDS].reverse()) await loadModel(id, false);
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
  stopLoop();
  version++;
  worker[Comlink.releaseProxy]();
  rawWorker.terminate();
  spawnWorker();
  if (fallback) backendRequest = { backend: 'wasm' };
  const reload = [...MODEL_IDS].reverse().filter((id) => !getState().models[id].error);
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
    if (image && (!frame || !workerHasImage)) await begin(image, settings);
    else if (frame?.t === 0 && !getState().running) await begin(null, settings);
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

function mirrorUrl(settings: LabSettings): void {
  const query = new URLSearchParams([...pageParams, ...new URLSearchParams(settingsToQuery(settings))]).toString();
  history.replaceState(null, '', query ? `?${query}` : location.pathname);
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

/** Starts over from x⁰ (a new image when `image` is given) with `settings`. */
async function begin(image: ImageSource | null, settings: LabSettings): Promise<void> {
  const v = ++version;
  // A fresh worker (after a context loss) has no x⁰ yet: give it the current one.
  const source = image ?? (workerHasImage ? null : currentImage);
  if (source) {
    currentImage = source;
    workerHasImage = true;
  }
  setState({ settings });
  if (!getState().upload) mirrorUrl(settings);
  try {
    const frame = await worker.start(source, settings);
    if (v === version) accept(frame, true);
  } catch (e) {
    if (v === version) setState({ labError: message(e) });
  }
}

/** Runs `request` for the current version and shows its frame unless something newer came meanwhile. */
async function advance(request: () => Promise<LabFrame>, fresh: boolean): Promise<LabFrame | null> {
  const v = version;
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

export async function selectImage(id: string): Promise<void> {
  stopLoop();
  setState({ upload: null });
  const settings = { ...getState().settings, image: id };
  await begin(galleryImage(settings), settings);
}

export async function uploadImage(file: File): Promise<void> {
  stopLoop();
  if (!file.type.startsWith('image/')) {
    setState({ notices: [`${file.name} is not an image: the previous leaf stays.`] });
    return;
  }
  const bitmap = await createImageBitmap(file).catch(() => null);
  if (!bitmap) {
    setState({ notices: [`${file.name} could not be decoded as an image: the previous leaf stays.`] });
    return;
  }
  const upload = { name: file.name, width: bitmap.width, height: bitmap.height };
  bitmap.close();
  setState({ upload, notices: [] });
  history.replaceState(null, '', pageParams.size ? `?${pageParams}` : location.pathname);
  await begin({ blob: file }, { ...getState().settings, image: null });
}

/** A new ε, T, mode or target: restart from x⁰, and keep running if it was running. */
export async function updateSettings(patch: Partial<LabSettings>): Promise<void> {
  const wasRunning = getState().running;
  stopLoop();
  await begin(null, { ...getState().settings, ...patch });
  if (wasRunning) void run();
}

function stopLoop(): void {
  loopToken++;
  if (getState().running) setState({ running: false });
}

export async function run(): Promise<void> {
  if (getState().frame?.done) await reset();
  const token = ++loopToken;
  setState({ running: true });
  while (token === loopToken) {
    const frame = await advance(() => worker.step(), false);
    if (!frame || frame.done) break;
  }
  if (token === loopToken) setState({ running: false });
}

export function pause(): void {
  stopLoop();
}

export async function step(): Promise<void> {
  stopLoop();
  await advance(() => worker.step(), false);
}

export async function reset(): Promise<void> {
  stopLoop();
  version++;
  await advance(() => worker.restart(), true);
}

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
