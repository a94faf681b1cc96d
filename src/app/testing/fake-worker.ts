// A stand-in for the tfjs worker, for the lab client's unit tests: it keeps an attack's t like the
// real session, answers each call on a later turn of the event loop (or holds it until told), and
// records what it was asked, how many calls overlapped, and which worker (after respawns) answered.
import type { BackendRequest } from '../../backend/choose';
import type { LabFrame } from '../../lab/session';
import type { LabSettings } from '../../lab/settings';
import type { ModelId } from '../../models/specs';
import type { ModelInfo } from '../../models/model-card';
import type { ImageSource, LabApi } from '../../worker/api';
import type { LabWorker } from '../worker-host';

type Method = 'init' | 'loadModel' | 'reset' | 'step' | 'frameAt' | 'classifyPixels';

/** A file whose bytes say "decode me and fail": passes the page's header check, not the worker's decoder. */
export const UNDECODABLE = 'undecodable';

export class FakeApi implements LabApi {
  /** Every call, in order, as `method` or `method:detail`. */
  readonly calls: string[] = [];
  /** Steps in flight at once, at most (one run loop asks for one at a time). */
  mostStepsInFlight = 0;
  /** Never answers again (a terminated worker). */
  dead = false;
  onContextLost: (() => void) | null = null;
  private stepsInFlight = 0;
  private held = new Set<Method>();
  private waiting: (() => void)[] = [];
  private image: string | null = null;
  private settings: LabSettings | null = null;
  private t = 0;

  constructor(readonly generation: number) {}

  /** Calls of `method` wait until release(). */
  hold(method: Method): void {
    this.held.add(method);
  }

  /** Answers the held calls, and lets later ones through. */
  release(method: Method): void {
    this.held.delete(method);
    const waiting = this.waiting.splice(0);
    waiting.forEach((go) => go());
  }

  count(prefix: string): number {
    return this.calls.filter((c) => c === prefix || c.startsWith(`${prefix}:`)).length;
  }

  /** Answers on a later turn of the event loop, as a real worker would, unless held or dead. */
  private async answer<T>(method: Method, detail: string, compute: () => T): Promise<T> {
    this.calls.push(detail ? `${method}:${detail}` : method);
    const step = method === 'step';
    if (step) this.mostStepsInFlight = Math.max(this.mostStepsInFlight, ++this.stepsInFlight);
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.held.has(method)) await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.dead) return new Promise<T>(() => undefined);
    try {
      return compute();
    } finally {
      if (step) this.stepsInFlight--;
    }
  }

  init(request: BackendRequest, onContextLost: () => void) {
    this.onContextLost = onContextLost;
    return this.answer('init', request.backend ?? '', () => ({ backend: request.backend ?? 'wasm', renderer: 'fake', threads: null, skipped: [] }));
  }

  loadModel(id: ModelId): Promise<ModelInfo> {
    return this.answer('loadModel', id, () => ({ id, title: id, role: 'test', paramCount: 3, baseParamsUsed: 1, blocksUsed: 1, cutLayer: 'cut', featureSize: 2 }));
  }

  reset(image: ImageSource | null, settings: LabSettings) {
    const name = image ? ('url' in image ? image.url : (image.blob as File).name) : '';
    return this.answer(
      'reset',
      `${name}|${settings.epsilon}|${settings.iterations}|${settings.mode}`,
      () => {
        if (name === UNDECODABLE) throw new Error('the browser could not decode it');
        if (image) this.image = name;
        if (!this.image) throw new Error('no image');
        this.settings = settings;
        this.t = 0;
        return { frame: this.frame(), decoded: image && 'blob' in image ? { width: 300, height: 200, transparent: false } : null };
      },
    );
  }

  step() {
    return this.answer(
      'step',
      '',
      () => {
        if (!this.settings) throw new Error('no image');
        if (this.t < this.total()) this.t++;
        return this.frame();
      },
    );
  }

  /** Any t reached so far, as the frame it was (this fake's frames depend on t alone). */
  frameAt(t: number) {
    return this.answer('frameAt', String(t), () => (t <= this.t ? this.frame(t) : null));
  }

  classifyPixels() {
    return this.answer('classifyPixels', '', () => ({ inception_v3: [0.1, 0.9] }));
  }

  experimentOutcomes(): Promise<string> {
    throw new Error('not used by the lab client');
  }

  private total(): number {
    return this.settings!.mode === 'noise' ? 1 : this.settings!.iterations;
  }

  private frame(t = this.t): LabFrame {
    const settings = this.settings!;
    const iterations = this.total();
    return {
      settings,
      t,
      iterations,
      done: t >= iterations,
      target: 1,
      probabilities: { inception_v3: [1 - t / iterations, t / iterations] },
      linf: (settings.epsilon * t) / iterations,
      l2: 0,
      image: new Uint8ClampedArray(4).fill(this.generation),
      perturbation: new Uint8ClampedArray(4),
      amplification: 1,
      defended: null,
      queries: null,
      outOfWorld: null,
      // A gradient step's parts, in the shape of a 1×1 image (what the lab client needs is that there is one).
      step: t > 0 && settings.mode !== 'noise' ? { gradient: new Float32Array(1), sign: new Int8Array(3), clip: new Uint8Array(3), stepSize: settings.epsilon / iterations, direction: 'gradient' } : null,
      memory: { numTensors: 0, numBytes: 0 },
    };
  }
}

/** The worker's life: one FakeApi per spawn; a respawned worker's predecessor never answers again. */
export class FakeWorker implements LabWorker {
  readonly spawned: FakeApi[] = [new FakeApi(1)];

  get current(): FakeApi {
    return this.spawned[this.spawned.length - 1];
  }

  api(): LabApi {
    return this.current;
  }

  respawn(): void {
    this.current.dead = true;
    this.spawned.push(new FakeApi(this.spawned.length + 1));
  }
}
