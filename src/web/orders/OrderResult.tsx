import type { PlacedOrder } from '../models.js';
import { roleLabels, type Role } from '../models.js';
import { Link } from '../router.js';
import { formatDateTime, statusLabel } from '../shell/format.js';
import { locationName, useLocations } from '../shell/useLocations.js';
import { PriorityBadge } from './PriorityBadge.js';

function orderTitle(o: PlacedOrder): string {
  const code = o.serviceRequest.code;
  return code?.text ?? code?.coding?.[0]?.display ?? o.tasks[0]?.orderDisplay ?? 'Order';
}

export function OrderResult({ order, patientId, onAnother }: { order: PlacedOrder; patientId: string; onAnother: () => void }) {
  const sr = order.serviceRequest;
  const locations = useLocations();
  return (
    <section className="card order-result" data-testid="order-result" data-order-id={sr.id} aria-labelledby="order-result-title">
      <p className="notice success" role="status">Order placed.</p>
      <h2 id="order-result-title">
        <PriorityBadge priority={sr.priority ?? order.tasks[0]?.priority} /> {orderTitle(order)}
      </h2>
      <p className="muted">Order {sr.id}{sr.authoredOn ? ` · ${formatDateTime(sr.authoredOn)}` : ''}</p>
      <h3>Tasks created</h3>
      {order.tasks.length === 0 ? (
        <p className="empty">No tasks were created for this order.</p>
      ) : (
        <ul className="order-list" data-testid="order-result-tasks">
          {order.tasks.map((t) => (
            <li key={t.taskId} className="order-row" data-testid="order-result-task" data-task-id={t.taskId}>
              <div className="order-head">
                <span className="order-name">{t.description || t.orderDisplay}</span>
                <span className={`status status-${t.status}`}>{statusLabel(t.status)}</span>
              </div>
              <div className="muted">
                Worklist: {t.role && t.role in roleLabels ? roleLabels[t.role as Role] : (t.role ?? '—')}
                {t.due && ` · due ${formatDateTime(t.due)}`}
                {t.location && ` · ${locationName(t.location, locations)}`}
              </div>
            </li>
          ))}
        </ul>
      )}
      <div className="form-actions">
        <button type="button" className="button primary" onClick={onAnother} data-testid="order-another">
          Place another order
        </button>
        <Link to={`/patients/${encodeURIComponent(patientId)}`} className="button">
          Open patient
        </Link>
      </div>
    </section>
  );
}
