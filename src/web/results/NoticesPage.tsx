import { useState } from 'react';
import { ApiError } from '../api.js';
import { Link } from '../router.js';
import { formatDateTime } from '../shell/format.js';
import { resultsApi } from './api.js';
import type { Notice } from './models.js';
import { useNotices } from './useNotices.js';
import { waitingText } from './format.js';

function NoticeCard({ notice, canAcknowledge, onDone }: { notice: Notice; canAcknowledge: boolean; onDone: () => void }) {
  // a clinician's own notices are all addressed to them; an admin's list says to whom
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const acknowledge = async () => {
    setBusy(true);
    setError(null);
    try {
      await resultsApi.acknowledge(notice.id, notice.version);
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not acknowledge the notice; try again.');
      if (e instanceof ApiError && e.status === 409) onDone();
    } finally {
      setBusy(false);
    }
  };
  const cls = ['notice-card', notice.kind === 'critical' ? 'critical' : '', notice.acknowledged ? 'done' : ''].filter(Boolean).join(' ');
  return (
    <li className={cls} data-testid="notice" data-notice-id={notice.id}>
      <div className="notice-head">
        {notice.kind === 'critical' ? <span className="badge badge-critical">Critical value</span> : <span className="badge">Notice</span>}
        {notice.patient && (
          <Link to={`/patients/${encodeURIComponent(notice.patient.id)}`} className="notice-patient" data-testid="notice-patient">
            {notice.patient.name}
            {notice.patient.mrn && <span className="muted"> · MRN {notice.patient.mrn}</span>}
          </Link>
        )}
        <span className="muted small notice-time">{formatDateTime(notice.sent)}</span>
      </div>
      <p className="notice-text">{notice.text}</p>
      <div className="notice-foot">
        <span className="muted small">
          {notice.sender && <>From {notice.sender}</>}
          {!canAcknowledge && notice.recipients.length > 0 && <> · To {notice.recipients.join(', ')}</>}
        </span>
        {notice.acknowledged ? (
          <span className="status status-completed" data-testid="notice-acknowledged">
            Acknowledged {formatDateTime(notice.acknowledged.at)} by {notice.acknowledged.by}
          </span>
        ) : canAcknowledge ? (
          <span className="notice-actions">
            <span className="muted small" data-testid="notice-waiting">{waitingText(notice.sent)}</span>
            <button type="button" className="button primary" onClick={acknowledge} disabled={busy} data-testid="notice-acknowledge">
              {busy ? 'Acknowledging…' : 'Acknowledge'}
            </button>
          </span>
        ) : (
          <span className="status status-on-hold" data-testid="notice-waiting">Not yet acknowledged{notice.sent ? ` · ${waitingText(notice.sent)}` : ''}</span>
        )}
      </div>
      {error && <p className="field-error" role="alert">{error}</p>}
    </li>
  );
}

/** Critical values and other notices addressed to the signed-in clinician (an admin sees everyone's). */
export function NoticesPage() {
  const [status, setStatus] = useState<'open' | 'all'>('open');
  const notices = useNotices(status);
  const data = notices.data;
  return (
    <section className="page" data-testid="notices-page">
      <div className="section-head">
        <h1>
          Notices {data && data.scope === 'all' && <span className="subtitle">(everyone's)</span>}
        </h1>
        <span className={`live live-${notices.live}`} data-testid="notices-live">
          <span className="live-dot" aria-hidden="true" />
          {notices.live === 'live' ? 'Live' : notices.live === 'connecting' ? 'Connecting…' : 'Offline'}
        </span>
      </div>
      <div className="segmented" role="group" aria-label="Which notices">
        <button type="button" className="segment" aria-pressed={status === 'open'} onClick={() => setStatus('open')} data-testid="notices-open">
          To acknowledge{data && status === 'open' ? ` (${data.open})` : ''}
        </button>
        <button type="button" className="segment" aria-pressed={status === 'all'} onClick={() => setStatus('all')} data-testid="notices-all">
          All
        </button>
      </div>
      {notices.error && <p className="notice error" role="alert">{notices.error.message}</p>}
      {data?.message && <p className="notice info">{data.message}</p>}
      {!data && !notices.error && <p role="status">Loading notices…</p>}
      {data && data.notices.length === 0 && !data.message && (
        <p className="empty">{status === 'open' ? 'Nothing waiting: every notice has been acknowledged.' : 'No notices yet.'}</p>
      )}
      {data && data.notices.length > 0 && (
        <ul className="notice-list">
          {data.notices.map((n) => <NoticeCard key={n.id} notice={n} canAcknowledge={data.scope === 'mine'} onDone={notices.reload} />)}
        </ul>
      )}
    </section>
  );
}
