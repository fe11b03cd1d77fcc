import type { AuditEvent } from '../models.js';
import { Link } from '../router.js';
import { formatDateTime } from '../shell/format.js';

/** Ids are UUIDs: the first block is enough to tell rows apart; the whole id is in the tooltip. */
function shortId(id: string): string {
  const bare = id.slice(id.lastIndexOf('/') + 1);
  return bare.length > 13 ? `${bare.slice(0, 8)}…` : bare;
}

/** AuditEvent.outcome codes (FHIR R4 audit-event-outcome). */
const outcomes: Record<string, string> = { '0': 'Success', '4': 'Minor failure', '8': 'Serious failure', '12': 'Major failure' };

function Outcome({ code }: { code: string | null }) {
  if (!code) return <>—</>;
  const ok = code === '0' || /^(success|ok)$/i.test(code);
  return <span className={`status ${ok ? 'status-completed' : 'status-failed'}`}>{outcomes[code] ?? code}</span>;
}

export function AuditTable({ events }: { events: AuditEvent[] }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Audit events">
      <table className="table" data-testid="audit-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">When</th>
            <th scope="col">User</th>
            <th scope="col">Operation</th>
            <th scope="col">Resource</th>
            <th scope="col">Patient</th>
            <th scope="col">Outcome</th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.seq} data-testid="audit-row">
              <td className="num">{e.seq}</td>
              <td className="nowrap">{formatDateTime(e.recorded)}</td>
              <td>
                {e.username ?? '—'}
                {e.role && <div className="muted small">{e.role.replace(/_/g, ' ')}</div>}
              </td>
              <td>
                {e.operation}
                {e.query && <div className="muted small query" title={e.query}>{e.query}</div>}
              </td>
              <td>
                {e.resourceType ?? '—'}
                {e.resourceId && <div className="mono small muted" title={e.resourceId}>{shortId(e.resourceId)}</div>}
              </td>
              <td className="mono small">
                {e.patient ? (
                  <Link to={`/patients/${encodeURIComponent(e.patient.slice(e.patient.lastIndexOf('/') + 1))}`} title={e.patient}>{shortId(e.patient)}</Link>
                ) : '—'}
              </td>
              <td>
                <Outcome code={e.outcome} />
              </td>
              <td className="mono small">{e.source ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
