import type { BackendInfo } from '../../backend/choose';

export function BackendBadge({ backend, error }: { backend: BackendInfo | null; error: string | null }) {
  if (error) return <p role="alert" className="badge badge-error">No compute backend: {error}</p>;
  if (!backend) return <p className="badge">Starting tfjs…</p>;
  return (
    <p className="badge" data-testid="backend">
      Backend: <strong>{backend.backend}</strong> <span className="renderer">({backend.renderer})</span>
    </p>
  );
}
