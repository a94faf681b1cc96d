import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { forbiddenChain, runtimeImports } from './page-imports';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'page-imports-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
/** Writes a small module graph: file name → source. */
function graph(files: Record<string, string>): (name: string) => string {
  const dir = fs.mkdtempSync(path.join(root, 'g-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return (name) => path.join(dir, name);
}
const TFJS = /^@tensorflow\//;

describe('the page-imports check', () => {
  it('finds a direct tfjs import', () => {
    const at = graph({ 'app/page.tsx': "import * as tf from '@tensorflow/tfjs';\nexport const x = tf;" });
    expect(forbiddenChain([at('app/page.tsx')], TFJS)).toEqual([at('app/page.tsx'), '@tensorflow/tfjs']);
  });

  it('finds tfjs two modules down, through an index file and a re-export, with the chain', () => {
    const at = graph({
      'app/page.ts': "import { budget } from '../attack';\nexport const y = budget;",
      'attack/index.ts': "export { budget } from './budget';",
      'attack/budget.ts': "import '@tensorflow/tfjs-backend-webgl';\nexport const budget = 1;",
    });
    expect(forbiddenChain([at('app/page.ts')], TFJS)).toEqual([at('app/page.ts'), at('attack/index.ts'), at('attack/budget.ts'), '@tensorflow/tfjs-backend-webgl']);
  });

  it('finds a lazy import() too', () => {
    const at = graph({ 'app/lazy.ts': "export const load = () => import('./heavy.ts');", 'app/heavy.ts': "export * from '@tensorflow/tfjs';" });
    expect(forbiddenChain([at('app/lazy.ts')], TFJS)).toHaveLength(3);
  });

  it('lets type-only imports through: the build erases them', () => {
    const at = graph({
      'app/page.ts': "import type { Tensor } from '@tensorflow/tfjs';\nimport { type LabFrame } from '../lab/session';\nexport type { Frame } from '../lab/frame';\nexport const z = 1 as unknown as Tensor | LabFrame;",
      'lab/session.ts': "import * as tf from '@tensorflow/tfjs';\nexport interface LabFrame { t: number }\nexport const s = tf;",
      'lab/frame.ts': "import * as tf from '@tensorflow/tfjs';\nexport type Frame = number;\nexport const f = tf;",
    });
    expect(forbiddenChain([at('app/page.ts')], TFJS)).toBeNull();
  });

  it('a worker started by URL is not an import', () => {
    expect(runtimeImports('a.ts', "new Worker(new URL('../worker/lab.worker.ts', import.meta.url), { type: 'module' });")).toEqual([]);
  });

  it('reads side-effect, default and mixed imports', () => {
    expect(runtimeImports('a.ts', "import './styles.css';\nimport React from 'react';\nimport { a, type B } from './c';")).toEqual(['./styles.css', 'react', './c']);
  });
});
