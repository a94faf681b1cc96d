// One fingerprint for a pair of heads, so results can say which heads made them. FNV-1a over
// the heads' JSON: no crypto needed, the same in Node and the page.
import type { HeadWeights } from '../head';
import type { ModelId } from '../specs';

export function headsFingerprint(heads: Record<ModelId, HeadWeights>): string {
  const text = JSON.stringify([heads.inception_v3, heads.mobilenet_v2]);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619);
    h2 = Math.imul(h2 ^ c, 2246822519);
  }
  return [h1, h2].map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('');
}
