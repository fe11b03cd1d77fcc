import { useEffect, useRef, useState, type FormEvent } from 'react';

interface Props {
  decision: 'accept' | 'reject';
  onConfirm: (reason: string) => void;
  onClose: () => void;
}

/** A person overriding the rules says why; the reason is audited with the decision. */
export function OverrideDialog({ decision, onConfirm, onClose }: Props) {
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
    <dialog ref={ref} className="dialog" aria-labelledby="override-title" onCancel={(e) => { e.preventDefault(); onClose(); }} data-testid="override-dialog">
      <form onSubmit={submit}>
        <h2 id="override-title">Override: {decision} this specimen</h2>
        <div className="field">
          <label htmlFor="override-reason">Reason (required, audited)</label>
          <textarea id="override-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} required autoFocus data-testid="override-reason" />
        </div>
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>Back</button>
          <button type="submit" className={`button primary ${decision === 'reject' ? 'danger' : ''}`} disabled={!reason.trim()} data-testid="override-confirm">
            {decision === 'accept' ? 'Accept anyway' : 'Reject anyway'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
