// Runs one exported function of a TypeScript module in a worker thread and resolves with its
// result. Tests use it for long synchronous tfjs passes (the cpu backend takes minutes): run in
// the test's own thread, they would block its event loop and starve Vitest's RPC, which times
// out after a minute.
import { Worker } from 'node:worker_threads';

export function inThread<T>(module: URL, name: string, ...args: unknown[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = new Worker(new URL('./thread-boot.mjs', import.meta.url), { workerData: { module: module.href, name, args } });
    worker.once('message', (result: T) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`${name} in a worker thread exited with ${code}`)));
  });
}
