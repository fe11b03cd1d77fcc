import { useRef, useState, type FormEvent } from 'react';
import { formatTime } from '../shell/format.js';
import { useFetch } from '../shell/useFetch.js';
import { phlebotomyApi } from './api.js';
import { addToBag, bagItemOf, readBag, removeFromBag, type BagItem } from './dispatch-bag.js';
import { cleanScan } from './identity.js';
import type { DispatchResult, PendingSpecimen } from './models.js';

const routes = ['Tube station 4 (main lab)', 'Tube station 2 (ED)', 'Courier: morning run', 'Courier: STAT runner', 'Hand-carried'];

function ageText(minutes: number): string {
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** Sending the round's specimens: pick them (or scan their labels), say how they travel, get a manifest. */
export function DispatchPage() {
  const [bag, setBag] = useState<BagItem[]>(readBag);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(readBag().map((b) => b.containerId)));
  const [scan, setScan] = useState('');
  const [scanError, setScanError] = useState<string | null>(null);
  const [route, setRoute] = useState(routes[0]);
  const [otherRoute, setOtherRoute] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<DispatchResult | null>(null);
  const scanRef = useRef<HTMLInputElement>(null);
  // every collected, unsent specimen of the organisation, whichever tablet collected it
  const pending = useFetch('pending-dispatch', (signal) => phlebotomyApi.pendingDispatch(signal));
  const waiting: PendingSpecimen[] = pending.data ?? [];
  const others = waiting.filter((p) => p.containerId && !bag.some((b) => b.containerId === p.containerId));
  const courier = route === 'other' ? otherRoute.trim() : route;
  const picked = [...new Set([...bag.map((b) => b.containerId), ...others.map((o) => o.containerId!)])].filter((id) => chosen.has(id));

  async function addScan(e: FormEvent) {
    e.preventDefault();
    const code = cleanScan(scan);
    setScan('');
    setScanError(null);
    if (!code) return;
    try {
      const s = await phlebotomyApi.byLabel(code);
      if (s.state !== 'collected') {
        setScanError(`${code} is already ${s.state === 'in-transit' ? 'on its way' : s.state}: it cannot be sent again.`);
        return;
      }
      addToBag([bagItemOf(s)]);
      setBag(readBag());
      setChosen((c) => new Set([...c, s.containerId ?? code]));
    } catch (err) {
      setScanError(err instanceof Error ? err.message : String(err));
    } finally {
      scanRef.current?.focus();
    }
  }

  function toggle(id: string) {
    setChosen((c) => {
      const next = new Set(c);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  async function send() {
    const ids = picked;
    setBusy(true);
    setError(null);
    try {
      const r = await phlebotomyApi.dispatch(ids, courier);
      removeFromBag(ids);
      setBag(readBag());
      setChosen(new Set());
      setSent(r);
      pending.reload();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="page narrow" aria-labelledby="dispatch-title" data-testid="dispatch-page">
      <h1 id="dispatch-title">Send specimens</h1>
      {sent && (
        <div className="manifest card" role="status" data-testid="dispatch-manifest">
          <p className="manifest-label">Manifest</p>
          <p className="manifest-id" data-testid="manifest-id">{sent.manifest}</p>
          <p>{sent.specimens.length} specimen{sent.specimens.length === 1 ? '' : 's'} on the way: {sent.specimens.map((s) => s.containerId).join(', ')}</p>
          <p className="hint">Write the manifest number on the bag, or print it with the bag label.</p>
        </div>
      )}
      <form className="card" onSubmit={addScan}>
        <div className="field">
          <label htmlFor="dispatch-scan">Scan a specimen label</label>
          <input id="dispatch-scan" ref={scanRef} className="scan-input" value={scan} onChange={(e) => setScan(e.target.value)} autoComplete="off" spellCheck={false}
            placeholder="Container id" data-testid="dispatch-scan" aria-invalid={scanError ? true : undefined} aria-describedby={scanError ? 'dispatch-scan-error' : undefined} />
          {scanError && <p id="dispatch-scan-error" className="field-error" role="alert">{scanError}</p>}
        </div>
      </form>
      <section className="card" aria-labelledby="bag-title">
        <h2 id="bag-title">In your bag</h2>
        {bag.length === 0 ? (
          <p className="empty" data-testid="dispatch-empty">No specimens waiting. Specimens you collect appear here; scan a label to add one.</p>
        ) : (
          <ul className="bag-list" data-testid="dispatch-list">
            {bag.map((b) => (
              <li key={b.containerId}>
                <label className="check big" data-testid="dispatch-item" data-container-id={b.containerId}>
                  <input type="checkbox" checked={chosen.has(b.containerId)} onChange={() => toggle(b.containerId)} />
                  <span className="container-id">{b.containerId}</span>
                  <span className="muted">{b.containerDisplay ?? b.container}</span>
                  <span className="bag-who">{b.patientName ?? ''} <span className="muted small">{formatTime(b.collectedAt)}</span></span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="waiting-title" data-testid="dispatch-waiting">
        <div className="section-head">
          <h2 id="waiting-title">Waiting to be sent, all devices</h2>
          <button type="button" className="button" onClick={pending.reload} disabled={pending.loading}>Refresh</button>
        </div>
        {pending.error && <p className="notice error" role="alert">{pending.error.message}</p>}
        {pending.data && others.length === 0 && <p className="empty" data-testid="dispatch-waiting-empty">Nothing else waiting: every collected specimen is in your bag or on its way.</p>}
        {others.length > 0 && (
          <ul className="bag-list" data-testid="dispatch-waiting-list">
            {others.map((p) => (
              <li key={p.id} className={p.stability ? `stability-${p.stability.level}` : ''}>
                <label className="check big" data-testid="dispatch-waiting-item" data-container-id={p.containerId} data-stability={p.stability?.level ?? 'unknown'}>
                  <input type="checkbox" checked={chosen.has(p.containerId!)} onChange={() => toggle(p.containerId!)} />
                  <span className="container-id">{p.containerId}</span>
                  <span className="muted">{p.containerDisplay ?? p.container}</span>
                  <span className="bag-who">{p.patient?.name ?? ''} <span className="muted small">{formatTime(p.collectedAt)} · {ageText(p.ageMinutes)} ago{p.collector ? ` · ${p.collector}` : ''}</span></span>
                  {p.stability && p.stability.level !== 'ok' && <span className={`stability-note ${p.stability.level}`} data-testid="stability-warning">{p.stability.text}</span>}
                </label>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="route-title">
        <h2 id="route-title">How they travel</h2>
        <div className="field">
          <label htmlFor="dispatch-route">Courier or tube station</label>
          <select id="dispatch-route" value={route} onChange={(e) => setRoute(e.target.value)} data-testid="dispatch-courier">
            {routes.map((r) => <option key={r}>{r}</option>)}
            <option value="other">Other…</option>
          </select>
        </div>
        {route === 'other' && (
          <div className="field">
            <label htmlFor="dispatch-route-other">Other route</label>
            <input id="dispatch-route-other" value={otherRoute} onChange={(e) => setOtherRoute(e.target.value)} />
          </div>
        )}
        {error && <p className="notice error" role="alert">{error}</p>}
        <div className="form-actions">
          <button type="button" className="button primary big" onClick={() => void send()} disabled={busy || picked.length === 0 || !courier} data-testid="dispatch-submit">
            {busy ? 'Sending…' : `Send ${picked.length} specimen${picked.length === 1 ? '' : 's'}`}
          </button>
        </div>
      </section>
    </section>
  );
}
