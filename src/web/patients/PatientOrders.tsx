import type { OrderSummary } from '../models.js';
import { formatDateTime, statusLabel } from '../shell/format.js';
import { roleLabels, type Role } from '../models.js';
import { PriorityBadge } from '../orders/PriorityBadge.js';

function roleName(role: string | null): string {
  return role && role in roleLabels ? roleLabels[role as Role] : (role ?? '—');
}

export function PatientOrders({ orders }: { orders: OrderSummary[] }) {
  if (orders.length === 0) return <p className="empty">No orders for this patient yet.</p>;
  return (
    <ul className="order-list" data-testid="patient-orders">
      {orders.map((o) => (
        <li key={o.id} className="order-row" data-testid="patient-order" data-order-id={o.id}>
          <div className="order-head">
            <PriorityBadge priority={o.priority} />
            <span className="order-name">{o.display ?? o.code ?? 'Order'}</span>
            <span className={`status status-${o.status}`}>{statusLabel(o.status)}</span>
          </div>
          <div className="order-meta muted">
            {o.code && <span>{o.code} · </span>}
            Ordered {formatDateTime(o.authoredOn)}
          </div>
          {o.tasks.length > 0 && (
            <ul className="task-chips" aria-label="Tasks">
              {o.tasks.map((t) => (
                <li key={t.id} className={`chip status-${t.status}`}>
                  {roleName(t.role)}: {statusLabel(t.status)}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
