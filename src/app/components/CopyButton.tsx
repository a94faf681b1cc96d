import { useState } from 'react';

/** Copies text to the clipboard and says so; where the browser refuses, shows the text to copy by hand. */
export function CopyButton({ text, label, copied, testId }: { text: () => string; label: string; copied: string; testId: string }) {
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const copy = async () => {
    const value = text();
    try {
      await navigator.clipboard.writeText(value);
      setStatus({ ok: true, text: value });
    } catch {
      setStatus({ ok: false, text: value });
    }
  };
  return (
    <span className="copy">
      <button type="button" onClick={() => void copy()} data-testid={testId}>{label}</button>
      <span role="status" className="small">
        {status?.ok && copied}
        {status && !status.ok && (
          <label>
            {' '}Copy it by hand: <input readOnly value={status.text} onFocus={(e) => e.target.select()} autoFocus />
          </label>
        )}
      </span>
    </span>
  );
}
