import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { PlannedOrder } from './models.js';

/** Why a draw did not happen; the reason goes to the ordering clinician with the recollection. */
export const unableReasons = [
  'Patient refused',
  'Patient not on unit',
  'NPO / in a procedure',
  'In dialysis',
  'Hard stick: two attempts failed',
  'Patient asleep, asked to come back',
  'IV in both arms, no site',
] as const;

interface Props {
  orders: PlannedOrder[];
  onConfirm: (taskIds: string[], reason: string) => void;
  onClose: () => void;
  busy: boolean;
}

export function UnableDialog({ orders, onConfirm, onClose, busy }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const withTask = orders.filter((o) => o.taskId);
  const [chosen, setChosen] = useState<string>('');
  const [detail, setDetail] = useState('');
  const [tasks, setTasks] = useState<Set<string>>(() => new Set(withTask.map((o) => o.taskId!)));

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const reason = [chosen, detail.trim()].filter(Boolean).join(': ');
  function submit(e: FormEvent) {
    e.preventDefault();
    if (reason && tasks.size) onConfirm([...tasks], reason);
  }
  function toggle(id: string) {
    const next = new Set(tasks);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setTasks(next);
  }

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="unable-title" onCancel={(e) => { e.preventDefault(); onClose(); }} data-testid="unable-dialog">
      <form onSubmit={submit}>
        <h2 id="unable-title">Unable to collect</h2>
        <fieldset className="field">
          <legend>Reason (required)</legend>
          <div className="chip-row">
            {unableReasons.map((r) => (
              <button key={r} type="button" className={`chip-button ${chosen === r ? 'on' : ''}`} aria-pressed={chosen === r} onClick={() => setChosen(chosen === r ? '' : r)} data-testid="unable-reason">
                {r}
              </button>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor="unable-detail">Details {chosen ? <span className="optional">(optional)</span> : '(required without a reason above)'}</label>
          <textarea id="unable-detail" rows={2} value={detail} onChange={(e) => setDetail(e.target.value)} data-testid="unable-detail" />
        </div>
        <fieldset className="field">
          <legend>Orders not collected</legend>
          {withTask.map((o) => (
            <label key={o.id} className="check">
              <input type="checkbox" checked={tasks.has(o.taskId!)} onChange={() => toggle(o.taskId!)} />
              {o.display}
            </label>
          ))}
        </fieldset>
        <p className="hint">Each order gets a recollection task, and the ordering clinician is told why.</p>
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>Back</button>
          <button type="submit" className="button primary danger" disabled={!reason || !tasks.size || busy} data-testid="unable-confirm">
            Record: not collected
          </button>
        </div>
      </form>
    </dialog>
  );
}
