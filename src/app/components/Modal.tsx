import { useEffect, useRef, type ReactNode } from 'react';

/** A native modal <dialog>: focus is trapped inside, Escape closes it, focus returns afterwards. */
export function Modal({ open, onClose, title, children, testId }: { open: boolean; onClose: () => void; title: string; children: ReactNode; testId: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  const titleId = `${testId}-title`;
  return (
    <dialog ref={ref} className="modal" aria-labelledby={titleId} onClose={onClose} data-testid={testId}>
      <div className="modal-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" onClick={onClose} aria-label="Close">×</button>
      </div>
      {children}
    </dialog>
  );
}
