// One store holds the page's state; components read it with useAppState and send intents to
// controller.ts, which talks to the worker.
import { useSyncExternalStore } from 'react';
import type { BackendInfo } from '../backend/choose';
import type { LoadProgress } from '../models/artifacts';
import type { ModelId } from '../models/specs';
import type { ModelInfo, Probabilities } from '../worker/api';
import type { GalleryItem } from './gallery/gallery';

export interface ModelStatus {
  progress: LoadProgress | null;
  info: ModelInfo | null;
  error: string | null;
}

export interface AppState {
  backend: BackendInfo | null;
  backendError: string | null;
  models: Record<ModelId, ModelStatus>;
  gallery: GalleryItem[];
  galleryError: string | null;
  selectedImage: string | null;
  predictions: Probabilities | null;
}

const emptyModel: ModelStatus = { progress: null, info: null, error: null };

let state: AppState = {
  backend: null,
  backendError: null,
  models: { inception_v3: emptyModel, mobilenet_v2: emptyModel },
  gallery: [],
  galleryError: null,
  selectedImage: null,
  predictions: null,
};
const listeners = new Set<() => void>();

export function getState(): AppState {
  return state;
}

export function setState(patch: Partial<AppState>): void {
  state = { ...state, ...patch };
  listeners.forEach((l) => l());
}

export function setModelStatus(id: ModelId, patch: Partial<ModelStatus>): void {
  setState({ models: { ...state.models, [id]: { ...state.models[id], ...patch } } });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useAppState(): AppState {
  return useSyncExternalStore(subscribe, getState);
}
