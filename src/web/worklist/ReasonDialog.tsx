import { useEffect, useRef, useState, type FormEvent } from 'react';

const commonReasons = ['Patient not available', 'Patient refused', 'Duplicate order', 'Ordered in error', 'Waiting for transport'];

interface Props {
  title: string;
  confirmLabel: string;
  danger?: boolean;
  /** reasons one tap away; none for decisions where the reason must be written out */
  reasons?: readonly string[];
  label?: string;
  /** data-testid prefix: <prefix>-dialog, <prefix>-text (or -reason), <prefix>-confirm */
  testId?: string;
  textTestId?: string;
  onConfirm: (reason: string) => void;
  onClose: () => void;
}

/** A modal asking why (hold, cancel, override): a free text, with common reasons one tap away. */
export function ReasonDialog({ title, confirmLabel, danger, reasons = commonReasons, label = 'Reason (required)', testId = 'reason', textTestId = `${testId}-text`, onConfirm, onClose }: Props) {
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
    <dialog ref={ref} className="dialog" aria-labelledby={`${testId}-title`} onCancel={(e) => { e.preventDefault(); onClose(); }} data-testid={`${testId}-dialog`}>
      <form onSubmit={submit}>
        <h2 id={`${testId}-title`}>{title}</h2>
        {reasons.length > 0 && (
        <div className="chip-row" role="group" aria-label="Common reasons">
          {reasons.map((r) => (
            <button key={r} type="button" className={`chip-button ${reason === r ? 'on' : ''}`} onClick={() => setReason(r)}>
              {r}
            </button>
          ))}
        </div>
        )}
        <div className="field">
          <label htmlFor={`${testId}-text`}>{label}</label>
          <textarea id={`${testId}-text`} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} required autoFocus data-testid={textTestId} />
        </div>
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            Back
          </button>
          <button type="submit" className={`button primary ${danger ? 'danger' : ''}`} disabled={!reason.trim()} data-testid={`${testId}-confirm`}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
