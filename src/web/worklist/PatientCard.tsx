import type { WorklistItem } from '../models.js';
import { PriorityBadge } from '../orders/PriorityBadge.js';
import { Link } from '../router.js';
import { formatTime } from '../shell/format.js';
import type { CollectionItem, Elsewhere, PatientCard as Card } from './collection.js';
import type { NextStep } from './next-steps.js';
import { WorklistRow } from './WorklistRow.js';

interface Props {
  card: Card<CollectionItem>;
  now: number;
  busy: string | null;
  isMine: (item: WorklistItem) => boolean;
  onStep: (item: WorklistItem, step: NextStep) => void;
  /** the bedside collection view for this patient, when the user may collect */
  collectHref: string | null;
  /** this patient's open orders in other groups of the list (drawn in the same visit) */
  elsewhere?: Elsewhere[];
}

/** A patient on the round: who and where once, then each order with its own facts and actions. */
export function PatientCard({ card, now, busy, isMine, onStep, collectHref, elsewhere }: Props) {
  const { patient, items } = card;
  const name = patient?.name ?? 'No patient';
  const first = Number.isFinite(card.earliest) ? new Date(card.earliest).toISOString() : null;
  return (
    <li className={`wl-card ${card.stat ? 'stat' : ''}`} data-testid="worklist-card" data-patient-id={patient?.id ?? ''} data-stat={card.stat || undefined}>
      <div className="wl-card-head">
        {card.stat && <PriorityBadge priority="stat" />}
        <div className="wl-card-who">
          <h3 className="wl-card-name">
            {patient ? <Link to={collectHref ?? `/patients/${encodeURIComponent(patient.id)}`} data-testid="worklist-card-patient">{name}</Link> : name}
          </h3>
          <p className="muted small">
            {patient ? `MRN ${patient.mrn ?? '—'}` : ''}
            {card.place ? <> · <strong data-testid="worklist-card-place">{card.place}</strong></> : null}
            {' · '}<span data-testid="worklist-card-count">{items.length} order{items.length === 1 ? '' : 's'}</span>
            {first && <> · first due {formatTime(first)}</>}
          </p>
        </div>
        {collectHref && (
          <Link to={collectHref} className="button primary collect" data-testid="patient-collect">
            Collect
          </Link>
        )}
      </div>
      {elsewhere && elsewhere.length > 0 && (
        <p className="wl-card-also small" data-testid="worklist-card-also">
          Also open for this patient: {elsewhere.map((e) => `${e.count} order${e.count === 1 ? '' : 's'} in ${e.title}`).join('; ')}.
          {collectHref ? ' The tube plan draws them in the same visit.' : ''}
        </p>
      )}
      <ul className="wl-card-orders">
        {items.map((item) => (
          <WorklistRow key={item.taskId} item={item} now={now} busy={busy === item.taskId} isMine={isMine(item)} place={card.place} onStep={onStep} inCard />
        ))}
      </ul>
    </li>
  );
}
