// The one tfjs worker of the page (all model work runs there), shared by the lab and the experiment.
import * as Comlink from 'comlink';
import type { LabApi } from '../worker/api';

export const worker = Comlink.wrap<LabApi>(new Worker(new URL('../worker/lab.worker.ts', import.meta.url), { type: 'module' }));
