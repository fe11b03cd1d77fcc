import type { WorklistItem } from '../models.js';
import { wantedAt, type CollectionItem } from './collection.js';
import { CollectionFactsView } from './CollectionFactsView.js';
import { PriorityBadge } from '../orders/PriorityBadge.js';
import { Link } from '../router.js';
import { formatDateTime, statusLabel } from '../shell/format.js';
import { relativeDue } from './due.js';
import { nextSteps, type NextStep } from './next-steps.js';

interface Props {
  item: WorklistItem | CollectionItem;
  now: number;
  busy: boolean;
  isMine: boolean;
  /** The location's display name. */
  place: string | null;
  onStep: (item: WorklistItem, step: NextStep) => void;
  /** the bedside collection view for this row's patient, when the row is a blood draw the user may do */
  collectHref?: string | null;
  /** inside a patient's card: the card shows who, where and Collect once */
  inCard?: boolean;
}

export function WorklistRow({ item, now, busy, isMine, place, onStep, collectHref, inCard }: Props) {
  // an order waiting for its round is due when the round starts (written at 03:15 for the 05:00 round: not overdue at 04:30)
  const onRound = 'collection' in item && item.collection?.group === 'round';
  const wanted = onRound ? wantedAt(item as CollectionItem) : NaN;
  const due = relativeDue(Number.isFinite(wanted) ? new Date(wanted).toISOString() : item.due, now);
  const stat = item.priority === 'stat';
  const title = item.orderDisplay || item.description || 'Task';
  return (
    <li className={`wl-item ${inCard ? 'in-card' : ''} ${stat ? 'stat' : ''} ${due?.overdue ? 'overdue' : ''}`} data-testid="worklist-item" data-task-id={item.taskId}
      data-status={item.status} data-priority={item.priority} aria-busy={busy || undefined}>
      <div className="wl-priority">
        <PriorityBadge priority={item.priority} />
      </div>
      <div className="wl-what">
        <h3 className="wl-title">{title}</h3>
        {item.description && item.description !== title && !(inCard && item.description === `Collect specimen: ${title}`) && <p className="wl-desc muted">{item.description}</p>}
        {inCard ? null : item.patient ? (
          <p className="wl-patient">
            <Link to={collectHref ?? `/patients/${encodeURIComponent(item.patient.id)}`} data-testid="worklist-patient">{item.patient.name}</Link>{' '}
            <span className="muted">MRN {item.patient.mrn ?? '—'}</span>
          </p>
        ) : (
          <p className="wl-patient muted">No patient</p>
        )}
        {'collection' in item && item.collection && <CollectionFactsView facts={item.collection} now={now} />}
      </div>
      <dl className="wl-facts">
        <div>
          <dt>Due</dt>
          <dd className={due?.overdue ? 'text-overdue' : ''} title={item.due ? formatDateTime(item.due) : undefined} data-testid="worklist-due">
            {due ? due.text : '—'}
          </dd>
        </div>
        {!inCard && (
          <div>
            <dt>Location</dt>
            <dd data-testid="worklist-location-name">{place ?? '—'}</dd>
          </div>
        )}
        <div>
          <dt>Status</dt>
          <dd>
            <span className={`status status-${item.status}`} data-testid="worklist-status">{statusLabel(item.status)}</span>
            {item.statusReason && <span className="muted"> · {item.statusReason}</span>}
          </dd>
        </div>
        <div>
          <dt>Owner</dt>
          <dd data-testid="worklist-owner">{item.owner ? (isMine ? 'You' : item.owner.display) : <span className="muted">Unassigned</span>}</dd>
        </div>
      </dl>
      <div className="wl-actions" role="group" aria-label={`Actions for ${title}`}>
        {collectHref && !inCard && (
          <Link to={collectHref} className="button primary collect" data-testid="task-collect">
            Collect
          </Link>
        )}
        {nextSteps(item.status).map((step) => (
          <button key={step.label} type="button" className={`button ${step.tone === 'primary' ? 'primary' : ''} ${step.tone === 'danger' ? 'danger-outline' : ''}`}
            disabled={busy} onClick={() => onStep(item, step)} data-testid={`task-${step.label.toLowerCase()}`}>
            {step.label}
          </button>
        ))}
      </div>
    </li>
  );
}
