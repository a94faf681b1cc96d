// tfjs in Node for scripts and tests: backend selection and reading the site's files from public/.
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { ByteSource } from '../../src/models/artifacts.ts';
import { PUBLIC_DIR, WHOLE_BASES_ROOT } from './paths.ts';

export type NodeBackend = 'cpu' | 'wasm';

export async function setNodeBackend(name: NodeBackend): Promise<void> {
  if (!(await tf.setBackend(name))) throw new Error(`tfjs backend ${name} failed to initialise`);
  await tf.ready();
}

/**
 * Lets the process's other work through between two short model passes: on wasm and cpu a pass
 * runs synchronously, and a long run of them would starve a test runner's messages (Vitest's RPC
 * times out after a minute). A macrotask, not a microtask: awaiting tfjs's data() is not enough.
 * It does not help a single pass that is itself that long: tests run those in a worker thread
 * (in-thread.ts).
 */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The site's files as the browser would fetch them, read from public/. */
export function publicSource(root = PUBLIC_DIR): ByteSource {
  const read = (rel: string) => {
    const file = path.join(root, rel);
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm install\` (it decodes the models).`);
    return fs.readFileSync(file);
  };
  return {
    text: async (rel) => read(rel).toString('utf8'),
    bytes: async (rel, onBytes) => {
      const data = read(rel);
      onBytes?.(data.length);
      return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
    },
  };
}

/** The whole bases (every layer nsfwjs ships), laid out as the site is: what training reads. */
export const wholeBaseSource = (): ByteSource => publicSource(WHOLE_BASES_ROOT);
