import { describe, expect, it } from 'vitest';
import { COMMITTED_RESULTS } from './results';
import { summaryCsv } from './csv';

describe('the Experiment as CSV', () => {
  const summary = COMMITTED_RESULTS.summaries['8bit'];
  const [header, ...rows] = summaryCsv(summary).trimEnd().split('\n').map((line) => line.split(','));
  const value = (row: string[], column: string) => row[header.indexOf(column)];

  it('has the clean images, then one row per method, T and ε, each with its interval at full precision', () => {
    expect(rows).toHaveLength(1 + summary.rows.length);
    expect(rows.every((r) => r.length === header.length)).toBe(true);
    expect(value(rows[0], 'method')).toBe('none');
    expect(Number(value(rows[0], 'accuracy'))).toBe(summary.clean.value);
    summary.rows.forEach((r, i) => {
      const row = rows[i + 1];
      expect([value(row, 'method'), Number(value(row, 'eps')), value(row, 'T')]).toEqual([r.method, r.eps, r.T === null ? '' : String(r.T)]);
      expect([Number(value(row, 'accuracy')), Number(value(row, 'accuracy_low')), Number(value(row, 'accuracy_high'))]).toEqual([r.accuracy.value, r.accuracy.low, r.accuracy.high]);
      expect(Number(value(row, 'success_healthy'))).toBe(r.flips.healthy.value);
    });
  });
});
