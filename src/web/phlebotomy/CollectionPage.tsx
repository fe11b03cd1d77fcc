import { useEffect, useState } from 'react';
import { api, ApiError } from '../api.js';
import { PatientBanner } from '../patients/PatientBanner.js';
import { Link } from '../router.js';
import { useFetch } from '../shell/useFetch.js';
import { phlebotomyApi } from './api.js';
import { addToBag, bagItemOf } from './dispatch-bag.js';
import { DocumentForm } from './DocumentForm.js';
import { mismatchReasons, type Identity } from './identity.js';
import { IdentifyPanel } from './IdentifyPanel.js';
import { devices, type CollectionRecord, type Device, type SpecimenSummary } from './models.js';
import { SpecimenLabels } from './SpecimenLabels.js';
import { TubePlanView } from './TubePlanView.js';
import { UnableDialog } from './UnableDialog.js';
import { FastingForm } from './FastingForm.js';
import { CollectionFactsView } from '../worklist/CollectionFactsView.js';

type Notice = { tone: 'success' | 'warn' | 'error'; text: string };

function collectLabel(tubes: number, others: number): string {
  const t = `${tubes} tube${tubes === 1 ? '' : 's'}`;
  if (!others) return `Collect ${t}`;
  const o = `${others} other specimen${others === 1 ? '' : 's'}`;
  return tubes ? `Collect ${t} + ${o}` : `Collect ${o}`;
}

const isToday = (iso: string | null) => !!iso && new Date(iso).toDateString() === new Date().toDateString();

/**
 * The bedside: who (banner, positive identification), what (tube plan in order of draw), then
 * collect, label at the bedside, and document; or record why the draw could not be done.
 */
export function CollectionPage({ patientId }: { patientId: string }) {
  const [device, setDevice] = useState<Device>('needle');
  const [identity, setIdentity] = useState<Identity>({ status: 'idle' });
  const [specimens, setSpecimens] = useState<SpecimenSummary[] | null>(null);
  const [documented, setDocumented] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [docError, setDocError] = useState<string | undefined>();
  const [unable, setUnable] = useState(false);

  const banner = useFetch(`banner:${patientId}`, (signal) => api.banner(patientId, signal));
  const plan = useFetch(`plan:${patientId}:${device}`, (signal) => phlebotomyApi.tubePlan(patientId, device, signal));
  // Specimens collected earlier today and not yet sent: labels can be reprinted after a page reload.
  const earlier = useFetch(`specimens:${patientId}`, (signal) => phlebotomyApi.specimensOf(patientId, signal));
  const waiting = (earlier.data ?? []).filter((s) => s.state === 'collected' && isToday(s.collectedAt));

  useEffect(() => {
    if (banner.data) document.title = `Collect · ${banner.data.name} · Allied`;
    return () => {
      document.title = 'Allied';
    };
  }, [banner.data]);

  const orders = plan.data?.orders ?? [];
  const taskIds = orders.map((o) => o.taskId).filter((t): t is string => !!t);
  const containers = (plan.data?.tubes.length ?? 0) + (plan.data?.others?.length ?? 0);
  const canCollect = identity.status === 'match' && !!plan.data && containers > 0 && !busy && !specimens;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, []);
  const later = plan.data?.later ?? [];
  const laterIds = new Set(later.map((o) => o.id));
  const special = [...orders, ...later].filter((o) => o.collection && (o.collection.window || o.collection.windowProblem || o.collection.fasting));
  const fastingOrders = orders.filter((o) => o.collection?.fasting).map((o) => o.id);

  async function collect() {
    if (identity.status !== 'match') return;
    setBusy(true);
    setNotice(null);
    try {
      const { status: _s, ...who } = identity;
      const r = await phlebotomyApi.collect({ patientId, ...who, device, taskIds });
      setSpecimens(r.specimens);
      addToBag(r.specimens.map((s) => bagItemOf(s, banner.data?.name)));
      setNotice({ tone: 'success', text: `${r.specimens.length} specimen${r.specimens.length === 1 ? '' : 's'} collected. Print and apply the labels now.` });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'identity-mismatch') setIdentity({ status: 'mismatch', reasons: mismatchReasons(err.body, err.message) });
      else setNotice({ tone: 'error', text: err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  }

  async function saveDocument(record: CollectionRecord) {
    setBusy(true);
    setDocError(undefined);
    try {
      const r = await phlebotomyApi.document(record);
      setDocumented(true);
      setNotice({ tone: 'success', text: `Collection documented; the orders are complete.${r.charge ? ` Venipuncture charge ${r.charge.code} recorded.` : ''} Send the specimens from Dispatch.` });
    } catch (err) {
      setDocError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  async function recordUnable(ids: string[], reason: string) {
    setBusy(true);
    try {
      const r = await phlebotomyApi.unable(ids, reason);
      setUnable(false);
      setNotice({ tone: 'warn', text: `Not collected (${reason}). ${r.recollectTasks.length} recollection task${r.recollectTasks.length === 1 ? '' : 's'} scheduled; the ordering clinician has been told.` });
      plan.reload();
    } catch (err) {
      setUnable(false);
      setNotice({ tone: 'error', text: err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  }

  if (banner.error) {
    return (
      <section className="page">
        <p className="notice error" role="alert">{banner.error.message}</p>
        <Link to="/worklist" className="button">Back to the worklist</Link>
      </section>
    );
  }
  if (!banner.data) return <p className="page loading" role="status">Loading patient…</p>;

  const shown = specimens ?? (waiting.length ? waiting : null);
  return (
    <section className="page collect-page" data-testid="collection-page" aria-label={`Collection for ${banner.data.name}`}>
      <div className="section-head">
        <Link to="/worklist" className="button">← Worklist</Link>
        <button type="button" className="button danger-outline" onClick={() => setUnable(true)} disabled={busy || !!specimens || taskIds.length === 0} data-testid="unable-open">
          Unable to collect
        </button>
      </div>
      <PatientBanner banner={banner.data} />
      <div aria-live="polite">
        {notice && (
          <p className={`notice ${notice.tone}`} data-testid="collect-notice">
            {notice.text}
            <button type="button" className="notice-close" onClick={() => setNotice(null)} aria-label="Dismiss">×</button>
          </p>
        )}
      </div>

      {!specimens && waiting.length > 0 && (
        <p className="notice warn" data-testid="collect-already">
          {waiting.length} specimen{waiting.length === 1 ? ' was' : 's were'} already collected for this patient today and not yet sent (below).
          Reprint or document them; collect again only for orders not drawn yet.
        </p>
      )}
      {!specimens && (
        <>
          <IdentifyPanel patientId={patientId} mrn={banner.data.mrn} identity={identity} onChange={setIdentity} disabled={busy} />

          {special.length > 0 && (
            <section className="card" aria-labelledby="timing-title" data-testid="collect-timing">
              <h2 id="timing-title">Timing and fasting</h2>
              <ul className="plain-list">
                {special.map((o) => (
                  <li key={o.id} data-testid="collect-order-facts" data-order-id={o.id} data-later={laterIds.has(o.id) ? 'true' : undefined}>
                    <strong>{o.display}</strong>
                    {laterIds.has(o.id) && <span className="badge" data-testid="collect-later"> Not in this draw</span>}
                    <CollectionFactsView facts={o.collection!} now={now} />
                  </li>
                ))}
              </ul>
              {fastingOrders.length > 0 && <FastingForm patientId={patientId} orderIds={fastingOrders} onSaved={plan.reload} />}
            </section>
          )}

          <section className="card" aria-labelledby="plan-title">
            <div className="section-head">
              <h2 id="plan-title"><span className="step-no">2</span> Tubes, in order of draw</h2>
              <div className="segmented compact" role="radiogroup" aria-label="Device">
                {devices.map((d) => (
                  <label key={d.id} className={`segment ${device === d.id ? 'on' : ''}`}>
                    <input type="radio" name="device" value={d.id} checked={device === d.id} onChange={() => setDevice(d.id)} data-testid={`device-${d.id}`} />
                    {d.label}
                  </label>
                ))}
              </div>
            </div>
            {plan.error && <p className="notice error" role="alert">{plan.error.message}</p>}
            {plan.data ? <TubePlanView plan={plan.data} /> : !plan.error && <p role="status">Planning tubes…</p>}
          </section>

          <div className="collect-bar">
            <button type="button" className={`button primary big ${identity.status === 'mismatch' ? 'blocked' : ''}`} disabled={!canCollect} onClick={() => void collect()} data-testid="collect-submit"
              aria-describedby="collect-why">
              {busy ? 'Collecting…' : collectLabel(plan.data?.tubes.length ?? 0, plan.data?.others?.length ?? 0)}
            </button>
            <span id="collect-why" className="muted small">
              {identity.status === 'mismatch' ? 'Blocked: the patient was not identified.' : identity.status !== 'match' ? 'Identify the patient first.' : 'Identity confirmed.'}
            </span>
          </div>
        </>
      )}

      {shown && (
        <section className="card" aria-labelledby="labels-title">
          <h2 id="labels-title"><span className="step-no">3</span> Label at the bedside</h2>
          <SpecimenLabels specimens={shown} caps={Object.fromEntries((plan.data?.tubes ?? []).map((t) => [t.container, t.capColor]))} />
        </section>
      )}

      {shown && !documented && (
        <section className="card" aria-labelledby="doc-title">
          <h2 id="doc-title"><span className="step-no">4</span> Document the draw</h2>
          <DocumentForm specimenIds={shown.map((s) => s.id)} busy={busy} error={docError} onSubmit={(r) => void saveDocument(r)} />
        </section>
      )}
      {documented && (
        <div className="actions" data-testid="collect-done">
          <Link to="/dispatch" className="button primary big" data-testid="go-dispatch">Send specimens</Link>
          <Link to="/worklist" className="button big">Next patient</Link>
        </div>
      )}

      {unable && plan.data && <UnableDialog orders={orders} busy={busy} onConfirm={(ids, reason) => void recordUnable(ids, reason)} onClose={() => setUnable(false)} />}
    </section>
  );
}
