// Intents from the UI → the worker → the store.
import * as Comlink from 'comlink';
import { isBackendName } from '../backend/choose';
import { MODEL_IDS } from '../models/specs';
import type { LabApi } from '../worker/api';
import { fetchGallery } from './gallery/gallery';
import { getState, setModelStatus, setState } from './store';

const siteUrl = new URL('./', document.baseURI).href;
const worker = Comlink.wrap<LabApi>(new Worker(new URL('../worker/lab.worker.ts', import.meta.url), { type: 'module' }));
let classifyRequest = 0;

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function start(search: string): Promise<void> {
  const params = new URLSearchParams(search);
  const backend = params.get('backend');
  const image = params.get('image');
  fetchGallery(siteUrl)
    .then((gallery) => {
      setState({ gallery });
      const first = gallery.find((g) => g.id === image) ?? gallery[0];
      if (first) void selectImage(first.id);
    })
    .catch((e) => setState({ galleryError: message(e) }));
  try {
    const info = await worker.init({
      backend: isBackendName(backend) ? backend : undefined,
      allowSoftwareWebGL: params.get('allowSoftwareWebGL') === '1',
    });
    setState({ backend: info });
  } catch (e) {
    setState({ backendError: message(e) });
    return;
  }
  // The small substitute first: the page is useful before InceptionV3 has arrived.
  for (const id of [...MODEL_IDS].reverse()) {
    try {
      const info = await worker.loadModel(id, siteUrl, Comlink.proxy((progress) => setModelStatus(id, { progress })));
      setModelStatus(id, { info });
      await classifySelected();
    } catch (e) {
      setModelStatus(id, { error: message(e) });
    }
  }
}

export async function selectImage(id: string): Promise<void> {
  setState({ selectedImage: id, predictions: null });
  await classifySelected();
}

async function classifySelected(): Promise<void> {
  const { selectedImage, gallery } = getState();
  const item = gallery.find((g) => g.id === selectedImage);
  if (!item || !getState().backend) return;
  const request = ++classifyRequest;
  const predictions = await worker.classify(new URL(item.src, siteUrl).href);
  // A newer selection wins over an older, slower answer.
  if (request === classifyRequest) setState({ predictions });
}
