// The typed interface between the page and the tfjs worker (wired with comlink).
import type { BackendInfo, BackendRequest } from '../backend/choose';
import type { LoadProgress } from '../models/artifacts';
import type { ModelId } from '../models/specs';

export interface ModelInfo {
  id: ModelId;
  title: string;
  role: string;
  /** Parameters actually used: the base up to its cut plus our head. */
  paramCount: number;
  cutLayer: string;
}

export type Probabilities = Partial<Record<ModelId, number[]>>;

export interface LabApi {
  init(request: BackendRequest): Promise<BackendInfo>;
  /** Loads a classifier from `${siteUrl}models/<id>/`, reporting bytes, and warms it up. */
  loadModel(id: ModelId, siteUrl: string, onProgress: (p: LoadProgress) => void): Promise<ModelInfo>;
  /** Class probabilities of every loaded model for a canonical-size image at `imageUrl`. */
  classify(imageUrl: string): Promise<Probabilities>;
}
