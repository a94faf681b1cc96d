// One store holds the page's state; components read it with useAppState and send intents to the
// lab client (lab-client.ts), which talks to the worker and writes here. The client takes a store
// as an argument, so unit tests give it a store of their own (createStore).
import { useSyncExternalStore } from 'react';
import type { BackendInfo } from '../backend/choose';
import { DEFAULT_PRESENTATION, type Presentation } from '../classroom/presentation';
import type { LabFrame } from '../lab/session';
import { ATTACKED_MODEL, DEFAULT_SETTINGS, type LabSettings } from '../lab/settings';
import type { LoadProgress } from '../models/artifacts';
import type { ModelId } from '../models/specs';
import type { ImageOutcome } from '../experiment/protocol';
import type { DataSet } from '../data-sets';
import type { View } from '../url/params';
import type { ModelInfo } from '../models/model-card';
import type { GalleryItem } from '../gallery/gallery';
import type { Lesson } from '../lesson/schema';
import type { StepPhase } from './lab/step-narration';

export interface ModelStatus {
  progress: LoadProgress | null;
  info: ModelInfo | null;
  error: string | null;
}

/** One point of the lab's chart: each model's probabilities and the distances at iteration t. */
export interface HistoryPoint {
  t: number;
  probabilities: Partial<Record<ModelId, number[]>>;
  linf: number;
  l2: number;
}

/** What the user's own photo is, when they uploaded one (it cannot travel in a URL). */
export interface Upload {
  name: string;
  width: number;
  height: number;
  /** What became of it beyond cropping and scaling (transparency, grayscale, first frame…). */
  notes: string[];
}

/** Whether the saved 8-bit PNG still fools f (it is rounded to multiples of 1/255). */
interface SavedCheck {
  t: number;
  probabilities: Partial<Record<ModelId, number[]>>;
}

/** The experiment re-run in this browser ("Run it yourself"). */
export interface ExperimentRun {
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'failed';
  /** Which photos it runs on. */
  dataSet: DataSet;
  /** How many test images were asked for. */
  total: number;
  /** Outcomes of the images done so far, in order. */
  images: ImageOutcome[];
  elapsedMs: number;
  error: string | null;
}

/** `?lesson=`: being fetched, open at a step (an index), or refused with the reasons. */
export type LessonState = { status: 'loading' } | { status: 'open'; lesson: Lesson; step: number } | { status: 'failed'; errors: string[] };

export interface AppState {
  view: View;
  experimentRun: ExperimentRun;
  backend: BackendInfo | null;
  backendError: string | null;
  /** Why the page runs on a slower backend than it could, or what happened to the GPU. */
  backendNotice: string | null;
  models: Record<ModelId, ModelStatus>;
  gallery: GalleryItem[];
  galleryError: string | null;
  settings: LabSettings;
  upload: Upload | null;
  /** Messages about the link or the input (clamped values, ignored fields, bad files). */
  notices: string[];
  frame: LabFrame | null;
  /** An earlier frame of this run, scrubbed back to on the timeline (null: the latest frame is shown). */
  scrubbed: LabFrame | null;
  /** Which of a step's four operations the narration points at (null: none singled out). */
  stepPhase: StepPhase | null;
  /** Probabilities at x⁰ (t = 0), kept to judge whether the attack flipped a label. */
  original: HistoryPoint | null;
  /** x⁰ as the models see it (after cropping and resizing an upload), RGBA. */
  originalImage: Uint8ClampedArray | null;
  history: HistoryPoint[];
  running: boolean;
  labError: string | null;
  saved: SavedCheck | null;
  /** `?debug=1`: show the worker's tfjs memory. */
  debug: boolean;
  /** Run loops live now, and the most ever live at once (for `?debug=1` and the storm tests). */
  loops: { live: number; most: number };
  /** Lab, presenter mode or embed, and slow motion (URL state beside the setting). */
  presentation: Presentation;
  /** postMessage commands refused (malformed, unknown, not from the embedding page), and the last reason. */
  ignoredMessages: { count: number; last: string | null };
  /** The service worker has cached the app and its models: it works without a network now. */
  offlineReady: boolean;
  /** Ready too, but this page was not served by it, so not cross-origin isolated: a reload would be (wasm on every core). */
  reloadIsolates: boolean;
  lesson: LessonState | null;
}

const emptyModel: ModelStatus = { progress: null, info: null, error: null };

export const INITIAL_STATE: AppState = {
  view: 'lab',
  experimentRun: { status: 'idle', dataSet: 'lab', total: 0, images: [], elapsedMs: 0, error: null },
  backend: null,
  backendError: null,
  backendNotice: null,
  models: { inception_v3: emptyModel, mobilenet_v2: emptyModel },
  gallery: [],
  galleryError: null,
  settings: DEFAULT_SETTINGS,
  upload: null,
  notices: [],
  frame: null,
  scrubbed: null,
  stepPhase: null,
  original: null,
  originalImage: null,
  history: [],
  running: false,
  labError: null,
  saved: null,
  debug: false,
  loops: { live: 0, most: 0 },
  presentation: DEFAULT_PRESENTATION,
  ignoredMessages: { count: 0, last: null },
  offlineReady: false,
  reloadIsolates: false,
  lesson: null,
};

export interface Store {
  getState(): AppState;
  setState(patch: Partial<AppState>): void;
  subscribe(listener: () => void): () => void;
}

export function createStore(initial: AppState = INITIAL_STATE): Store {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    setState(patch) {
      state = { ...state, ...patch };
      listeners.forEach((l) => l());
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The page's one store. */
export const appStore = createStore();
export const { getState, setState } = appStore;

export function setModelStatus(store: Store, id: ModelId, patch: Partial<ModelStatus>): void {
  const { models } = store.getState();
  store.setState({ models: { ...models, [id]: { ...models[id], ...patch } } });
}

/** The frame on screen: the one scrubbed back to, or the latest. */
export const shownFrame = ({ scrubbed, frame }: AppState): LabFrame | null => scrubbed ?? frame;

/** The models whose verdicts the lab shows: f, and g too in the black box. */
export const shownModels = (mode: LabSettings['mode']): ModelId[] => (mode === 'blackbox' ? ['inception_v3', 'mobilenet_v2'] : ['inception_v3']);

/** Of those, the loaded ones: what the chart and the timeline draw. */
export const drawnModels = ({ settings, models }: AppState): ModelId[] => shownModels(settings.mode).filter((id) => models[id].info);

/** A frame is on screen and the model the current mode attacks is loaded: Run can start. */
export function isReady({ frame, models, settings }: AppState): boolean {
  const attacked = ATTACKED_MODEL[settings.mode];
  return Boolean(frame) && (!attacked || Boolean(models[attacked].info));
}

export function useAppState(): AppState {
  return useSyncExternalStore(appStore.subscribe, getState);
}
