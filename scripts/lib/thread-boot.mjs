// A worker thread's entry (see in-thread.ts): TypeScript through tsx, then one exported function.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const module = await import(workerData.module);
parentPort.postMessage(await module[workerData.name](...workerData.args));
