import { describe, expect, it } from 'vitest';
import { auditVerdict } from './audit.ts';

/** The shape `npm audit --json` prints (auditReportVersion 2). */
const report = (severity: string | null) =>
  JSON.stringify({
    auditReportVersion: 2,
    vulnerabilities: severity
      ? { 'some-lib': { name: 'some-lib', severity, isDirect: false, via: [{ source: 1, name: 'some-lib', title: 'Prototype pollution', url: 'https://github.com/advisories/GHSA-xxxx', severity }], effects: [], range: '<1.2.3', nodes: ['node_modules/some-lib'], fixAvailable: true } }
      : {},
    metadata: { vulnerabilities: { info: 0, low: 0, moderate: severity === 'moderate' ? 1 : 0, high: severity === 'high' ? 1 : 0, critical: severity === 'critical' ? 1 : 0, total: severity ? 1 : 0 } },
  });

describe('auditVerdict', () => {
  it('passes a clean report and one with only a moderate finding', () => {
    expect(auditVerdict(report(null))).toEqual({ ok: true, lines: ['audit: 0 info, 0 low, 0 moderate, 0 high, 0 critical (production dependencies)'] });
    expect(auditVerdict(report('moderate')).ok).toBe(true);
  });

  it.each(['high', 'critical'])('fails on a %s finding and names the package and advisory', (severity) => {
    const verdict = auditVerdict(report(severity));
    expect(verdict.ok).toBe(false);
    expect(verdict.lines[1]).toBe(`  ${severity}: some-lib — Prototype pollution https://github.com/advisories/GHSA-xxxx`);
  });

  it('fails, saying so, when the advisory service could not be asked', () => {
    const verdict = auditVerdict(JSON.stringify({ message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', statusCode: 405 }));
    expect(verdict).toEqual({ ok: false, lines: [expect.stringContaining('could not be asked (405 Method Not Allowed')] });
    expect(auditVerdict('').ok).toBe(false);
  });
});
