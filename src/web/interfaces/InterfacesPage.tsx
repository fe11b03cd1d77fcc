import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api.js';
import type { PatientSummary } from '../models.js';
import { PatientSearch } from '../patients/PatientSearch.js';
import { Link, navigate, useLocation, withSearch } from '../router.js';
import { formatDate, formatDateTime, statusLabel } from '../shell/format.js';
import { useFetch } from '../shell/useFetch.js';
import { interfacesApi } from './api.js';
import { obrLines } from './hl7.js';
import { inboxStatuses, inboxStatusLabels, type InboxMessage, type InboxStatus, type OutboxMessage } from './models.js';

type Notice = { kind: 'success' | 'error'; text: string } | null;

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

function NoticeBar({ notice, onClose, testId }: { notice: Notice; onClose: () => void; testId: string }) {
  if (!notice) return null;
  return (
    <p className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid={testId} data-kind={notice.kind}>
      {notice.text}
      <button type="button" className="notice-close" onClick={onClose} aria-label="Dismiss">×</button>
    </p>
  );
}

/**
 * The lab interface desk: HL7 orders going out to reference labs (resend the failed ones), and
 * results coming in, with the queue of results parked for a person to match or reject. The labs
 * themselves (where and how orders go) are on their own page.
 */
export function InterfacesPage() {
  return (
    <section className="page" aria-labelledby="interfaces-title" data-testid="interfaces-page">
      <div className="section-head">
        <h1 id="interfaces-title">Interfaces</h1>
        <Link to="/lab/interfaces/labs" className="button" data-testid="interfaces-labs-link">Reference labs</Link>
      </div>
      <OrdersOut />
      <ResultsIn />
    </section>
  );
}

function OrdersOut() {
  const outbox = useFetch('outbox', (signal) => interfacesApi.outbox(undefined, signal));
  const [busy, setBusy] = useState<number | null>(null);
  const [notice, setNotice] = useState<Notice>(null);

  async function resend(m: OutboxMessage) {
    setBusy(m.id);
    setNotice(null);
    try {
      await interfacesApi.resend(m.id);
      setNotice({ kind: 'success', text: `Message ${m.controlId ?? m.id} to ${m.destination} is queued to send again.` });
      outbox.reload();
    } catch (err) {
      setNotice({ kind: 'error', text: `Could not resend message ${m.controlId ?? m.id}: ${message(err)}` });
    } finally {
      setBusy(null);
    }
  }

  const messages = outbox.data ?? [];
  return (
    <section className="interfaces-section" aria-labelledby="outbox-title" data-testid="outbox">
      <div className="section-head">
        <h2 id="outbox-title">Orders out</h2>
        <button type="button" className="button" onClick={outbox.reload} disabled={outbox.loading} data-testid="outbox-refresh">Refresh</button>
      </div>
      <NoticeBar notice={notice} onClose={() => setNotice(null)} testId="outbox-notice" />
      {outbox.error && <p className="notice error" role="alert">{outbox.error.message}</p>}
      {outbox.loading && !outbox.data && <p className="muted" role="status">Loading messages…</p>}
      {outbox.data && messages.length === 0 && <p className="empty">No orders have been sent to a lab yet.</p>}
      {messages.length > 0 && (
        <div className="table-wrap">
          <table className="table interfaces-table">
            <thead>
              <tr>
                <th scope="col">Message</th>
                <th scope="col">Lab</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Created</th>
                <th scope="col">Delivered / next try</th>
                <th scope="col">Lab's answer</th>
                <th scope="col"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id} data-testid="outbox-row" data-id={m.id} data-status={m.status}>
                  <td className="mono">{m.controlId ?? `#${m.id}`}</td>
                  <td>{m.destination}</td>
                  <td><span className={`status status-${m.status}`} data-testid="outbox-status">{statusLabel(m.status)}</span></td>
                  <td className="num">{m.attempts}</td>
                  <td>{formatDateTime(m.createdAt)}</td>
                  <td>{m.deliveredAt ? formatDateTime(m.deliveredAt) : m.status === 'failed' ? '—' : formatDateTime(m.nextAttemptAt)}</td>
                  <td className={m.status === 'failed' ? 'text-error lab-answer' : 'muted lab-answer'} data-testid="outbox-result">{m.lastResult ?? '—'}</td>
                  <td>
                    {m.status === 'failed' && (
                      <button type="button" className="button" onClick={() => void resend(m)} disabled={busy !== null} data-testid="outbox-resend">
                        {busy === m.id ? 'Resending…' : 'Resend'}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function isInboxStatus(s: string | null): s is InboxStatus {
  return !!s && (inboxStatuses as readonly string[]).includes(s);
}

function ResultsIn() {
  const { pathname, search } = useLocation();
  const requested = search.get('inbox');
  const status: InboxStatus = isInboxStatus(requested) ? requested : 'error';
  const inbox = useFetch(`inbox:${status}`, (signal) => interfacesApi.inbox(status, signal));
  const [notice, setNotice] = useState<Notice>(null);
  const [open, setOpen] = useState<{ id: number; mode: 'match' | 'reject' } | null>(null);

  function pick(next: InboxStatus) {
    setOpen(null);
    navigate(withSearch(pathname, search, { inbox: next === 'error' ? undefined : next }), { replace: true });
  }

  function done(text: string) {
    setOpen(null);
    setNotice({ kind: 'success', text });
    inbox.reload();
  }

  const messages = inbox.data ?? [];
  return (
    <section className="interfaces-section" aria-labelledby="inbox-title" data-testid="inbox">
      <div className="section-head">
        <h2 id="inbox-title">Results in / error queue</h2>
        <button type="button" className="button" onClick={inbox.reload} disabled={inbox.loading} data-testid="inbox-refresh">Refresh</button>
      </div>
      <fieldset className="segmented" data-testid="inbox-filter">
        <legend className="sr-only">Show messages</legend>
        {inboxStatuses.map((s) => (
          <label key={s} className={`segment ${s === status ? 'on' : ''}`}>
            <input type="radio" name="inbox-status" value={s} checked={s === status} onChange={() => pick(s)} data-testid={`inbox-filter-${s}`} />
            {inboxStatusLabels[s]}
          </label>
        ))}
      </fieldset>
      <NoticeBar notice={notice} onClose={() => setNotice(null)} testId="inbox-notice" />
      {inbox.error && <p className="notice error" role="alert">{inbox.error.message}</p>}
      {inbox.loading && !inbox.data && <p className="muted" role="status">Loading messages…</p>}
      {inbox.data && messages.length === 0 && (
        <p className="empty">{status === 'error' ? 'Nothing is waiting for a person.' : `No ${inboxStatusLabels[status].toLowerCase()} messages.`}</p>
      )}
      {messages.length > 0 && (
        <ul className="inbox-list">
          {messages.map((m) => (
            <InboxItem key={m.id} item={m} open={open?.id === m.id ? open.mode : null}
              onOpen={(mode) => { setNotice(null); setOpen(mode ? { id: m.id, mode } : null); }} onDone={done} />
          ))}
        </ul>
      )}
    </section>
  );
}

interface ItemProps {
  item: InboxMessage;
  open: 'match' | 'reject' | null;
  onOpen: (mode: 'match' | 'reject' | null) => void;
  onDone: (text: string) => void;
}

function InboxItem({ item, open, onOpen, onDone }: ItemProps) {
  const [showRaw, setShowRaw] = useState(false);
  const detail = useFetch(showRaw || open === 'match' ? `inbox-message:${item.id}` : null, (signal) => interfacesApi.inboxMessage(item.id, signal));
  const parked = item.status === 'error';
  const name = item.messageId ?? `#${item.id}`;
  return (
    <li className="card inbox-item" data-testid="inbox-item" data-id={item.id} data-status={item.status}>
      <div className="inbox-head">
        <span className="mono"><strong>{name}</strong></span>
        <span className={`status status-${item.status}`}>{isInboxStatus(item.status) ? inboxStatusLabels[item.status] : statusLabel(item.status)}</span>
        <span className="muted small">{item.source ? `from ${item.source} · ` : ''}received {formatDateTime(item.receivedAt)}</span>
      </div>
      {item.error && (
        <p className={parked ? 'notice warn' : 'muted'} data-testid="inbox-why">
          {parked && <strong>Parked: </strong>}
          {item.error}
        </p>
      )}
      <pre className="hl7" data-testid="inbox-summary">{item.summary}</pre>
      <div className="actions">
        <button type="button" className="button" aria-expanded={showRaw} onClick={() => setShowRaw((v) => !v)} data-testid="inbox-raw-toggle">
          {showRaw ? 'Hide raw' : 'Show raw'}
        </button>
        {parked && (
          <>
            <button type="button" className={`button ${open === 'match' ? 'primary' : ''}`} aria-expanded={open === 'match'} onClick={() => onOpen(open === 'match' ? null : 'match')} data-testid="inbox-match">
              Match…
            </button>
            <button type="button" className="button danger-outline" aria-expanded={open === 'reject'} onClick={() => onOpen(open === 'reject' ? null : 'reject')} data-testid="inbox-reject">
              Reject…
            </button>
          </>
        )}
      </div>
      {showRaw && (
        <div data-testid="inbox-raw">
          {detail.loading && !detail.data && <p className="muted" role="status">Loading the message…</p>}
          {detail.error && <p className="notice error" role="alert">{detail.error.message}</p>}
          {detail.data && <pre className="hl7 raw">{detail.data.raw.replace(/\r\n|\r/g, '\n')}</pre>}
        </div>
      )}
      {open === 'match' && (
        detail.data ? <MatchForm item={item} raw={detail.data.raw} onCancel={() => onOpen(null)} onDone={onDone} />
          : detail.error ? <p className="notice error" role="alert">{detail.error.message}</p>
            : <p className="muted" role="status">Loading the message…</p>
      )}
      {open === 'reject' && <RejectForm item={item} onCancel={() => onOpen(null)} onDone={onDone} />}
    </li>
  );
}

interface FormProps {
  item: InboxMessage;
  onCancel: () => void;
  onDone: (text: string) => void;
}

function MatchForm({ item, raw, onCancel, onDone }: FormProps & { raw: string }) {
  const results = obrLines(raw);
  const [patient, setPatient] = useState<PatientSummary | null>(null);
  const orders = useFetch(patient ? `patient-orders:${patient.id}` : null, (signal) => (patient ? api.patientOrders(patient.id, signal) : Promise.resolve([])));
  const [picked, setPicked] = useState<string[]>(() => results.map(() => ''));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field?: string; text: string } | null>(null);
  const idBase = `match-${item.id}`;

  function choose(p: PatientSummary | null) {
    setPatient(p);
    setPicked(results.map(() => ''));
    setError(null);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!patient) return;
    if (picked.some((id) => !id)) {
      setError({ field: 'serviceRequestIds', text: 'Choose an order for every result.' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await interfacesApi.match(item.id, patient.id, picked);
      onDone(`Message ${item.messageId ?? item.id} filed for ${patient.name}: ${r.observations} observations, ${r.reports} reports${r.critical ? `, ${r.critical} critical` : ''}.`);
    } catch (err) {
      setError({ field: err instanceof ApiError && err.status === 422 ? err.field : undefined, text: message(err) });
    } finally {
      setBusy(false);
    }
  }

  const orderList = orders.data ?? [];
  const ordersError = error?.field === 'serviceRequestIds' ? error.text : null;
  return (
    <form className="match-form" onSubmit={submit} aria-labelledby={`${idBase}-title`} data-testid="match-form">
      <h3 id={`${idBase}-title`}>Match to a patient and orders</h3>
      {!patient ? (
        <>
          <PatientSearch onPick={choose} label="Find the patient" autoFocus />
          {error?.field === 'patientId' && <p className="field-error" role="alert">{error.text}</p>}
        </>
      ) : (
        <>
          <div className="matched-patient" data-testid="match-patient" data-patient-id={patient.id}>
            <span><strong>{patient.name}</strong> · MRN {patient.mrn ?? '—'} · DOB {formatDate(patient.birthDate)}</span>
            <button type="button" className="button" onClick={() => choose(null)} data-testid="match-change-patient">Change patient</button>
          </div>
          {error?.field === 'patientId' && <p className="field-error" role="alert">{error.text}</p>}
          {orders.loading && !orders.data && <p className="muted" role="status">Loading orders…</p>}
          {orders.error && <p className="notice error" role="alert">{orders.error.message}</p>}
          {orders.data && orderList.length === 0 && <p className="notice warn">This patient has no orders to file the results against.</p>}
          {orderList.length > 0 && (
            <fieldset className="match-orders" aria-invalid={ordersError ? true : undefined} aria-describedby={ordersError ? `${idBase}-orders-error` : undefined}>
              <legend className="label">One order for each result in the message</legend>
              {results.length === 0 && <p className="hint">The message has no OBR segments.</p>}
              {results.map((r, i) => (
                <div className="field" key={`${r.setId}-${i}`}>
                  <label htmlFor={`${idBase}-obr-${i}`}>
                    Result {r.setId}: {r.service}
                    {(r.placer || r.filler) && <span className="muted small"> (placer {r.placer || '—'}, filler {r.filler || '—'})</span>}
                  </label>
                  <select id={`${idBase}-obr-${i}`} value={picked[i] ?? ''} required aria-invalid={ordersError && !picked[i] ? true : undefined}
                    onChange={(e) => setPicked((p) => p.map((v, j) => (j === i ? e.target.value : v)))} data-testid="match-order">
                    <option value="">Choose an order…</option>
                    {orderList.map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.display ?? o.code ?? 'Order'} · {statusLabel(o.status)} · {formatDateTime(o.authoredOn)}
                      </option>
                    ))}
                  </select>
                </div>
              ))}
              {ordersError && <p id={`${idBase}-orders-error`} className="field-error" role="alert" data-testid="match-orders-error">{ordersError}</p>}
            </fieldset>
          )}
        </>
      )}
      {error && !error.field && <p className="notice error" role="alert" data-testid="match-error">{error.text}</p>}
      {error?.field && error.field !== 'patientId' && error.field !== 'serviceRequestIds' && <p className="notice error" role="alert" data-testid="match-error">{error.text}</p>}
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel}>Cancel</button>
        <button type="submit" className="button primary" disabled={busy || !patient || orderList.length === 0} data-testid="match-submit">
          {busy ? 'Filing…' : 'File results'}
        </button>
      </div>
    </form>
  );
}

function RejectForm({ item, onCancel, onDone }: FormProps) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field?: string; text: string } | null>(null);
  const id = `reject-${item.id}-reason`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) {
      setError({ field: 'reason', text: 'Say why the message is rejected.' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await interfacesApi.reject(item.id, reason.trim());
      onDone(`Message ${item.messageId ?? item.id} rejected.`);
    } catch (err) {
      setError({ field: err instanceof ApiError && err.status === 422 ? err.field : undefined, text: message(err) });
    } finally {
      setBusy(false);
    }
  }

  const fieldError = error?.field === 'reason' ? error.text : null;
  return (
    <form className="reject-form" onSubmit={submit} data-testid="reject-form">
      <div className="field">
        <label htmlFor={id}>Reason for rejecting (required, audited)</label>
        <textarea id={id} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus data-testid="reject-reason"
          aria-invalid={fieldError ? true : undefined} aria-describedby={fieldError ? `${id}-error` : undefined} />
        {fieldError && <p id={`${id}-error`} className="field-error" role="alert">{fieldError}</p>}
      </div>
      {error && error.field !== 'reason' && <p className="notice error" role="alert" data-testid="reject-error">{error.text}</p>}
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel}>Cancel</button>
        <button type="submit" className="button primary danger" disabled={busy || !reason.trim()} data-testid="reject-confirm">
          {busy ? 'Rejecting…' : 'Reject message'}
        </button>
      </div>
    </form>
  );
}
