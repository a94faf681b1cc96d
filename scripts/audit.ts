// `npm run audit`: `npm audit --omit=dev` for the packages the page ships, failing on any high or
// critical advisory. When npm's advisory service cannot be reached it fails too, saying so: an
// audit that did not run is not a pass.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const BLOCKING = ['high', 'critical'] as const;

interface AuditJson {
  message?: string;
  metadata?: { vulnerabilities?: Record<string, number> };
  vulnerabilities?: Record<string, { name: string; severity: string; via: (string | { title?: string; url?: string })[] }>;
}

export interface AuditVerdict {
  ok: boolean;
  lines: string[];
}

/** Reads `npm audit --json` output: ok only when the audit ran and found nothing high or critical. */
export function auditVerdict(stdout: string): AuditVerdict {
  let report: AuditJson;
  try {
    report = JSON.parse(stdout) as AuditJson;
  } catch {
    return { ok: false, lines: ['audit: npm audit printed no JSON report.'] };
  }
  const counts = report.metadata?.vulnerabilities;
  if (!counts) return { ok: false, lines: [`audit: the advisory service could not be asked (${report.message ?? 'no report'}); nothing was checked.`] };
  const blocking = Object.values(report.vulnerabilities ?? {}).filter((v) => (BLOCKING as readonly string[]).includes(v.severity));
  const summary = `audit: ${Object.entries(counts).filter(([k]) => k !== 'total').map(([k, n]) => `${n} ${k}`).join(', ')} (production dependencies)`;
  const details = blocking.map((v) => {
    const advisory = v.via.find((a) => typeof a === 'object');
    return `  ${v.severity}: ${v.name}${advisory && typeof advisory === 'object' ? ` — ${advisory.title ?? ''} ${advisory.url ?? ''}` : ` (via ${v.via.join(', ')})`}`;
  });
  return { ok: blocking.length === 0, lines: [summary, ...details] };
}

function main(): void {
  const npm = spawnSync('npm', ['audit', '--omit=dev', '--json'], { cwd: path.resolve(import.meta.dirname, '..'), encoding: 'utf8' });
  const { ok, lines } = auditVerdict(npm.stdout);
  for (const line of lines) (ok ? console.log : console.error)(line);
  process.exit(ok ? 0 : 1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) main();
