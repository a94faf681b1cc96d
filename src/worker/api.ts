// The typed interface between the page and the tfjs worker (wired with comlink).
import type { BackendInfo, BackendRequest } from '../backend/choose';
import type { ExperimentPlan } from '../experiment/protocol';
import type { LabFrame } from '../lab/session';
import type { LabSettings } from '../lab/settings';
import type { LoadProgress } from '../models/artifacts';
import type { ModelInfo } from '../models/model-card';
import type { ModelId } from '../models/specs';
import type { DecodedInfo } from './decode';

/** Where the lab's image comes from: a gallery URL, or a user's file (never leaves the browser). */
export type ImageSource = { url: string } | { blob: Blob };

export interface LabApi {
  /** Starts tfjs; `onContextLost` fires if the WebGL context is lost (this worker is then unusable). */
  init(request: BackendRequest, onContextLost: () => void): Promise<BackendInfo>;
  /**
   * Loads a classifier from `${siteUrl}models/<id>/`, reporting bytes, each file verified against
   * files.json, and warms it up. `retry`: bypass the HTTP cache (a damaged copy may be in it).
   */
  loadModel(id: ModelId, siteUrl: string, onProgress: (p: LoadProgress) => void, retry?: boolean): Promise<ModelInfo>;
  /**
   * Back to x⁰ with `settings`; with `image`, x⁰ is that image first, and `decoded` says what
   * decoding found. An image that cannot be decoded rejects and leaves the old x⁰ in place.
   */
  reset(image: ImageSource | null, settings: LabSettings): Promise<{ frame: LabFrame; decoded: DecodedInfo | null }>;
  /** One more iteration of the current attack. */
  step(): Promise<LabFrame>;
  /** The frame of iteration t of the current run, as it was shown (null if not reached, or for queries). */
  frameAt(t: number): Promise<LabFrame | null>;
  /** Class probabilities of each loaded model for an 8-bit RGBA image (e.g. the PNG a user saves). */
  classifyPixels(rgba: Uint8ClampedArray): Promise<Partial<Record<ModelId, number[]>>>;
  /** The experiment's outcomes for one test image whose true label is `label` (needs both models). */
  experimentOutcomes(url: string, label: number, plan: ExperimentPlan): Promise<string>;
}
