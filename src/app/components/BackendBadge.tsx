import type { BackendInfo } from '../../backend/choose';

/** Which tfjs backend runs the models, on what, and why a faster one was passed over. */
export function BackendBadge({ backend, error }: { backend: BackendInfo | null; error: string | null }) {
  if (error) return <p role="alert" className="badge badge-error">No compute backend: {error}</p>;
  if (!backend) return <p className="badge">Starting tfjs…</p>;
  const threads = backend.threads !== null ? `, ${backend.threads} thread${backend.threads === 1 ? '' : 's'}` : '';
  const skipped = backend.skipped.length > 0 ? ` · skipped ${backend.skipped.join('; ')}` : '';
  // The lab keeps the badge on one line (no layout shift); the whole of it is the tooltip.
  return (
    <p className="badge" data-testid="backend" title={`Backend: ${backend.backend} (${backend.renderer}${threads})${skipped}`}>
      Backend: <strong>{backend.backend}</strong> <span className="renderer">({backend.renderer}{threads})</span>
      {skipped && <span className="renderer" data-testid="backend-skipped">{skipped}</span>}
    </p>
  );
}
