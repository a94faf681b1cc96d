import type { BackendInfo } from '../../backend/choose';

/** Which tfjs backend runs the models, on what, and why a faster one was passed over. */
export function BackendBadge({ backend, error }: { backend: BackendInfo | null; error: string | null }) {
  if (error) return <p role="alert" className="badge badge-error">No compute backend: {error}</p>;
  if (!backend) return <p className="badge">Starting tfjs…</p>;
  return (
    <p className="badge" data-testid="backend">
      Backend: <strong>{backend.backend}</strong> <span className="renderer">({backend.renderer}{backend.threads !== null && `, ${backend.threads} thread${backend.threads === 1 ? '' : 's'}`})</span>
      {backend.skipped.length > 0 && <span className="renderer" data-testid="backend-skipped"> · skipped {backend.skipped.join('; ')}</span>}
    </p>
  );
}
