// A long session driven through the real page (wasm, `?debug=1`), for `npm run soak` and its
// shorter twin in e2e/soak.spec.ts: many black-box runs and image switches, then the worker's tfjs
// memory (from the page's debug readout) and the worker's JavaScript heap (over the DevTools
// protocol: Runtime.getHeapUsage after a forced garbage collection; `performance.memory` does
// not exist in workers) compared with the start.
import { expect as baseExpect, type Page } from '@playwright/test';

const RUN_T = 50;
/** Also outside Playwright Test (npm run soak), where expect would give up after 5 s. */
const expect = baseExpect.configure({ timeout: 300_000 });

export interface SoakOptions {
  /** Attack iterations in all (one Step after each switch, the rest in Runs of T = 50). */
  iterations: number;
  /** Gallery image switches. */
  switches: number;
  /** Called with progress lines. */
  log?: (line: string) => void;
}

export interface SoakFigures {
  iterations: number;
  switches: number;
  tensors: { start: number; end: number };
  bytes: { start: number; end: number };
  /** Bytes of the worker's JS heap after garbage collection; `samples` taken along the way. */
  workerHeap: { start: number; end: number; max: number; samples: number[] };
  seconds: number;
}

/** The tfjs memory the worker reported with the frame on screen. */
async function tfMemory(page: Page): Promise<{ tensors: number; bytes: number }> {
  const debug = page.getByTestId('debug');
  return { tensors: Number(await debug.getAttribute('data-tensors')), bytes: Number(await debug.getAttribute('data-bytes')) };
}

/** The lab worker's JS heap in bytes, after a full garbage collection. */
async function workerHeap(page: Page): Promise<number> {
  const cdp = await page.context().browser()!.newBrowserCDPSession();
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const worker = targetInfos.find((t) => t.type === 'worker' && t.url.includes('lab.worker'));
    if (!worker) throw new Error('the lab worker is not running');
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false });
    const pending = new Map<number, (result: unknown) => void>();
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      const message = JSON.parse(e.message) as { id: number; result: unknown };
      pending.get(message.id)?.(message.result);
    });
    let id = 0;
    const call = <T>(method: string) =>
      new Promise<T>((resolve) => {
        pending.set(++id, resolve as (result: unknown) => void);
        void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
      });
    await call('HeapProfiler.collectGarbage');
    const { usedSize } = await call<{ usedSize: number }>('Runtime.getHeapUsage');
    await cdp.send('Target.detachFromTarget', { sessionId });
    return usedSize;
  } finally {
    await cdp.detach();
  }
}

/** `siteUrl`: the app's root. Leaves the page on the first image at t = 0, as it started. */
export async function soak(page: Page, siteUrl: string, { iterations, switches, log = () => {} }: SoakOptions): Promise<SoakFigures> {
  const gallery = (await (await page.request.get(new URL('gallery/gallery.json', siteUrl).href)).json()) as { id: string }[];
  const ids = gallery.map((g) => g.id);
  const iteration = page.getByTestId('iteration');
  const run = page.getByRole('button', { name: 'Run', exact: true });
  await page.goto(new URL(`?backend=wasm&debug=1&image=${ids[0]}&mode=blackbox&eps=0.02&T=${RUN_T}`, siteUrl).href);
  for (const id of ['inception_v3', 'mobilenet_v2']) await expect(page.getByTestId(`model-${id}`)).toContainText('ready');
  await expect(iteration).toHaveText(`0 / ${RUN_T}`);
  // The baseline frame is the one made once both models were loaded (f's verdict is on it).
  for (const id of ['inception_v3', 'mobilenet_v2']) await expect(page.getByTestId(`verdict-${id}`)).toBeVisible();
  const started = Date.now();
  const start = await tfMemory(page);
  const heap = [await workerHeap(page)];
  log(`start: ${start.tensors} tensors, ${start.bytes} bytes, worker heap ${heap[0]} bytes`);

  let done = 0;
  for (let s = 1; s <= switches; s++) {
    await page.getByTestId(`leaf-${ids[s % ids.length]}`).click();
    await expect(iteration).toHaveText(`0 / ${RUN_T}`);
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect(iteration).toHaveText(`1 / ${RUN_T}`);
    done++;
    if (s % 10 === 0) heap.push(await workerHeap(page));
    if (s % 10 === 0) log(`${s} switches: ${JSON.stringify(await tfMemory(page))}`);
  }
  // Back to x⁰, then Runs of T iterations each.
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(iteration).toHaveText(`0 / ${RUN_T}`);
  while (iterations - done >= RUN_T / 2) {
    await run.click();
    // Running (the previous Run's last frame, t = T, is still on screen until the reset)…
    await expect(run).toBeDisabled();
    // …until t = T again.
    await expect(iteration).toHaveText(`${RUN_T} / ${RUN_T}`, { timeout: 900_000 });
    await expect(run).toBeEnabled();
    done += RUN_T;
    heap.push(await workerHeap(page));
    log(`${done} iterations: ${JSON.stringify(await tfMemory(page))}`);
  }

  await page.getByTestId(`leaf-${ids[0]}`).click();
  await expect(iteration).toHaveText(`0 / ${RUN_T}`);
  const end = await tfMemory(page);
  heap.push(await workerHeap(page));
  return {
    iterations: done,
    switches,
    tensors: { start: start.tensors, end: end.tensors },
    bytes: { start: start.bytes, end: end.bytes },
    workerHeap: { start: heap[0], end: heap[heap.length - 1], max: Math.max(...heap), samples: heap },
    seconds: Math.round((Date.now() - started) / 1000),
  };
}
