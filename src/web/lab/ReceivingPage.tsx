import { useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api.js';
import type { PatientBanner } from '../models.js';
import { cleanScan } from '../phlebotomy/identity.js';
import type { SpecimenSummary } from '../phlebotomy/models.js';
import { formatDate, formatDateTime, formatTime, statusLabel } from '../shell/format.js';
import { labApi } from './api.js';
import { DecisionPanel } from './DecisionPanel.js';
import { EvaluationForm } from './EvaluationForm.js';
import type { Evaluation, EvaluationResult } from './models.js';
import { OverrideDialog } from './OverrideDialog.js';

interface Current {
  specimen: SpecimenSummary;
  patient: PatientBanner | null;
  /** said when the scan did not receive it now (already received or judged) */
  note?: string;
}

/**
 * The lab's receiving desk: scan a specimen in (Enter from the scanner receives it), look at the
 * tube, and let the rules accept or reject it; a person may override with a reason.
 */
export function ReceivingPage() {
  const [scan, setScan] = useState('');
  const [scanError, setScanError] = useState<string | null>(null);
  const [current, setCurrent] = useState<Current | null>(null);
  const [result, setResult] = useState<EvaluationResult | null>(null);
  const [lastEvaluation, setLastEvaluation] = useState<Evaluation | null>(null);
  const [overriding, setOverriding] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [history, setHistory] = useState<EvaluationResult[]>([]);
  const scanRef = useRef<HTMLInputElement>(null);

  async function receive(e: FormEvent) {
    e.preventDefault();
    const code = cleanScan(scan);
    setScan('');
    if (!code) return;
    setScanError(null);
    setError(null);
    setResult(null);
    setBusy(true);
    try {
      let specimen: SpecimenSummary;
      let note: string | undefined;
      try {
        specimen = await labApi.receive(code);
      } catch (err) {
        // Scanned twice, or judged already: show it, so the desk can still look at it or override.
        if (!(err instanceof ApiError && err.code === 'illegal-transition')) throw err;
        specimen = await labApi.byLabel(code);
        note = `Already ${statusLabel(specimen.state).toLowerCase()}${specimen.receivedAt ? ` (received ${formatTime(specimen.receivedAt)})` : ''}.`;
      }
      const patient = specimen.patientId ? await api.banner(specimen.patientId).catch(() => null) : null;
      setCurrent({ specimen, patient, note });
    } catch (err) {
      setCurrent(null);
      setScanError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
      scanRef.current?.focus();
    }
  }

  async function evaluate(evaluation: Evaluation) {
    setBusy(true);
    setError(null);
    try {
      const r = await labApi.evaluate(evaluation);
      setLastEvaluation({ ...evaluation, override: undefined });
      setResult(r);
      setCurrent((c) => (c ? { ...c, specimen: r.specimen } : c));
      setHistory((h) => [r, ...h.filter((x) => x.specimen.id !== r.specimen.id)].slice(0, 10));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  function override(reason: string) {
    if (!result || !lastEvaluation) return;
    setOverriding(false);
    void evaluate({ ...lastEvaluation, override: { decision: result.decision === 'accept' ? 'reject' : 'accept', reason } });
  }

  const s = current?.specimen;
  return (
    <section className="page" aria-labelledby="receiving-title" data-testid="receiving-page">
      <h1 id="receiving-title">Receiving</h1>
      <form className="card scan-card" onSubmit={receive}>
        <div className="field">
          <label htmlFor="receive-scan">Scan specimen label</label>
          <input id="receive-scan" ref={scanRef} className="scan-input" value={scan} onChange={(e) => setScan(e.target.value)} autoFocus autoComplete="off" spellCheck={false}
            placeholder="Container id" data-testid="receive-scan" aria-invalid={scanError ? true : undefined} aria-describedby={scanError ? 'receive-scan-error' : undefined} />
          {scanError && <p id="receive-scan-error" className="field-error" role="alert" data-testid="receive-error">{scanError}</p>}
        </div>
      </form>

      {s && (
        <section className="card received" data-testid="received-specimen" data-container-id={s.containerId ?? ''} data-state={s.state}>
          <div className="received-head">
            <span className="container-id big">{s.containerId}</span>
            <span className={`status state-${s.state}`} data-testid="received-state">{statusLabel(s.state)}</span>
          </div>
          <dl className="facts">
            <div><dt>Container</dt><dd>{s.containerDisplay ?? s.container}</dd></div>
            <div><dt>Patient</dt><dd data-testid="received-patient">{current.patient ? `${current.patient.name} · MRN ${current.patient.mrn ?? '—'} · DOB ${formatDate(current.patient.birthDate)}` : '—'}</dd></div>
            <div><dt>Collected</dt><dd>{formatDateTime(s.collectedAt)}{s.collector ? ` by ${s.collector}` : ''}</dd></div>
            <div><dt>Received</dt><dd>{formatDateTime(s.receivedAt)}</dd></div>
          </dl>
          {current.note && <p className="notice info">{current.note}</p>}
          <p className="hint">Compare the label with the patient above: name, MRN or date of birth, collection time and collector.</p>
        </section>
      )}

      {error && <p className="notice error" role="alert" data-testid="evaluate-error">{error}</p>}
      {result && <DecisionPanel result={result} busy={busy} onOverride={() => setOverriding(true)} />}
      {s && !result && <EvaluationForm key={s.id} specimen={s} busy={busy} onSubmit={(e) => void evaluate(e)} />}
      {overriding && result && <OverrideDialog decision={result.decision === 'accept' ? 'reject' : 'accept'} onConfirm={override} onClose={() => setOverriding(false)} />}

      {history.length > 0 && (
        <section aria-labelledby="history-title">
          <h2 id="history-title">This session</h2>
          <ul className="history-list">
            {history.map((h) => (
              <li key={h.specimen.id} className={`history-row ${h.decision}`}>
                <span className="container-id">{h.specimen.containerId}</span>
                <span className="muted">{h.specimen.containerDisplay}</span>
                <strong>{h.decision === 'accept' ? 'Accepted' : 'Rejected'}</strong>
                {h.reasons.length > 0 && <span className="muted small">{h.reasons.map((r) => r.code).join(', ')}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
