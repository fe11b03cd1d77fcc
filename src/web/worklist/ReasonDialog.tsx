import { useEffect, useRef, useState, type FormEvent } from 'react';

const commonReasons = ['Patient not available', 'Patient refused', 'Duplicate order', 'Ordered in error', 'Waiting for transport'];

interface Props {
  title: string;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: (reason: string) => void;
  onClose: () => void;
}

/** A modal asking why (hold, cancel): a free text, with common reasons one tap away. */
export function ReasonDialog({ title, confirmLabel, danger, onConfirm, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (reason.trim()) onConfirm(reason.trim());
  }

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="reason-title" onCancel={(e) => { e.preventDefault(); onClose(); }} data-testid="reason-dialog">
      <form onSubmit={submit}>
        <h2 id="reason-title">{title}</h2>
        <div className="chip-row" role="group" aria-label="Common reasons">
          {commonReasons.map((r) => (
            <button key={r} type="button" className={`chip-button ${reason === r ? 'on' : ''}`} onClick={() => setReason(r)}>
              {r}
            </button>
          ))}
        </div>
        <div className="field">
          <label htmlFor="reason-text">Reason (required)</label>
          <textarea id="reason-text" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} required autoFocus data-testid="reason-text" />
        </div>
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            Back
          </button>
          <button type="submit" className={`button primary ${danger ? 'danger' : ''}`} disabled={!reason.trim()} data-testid="reason-confirm">
            {confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
