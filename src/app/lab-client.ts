// The lab's client: intents from the UI → the worker → the store. It owns the run loop and its
// concurrency, and takes the worker and the store as arguments, so a unit test can drive it with
// a fake worker.
//
// - The newest setting wins. The worker computes one iteration per request. Every new image,
//   setting, reset or lost context bumps `version`, and an answer that belongs to an older version
//   is dropped: the page's one staleness mechanism.
// - A storm of slider moves sends the worker only the newest setting once it is free
//   (`pendingReset`), not fifty a second.
// - At most one run loop is live: a new loop waits until the one it replaces has stopped.
import type { BackendRequest } from '../backend/choose';
import { contextLossNotice, fallbackNotice, MAX_CONTEXT_LOSSES } from '../backend/notice';
import { SLOW_MOTION_MS } from '../classroom/presentation';
import type { LabCommand } from '../classroom/commands';
import { CANONICAL_SIZE } from '../config';
import type { GalleryItem } from '../gallery/gallery';
import { HEADER_BYTES, inspectImageFile, uploadNotes } from '../images/image-file';
import type { LabFrame } from '../lab/session';
import type { LabSettings } from '../lab/settings';
import { MODEL_IDS, type ModelId } from '../models/specs';
import type { ImageSource } from '../worker/api';
import type { DecodedInfo } from '../worker/decode';
import { STEP_PHASES } from './lab/step-narration';
import { isReady, setModelStatus, shownFrame, type HistoryPoint, type Store } from './store';
import type { LabWorker } from './worker-host';

export interface LabClientDeps {
  worker: LabWorker;
  store: Store;
  /** The site's root URL: models are under it, gallery sources relative to it. */
  siteUrl: string;
  loadGallery(): Promise<GalleryItem[]>;
  /** Slow motion's pause between two iterations. */
  wait(ms: number): Promise<void>;
}

/** The small substitute first: the lab is usable (black box, noise) before InceptionV3 arrives. */
const LOAD_ORDER: readonly ModelId[] = [...MODEL_IDS].reverse();

export const UNKNOWN_LEAF_NOTICE = 'The link names a leaf that is not in the gallery: showing the first one.';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const pointOf = (frame: LabFrame): HistoryPoint => ({ t: frame.t, probabilities: frame.probabilities, linf: frame.linf, l2: frame.l2 });

export class LabClient {
  private readonly store: Store;
  private backendRequest: BackendRequest = {};
  private contextLosses = 0;
  /** Bumped by everything that makes the frames on their way stale. */
  private version = 0;
  /** x⁰'s source (a gallery URL or the user's file), to give a fresh worker after a context loss. */
  private image: ImageSource | null = null;
  /** Whether the live worker has x⁰ (a fresh one after a context loss has not). */
  private workerHasImage = false;
  /** The worker's latest reset: steps wait for it, and only the newest of several waiting is sent. */
  private pendingReset: Promise<unknown> = Promise.resolve();
  private resets = 0;
  /** Bumped to stop the run loop; the live loop runs while its token is current. */
  private loopToken = 0;
  /** The run loop now going (or the last one), resolved once it has stopped. */
  private activeLoop: Promise<void> = Promise.resolve();
  /** A setting changed while running: run again once the newest setting's frame is shown. */
  private resumeAfterChange = false;

  private galleryShown!: () => void;
  /** Settles once the gallery (or why it is missing) is in the store: the page paints then, so the leaves do not push the rest down. */
  readonly galleryReady = new Promise<void>((resolve) => (this.galleryShown = resolve));

  constructor(private readonly deps: LabClientDeps) {
    this.store = deps.store;
  }

  private get api() {
    return this.deps.worker.api();
  }

  /** Starts the backend and fetches the gallery side by side, then loads the models in LOAD_ORDER. */
  async start(request: BackendRequest): Promise<void> {
    this.backendRequest = request;
    const backendReady = this.initBackend().then((ok) => {
      if (ok) this.store.setState({ backendNotice: fallbackNotice(this.store.getState().backend!) });
      return ok;
    });
    try {
      this.showGallery(await this.deps.loadGallery());
    } catch (e) {
      this.store.setState({ galleryError: message(e) }); // an uploaded photo still works
    }
    this.galleryShown();
    if (!(await backendReady)) return;
    for (const id of LOAD_ORDER) await this.loadModel(id, false);
  }

  /** The gallery is there: the link's leaf if the gallery has it, else the first one, with a notice. */
  private showGallery(gallery: GalleryItem[]): void {
    const { settings, notices } = this.store.getState();
    const known = gallery.some((g) => g.id === settings.image);
    const image = known ? settings.image : (gallery[0]?.id ?? null);
    const unknown = settings.image !== null && !known;
    this.store.setState({ gallery, settings: { ...settings, image }, notices: unknown ? [...notices, UNKNOWN_LEAF_NOTICE] : notices });
  }

  private async initBackend(): Promise<boolean> {
    try {
      const backend = await this.api.init(this.backendRequest, () => void this.recoverFromContextLoss());
      this.store.setState({ backend, backendError: null });
      return true;
    } catch (e) {
      this.store.setState({ backendError: message(e) });
      return false;
    }
  }

  /**
   * The worker's WebGL context was lost, and every tensor with it: a fresh worker (a new context;
   * wasm after repeated losses), the models reloaded, the same image and setting from x⁰, running
   * again if it was running. Calls still waiting on the old worker never answer: nothing may wait
   * for them, and the version bump drops whatever they would have shown.
   */
  async recoverFromContextLoss(): Promise<void> {
    this.contextLosses++;
    const fallback = this.contextLosses >= MAX_CONTEXT_LOSSES;
    const lostOn = this.store.getState().backend?.backend; // webgl or webgpu, for the notice's words
    const wasRunning = this.store.getState().running;
    this.halt();
    this.version++;
    this.deps.worker.respawn();
    this.workerHasImage = false;
    this.pendingReset = Promise.resolve();
    this.activeLoop = Promise.resolve();
    this.store.setState({ loops: { ...this.store.getState().loops, live: 0 } });
    if (fallback) this.backendRequest = { backend: 'wasm' };
    const reload = LOAD_ORDER.filter((id) => !this.store.getState().models[id].error);
    for (const id of reload) setModelStatus(this.store, id, { info: null, progress: null });
    this.store.setState({ backend: null, backendNotice: contextLossNotice(this.contextLosses, fallback, lostOn) });
    if (!(await this.initBackend())) return;
    for (const id of reload) await this.loadModel(id, false);
    if (wasRunning) void this.run();
  }

  /** Loads one classifier; a file that fails its check leaves an error (with Retry), not a dead page. */
  private async loadModel(id: ModelId, retry: boolean): Promise<void> {
    setModelStatus(this.store, id, { error: null, progress: null });
    try {
      const info = await this.api.loadModel(id, this.deps.siteUrl, (progress) => setModelStatus(this.store, id, { progress }), retry);
      setModelStatus(this.store, id, { info });
      const { frame, settings, running } = this.store.getState();
      const image = this.image ?? this.galleryImage(settings);
      // The first frame, or x⁰'s frame again with the new model's verdict.
      if (image && (!frame || !this.workerHasImage)) await this.resetShown(image, settings);
      else if (frame?.t === 0 && !running) await this.resetShown(null, settings);
    } catch (e) {
      setModelStatus(this.store, id, { error: message(e), progress: null });
    }
  }

  /** Loads a model that failed again, fetching its files afresh. */
  async retryModel(id: ModelId): Promise<void> {
    const status = this.store.getState().models[id];
    if (!status.error || status.info) return;
    await this.loadModel(id, true);
  }

  private galleryImage(settings: LabSettings): ImageSource | null {
    const item = this.store.getState().gallery.find((g) => g.id === settings.image);
    return item ? { url: new URL(item.src, this.deps.siteUrl).href } : null;
  }

  private show(frame: LabFrame, fresh: boolean): void {
    const point = pointOf(frame);
    const { history, original, originalImage } = this.store.getState();
    this.store.setState({
      frame,
      history: fresh ? [point] : [...history.filter((p) => p.t < frame.t), point],
      original: fresh ? point : original,
      originalImage: fresh ? frame.image : originalImage,
      scrubbed: null,
      labError: null,
      saved: null,
    });
  }

  /**
   * Back to x⁰ (a new image when `image` is given) with `settings`, shown at once in the controls.
   * Waits for the worker's previous reset; a reset without an image that a newer one has
   * superseded meanwhile is never sent. Resolves with whether its frame is the one shown, and what
   * decoding its image found; rejects when the worker fails (e.g. an undecodable image).
   */
  private resetTo(image: ImageSource | null, settings: LabSettings): Promise<{ shown: boolean; decoded: DecodedInfo | null }> {
    const v = ++this.version;
    const n = ++this.resets;
    this.store.setState({ settings });
    const turn = this.pendingReset.then(async () => {
      if (!image && n !== this.resets) return { shown: false, decoded: null };
      // A fresh worker (after a context loss) has no x⁰ yet: give it the current one.
      const source = image ?? (this.workerHasImage ? null : this.image);
      const { frame, decoded } = await this.api.reset(source, settings);
      if (source) {
        this.image = source;
        this.workerHasImage = true;
      }
      if (v === this.version) this.show(frame, true);
      return { shown: v === this.version, decoded };
    });
    this.pendingReset = turn.catch(() => undefined);
    return turn;
  }

  /** resetTo, with a failure shown as the lab's error. Resolves with whether its frame is shown. */
  private async resetShown(image: ImageSource | null, settings: LabSettings): Promise<boolean> {
    const v = this.version + 1;
    try {
      return (await this.resetTo(image, settings)).shown;
    } catch (e) {
      if (v === this.version) this.store.setState({ labError: message(e) });
      return false;
    }
  }

  /** One iteration for the current version, shown unless something newer came meanwhile. */
  private async advance(): Promise<LabFrame | null> {
    const v = this.version;
    await this.pendingReset; // the worker has the newest image and setting before it steps
    if (v !== this.version) return null;
    try {
      const frame = await this.api.step();
      if (v !== this.version) return null;
      this.show(frame, false);
      return frame;
    } catch (e) {
      if (v === this.version) this.store.setState({ labError: message(e), running: false });
      return null;
    }
  }

  /** A gallery leaf (with more of the setting in `patch`), from x⁰. */
  async selectImage(id: string, patch: Partial<LabSettings> = {}): Promise<void> {
    this.halt();
    this.store.setState({ upload: null });
    const settings = { ...this.store.getState().settings, ...patch, image: id };
    await this.resetShown(this.galleryImage(settings), settings);
  }

  /**
   * A user's own file. Its size and header are checked before anything decodes it; the worker
   * decodes it. Whatever goes wrong, a notice says why and the previous image and setting stay.
   */
  async uploadImage(file: File): Promise<void> {
    const refuse = (why: string) => this.store.setState({ notices: [`${file.name} ${why} The previous image stays.`] });
    const head = await file.slice(0, HEADER_BYTES).arrayBuffer().catch(() => null);
    if (!head) return refuse('could not be read.');
    const inspected = inspectImageFile(file.size, new Uint8Array(head));
    if ('problem' in inspected) return refuse(inspected.problem);
    this.halt();
    const before = this.store.getState().settings;
    try {
      const { decoded } = await this.resetTo({ blob: file }, { ...before, image: null });
      if (!decoded) return;
      this.store.setState({ upload: { name: file.name, width: decoded.width, height: decoded.height, notes: uploadNotes(inspected.header, decoded, CANONICAL_SIZE) }, notices: [] });
    } catch (e) {
      if (!this.store.getState().upload) this.store.setState({ settings: { ...this.store.getState().settings, image: before.image } });
      refuse(`could not be used: ${message(e)}.`);
    }
  }

  /** A new ε, T, mode or target: back to x⁰, and keep running if it was running. */
  async updateSettings(patch: Partial<LabSettings>): Promise<void> {
    this.resumeAfterChange ||= this.store.getState().running;
    this.stopLoop();
    const shown = await this.resetShown(null, { ...this.store.getState().settings, ...patch });
    if (shown && this.resumeAfterChange) {
      this.resumeAfterChange = false;
      void this.run();
    }
  }

  private stopLoop(): void {
    this.loopToken++;
    if (this.store.getState().running) this.store.setState({ running: false });
  }

  /** The user stopped the attack (or picked a new image): nothing resumes by itself. */
  private halt(): void {
    this.resumeAfterChange = false;
    this.stopLoop();
  }

  /** Runs the attack to T from where it is (from x⁰ again when it had finished). */
  async run(): Promise<void> {
    if (this.store.getState().frame?.done) await this.reset();
    const token = ++this.loopToken;
    this.store.setState({ running: true });
    const previous = this.activeLoop;
    let stopped!: () => void;
    this.activeLoop = new Promise((resolve) => (stopped = resolve));
    await previous; // the loop this one replaces has had its last step back
    this.countLoops(+1);
    try {
      while (token === this.loopToken) {
        const frame = await this.advance();
        if (!frame) break;
        if (this.store.getState().presentation.slowMotion) await this.holdInSlowMotion(frame, token);
        if (frame.done) break;
      }
    } finally {
      this.countLoops(-1);
      stopped();
    }
    if (token === this.loopToken) this.store.setState({ running: false });
  }

  /**
   * Slow motion: a gradient step is narrated, each of its four operations singled out for
   * SLOW_MOTION_MS (the last step too); any other iteration stays on screen SLOW_MOTION_MS before
   * the next is computed. Pause cuts it short.
   */
  private async holdInSlowMotion(frame: LabFrame, token: number): Promise<void> {
    if (!frame.step) {
      if (!frame.done) await this.deps.wait(SLOW_MOTION_MS);
      return;
    }
    for (const stepPhase of STEP_PHASES) {
      if (token !== this.loopToken) return;
      this.store.setState({ stepPhase });
      await this.deps.wait(SLOW_MOTION_MS);
    }
  }

  /** Live run loops, and the most ever live at once (shown with `?debug=1`; never more than 1). */
  private countLoops(change: number): void {
    const { loops } = this.store.getState();
    const live = loops.live + change;
    this.store.setState({ loops: { live, most: Math.max(live, loops.most) } });
  }

  pause(): void {
    this.halt();
  }

  async step(): Promise<void> {
    this.halt();
    await this.advance();
  }

  /**
   * Shows iteration t of this run again, as it was (the latest frame when t is the latest). Only
   * while not running; the run goes on from its latest frame. A newer intent drops the answer.
   */
  async viewIteration(t: number): Promise<void> {
    const { frame, running } = this.store.getState();
    if (!frame || running || frame.queries) return;
    if (t === frame.t) return this.store.setState({ scrubbed: null, saved: null });
    const v = this.version;
    const kept = await this.api.frameAt(t);
    if (v === this.version && !this.store.getState().running && kept) this.store.setState({ scrubbed: kept, saved: null });
  }

  /** Back to x⁰ with the same image and setting. */
  async reset(): Promise<void> {
    this.halt();
    await this.resetShown(null, this.store.getState().settings);
  }

  /** A shortcut's or an embedding page's command (already validated). */
  async execute(command: LabCommand): Promise<void> {
    // Like the disabled buttons: nothing to run until a frame and the attacked model are there.
    if (command.type !== 'set' && command.type !== 'pause' && !isReady(this.store.getState())) return;
    switch (command.type) {
      case 'set': {
        const { image, ...rest } = command.settings;
        const { settings, upload } = this.store.getState();
        if (image && (image !== settings.image || upload)) return this.selectImage(image, rest);
        return this.updateSettings(rest);
      }
      case 'run':
        return this.store.getState().running ? undefined : this.run();
      case 'pause':
        return this.pause();
      case 'step':
        return this.step();
      case 'reset':
        return this.reset();
    }
  }

  /** What f (and g) say about exactly the 8-bit pixels of `frame`, as a saved PNG holds them. */
  async checkSaved(frame: LabFrame): Promise<void> {
    const probabilities = await this.api.classifyPixels(new Uint8ClampedArray(frame.image));
    if (shownFrame(this.store.getState()) === frame) this.store.setState({ saved: { t: frame.t, probabilities } });
  }
}
