import { describe, expect, it } from 'vitest';
import { wrapCaption } from './chart-export';

describe('an exported chart caption', () => {
  it('wraps at word boundaries to fit the width, losing no word', () => {
    const text = 'Committed run: all 174 lab test images (npm run experiment -- --set lab, wasm backend, 3 h 10 min of computing)';
    const lines = wrapCaption(text, 300);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join(' ')).toBe(text);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(Math.floor((300 - 16) / (0.55 * 14)));
    expect(wrapCaption(text, 5000)).toEqual([text]);
  });
});
