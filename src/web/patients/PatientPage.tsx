import { api, ApiError } from '../api.js';
import { Link } from '../router.js';
import { canUse } from '../shell/access.js';
import { useSession } from '../shell/session.js';
import { useFetch } from '../shell/useFetch.js';
import { PatientBanner } from './PatientBanner.js';
import { PatientOrders } from './PatientOrders.js';
import { PatientResults } from '../results/PatientResults.js';

/** The roles the server lets read reports and their values (services/access/policies.ts). */
const RESULT_READERS = new Set(['physician', 'nurse', 'lab', 'radiologist', 'coder', 'admin']);
const canSeeResults = (role: string) => RESULT_READERS.has(role);

export function PatientPage({ patientId }: { patientId: string }) {
  const { session } = useSession();
  const banner = useFetch(`banner:${patientId}`, (signal) => api.banner(patientId, signal));
  const orders = useFetch(`orders:${patientId}`, (signal) => api.patientOrders(patientId, signal));

  if (banner.error) {
    return (
      <section className="page">
        <p className="notice error" role="alert">
          {banner.error.message}
        </p>
        <Link to="/patients" className="button">Back to patient search</Link>
      </section>
    );
  }
  if (!banner.data) return <p className="page loading" role="status">Loading patient…</p>;

  return (
    <section className="page" data-testid="patient-page">
      <PatientBanner banner={banner.data} />
      <div className="section-head">
        <h2>Orders</h2>
        <div className="actions">
          <button type="button" className="button" onClick={orders.reload} disabled={orders.loading}>
            Refresh
          </button>
          {canUse(session.user.role, 'audit') && (
            <Link to={`/audit?patient=${encodeURIComponent(patientId)}`} className="button" data-testid="patient-audit-link">
              Access log
            </Link>
          )}
          {canUse(session.user.role, 'collect') && (
            <Link to={`/collect/${encodeURIComponent(patientId)}`} className="button" data-testid="collect-link">
              Collect specimens
            </Link>
          )}
          {canUse(session.user.role, 'orders') && (
            <Link to={`/orders/new?patient=${encodeURIComponent(patientId)}`} className="button primary" data-testid="new-order-link">
              New order
            </Link>
          )}
        </div>
      </div>
      {orders.error && (orders.error instanceof ApiError && orders.error.status === 403 ? (
        <p className="empty">Orders are not shown to your role.</p>
      ) : (
        <p className="notice error" role="alert">{orders.error.message}</p>
      ))}
      {orders.data ? <PatientOrders orders={orders.data} /> : !orders.error && <p role="status">Loading orders…</p>}
      {canSeeResults(session.user.role) && <PatientResults patientId={patientId} />}
    </section>
  );
}
