// Intents from the UI → the worker → the store. The worker runs one iteration per request, so
// the newest setting always wins: every new image, setting or reset bumps `version`, and answers
// that belong to an older version are dropped; at most one run loop is live (`loopToken`).
import * as Comlink from 'comlink';
import { isBackendName } from '../backend/names';
import type { LabCommand } from '../classroom/commands';
import { SLOW_MOTION_MS, presentationFromQuery, presentationToQuery, type Presentation } from '../classroom/presentation';
import type { LabFrame } from '../lab/session';
import { settingsFromQuery, settingsToQuery, type LabSettings } from '../lab/settings';
import { MODEL_IDS } from '../models/specs';
import type { ImageSource, LabApi } from '../worker/api';
import { fetchGallery } from './gallery/gallery';
import { getState, isReady, setModelStatus, setState, type HistoryPoint } from './store';

const siteUrl = new URL('./', document.baseURI).href;
const worker = Comlink.wrap<LabApi>(new Worker(new URL('../worker/lab.worker.ts', import.meta.url), { type: 'module' }));
/** Query parameters that are not part of the lab setting (backend choice), kept in the URL. */
const PAGE_PARAMS = ['backend', 'allowSoftwareWebGL', 'debug'];
let pageParams = new URLSearchParams();
let version = 0;
let loopToken = 0;

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const pointOf = (frame: LabFrame): HistoryPoint => ({ t: frame.t, probabilities: frame.probabilities });

export async function start(search: string): Promise<void> {
  const params = new URLSearchParams(search);
  pageParams = new URLSearchParams([...params].filter(([k]) => PAGE_PARAMS.includes(k)));
  const { presentation, notices: presentationNotices } = presentationFromQuery(search);
  setState({ debug: params.get('debug') === '1', presentation, notices: presentationNotices });
  const backend = params.get('backend');
  const backendReady = worker
    .init({ backend: isBackendName(backend) ? backend : undefined, allowSoftwareWebGL: params.get('allowSoftwareWebGL') === '1' })
    .then(
      (info) => (setState({ backend: info }), true),
      (e) => (setState({ backendError: message(e) }), false),
    );
  try {
    const gallery = await fetchGallery(siteUrl);
    const { settings, notices } = settingsFromQuery(search, gallery.map((g) => g.id));
    setState({ gallery, settings: { ...settings, image: settings.image ?? gallery[0]?.id ?? null }, notices: [...presentationNotices, ...notices] });
  } catch (e) {
    setState({ galleryError: message(e) }); // an uploaded photo still works
  }
  if (!(await backendReady)) return;
  // The small substitute first: the lab is usable (black box, noise) before InceptionV3 arrives.
  for (const id of [...MODEL_IDS].reverse()) {
    try {
      const info = await worker.loadModel(id, siteUrl, Comlink.proxy((progress) => setModelStatus(id, { progress })));
      setModelStatus(id, { info });
      const { frame, settings } = getState();
      const image = galleryImage(settings);
      if (!frame && image) await begin(image, settings);
      else if (frame?.t === 0 && !getState().running) await begin(null, settings);
    } catch (e) {
      setModelStatus(id, { error: message(e) });
    }
  }
}

function galleryImage(settings: LabSettings): ImageSource | null {
  const item = getState().gallery.find((g) => g.id === settings.image);
  return item ? { url: new URL(item.src, siteUrl).href } : null;
}

/** The page's own query: page params, then the presentation, then the setting (none for an upload). */
function pageQuery(settings: LabSettings | null, presentation: Presentation): string {
  return [pageParams.toString(), presentationToQuery(presentation), settings ? settingsToQuery(settings) : ''].filter(Boolean).join('&');
}

function mirrorUrl(settings: LabSettings): void {
  const query = pageQuery(getState().upload ? null : settings, getState().presentation);
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
  setState({ settings });
  mirrorUrl(settings);
  try {
    const frame = await worker.start(image, settings);
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

/** A gallery leaf (with more of the setting in `patch`), from x⁰. */
export async function selectImage(id: string, patch: Partial<LabSettings> = {}): Promise<void> {
  stopLoop();
  setState({ upload: null });
  const settings = { ...getState().settings, ...patch, image: id };
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function run(): Promise<void> {
  if (getState().frame?.done) await reset();
  const token = ++loopToken;
  setState({ running: true });
  while (token === loopToken) {
    const frame = await advance(() => worker.step(), false);
    if (!frame || frame.done) break;
    // Slow motion: each iteration stays on screen SLOW_MOTION_MS before the next is computed.
    if (getState().presentation.slowMotion) await sleep(SLOW_MOTION_MS);
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
  mirrorUrl(getState().settings);
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
