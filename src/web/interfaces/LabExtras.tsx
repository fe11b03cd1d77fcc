/** Parts of the lab form that stand on their own: critical-flag chips, the connection test, the message preview. */
import { useState } from 'react';
import { interfacesApi } from './api.js';
import { alwaysCriticalFlags } from './lab-draft.js';
import type { ConnectionResult, LabPreview } from './models.js';

const chipRemove = { border: 0, background: 'none', cursor: 'pointer', marginLeft: '0.3rem', padding: 0, font: 'inherit' } as const;
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function FlagChips({ flags, onChange, disabled, error }: { flags: string[]; onChange: (flags: string[]) => void; disabled: boolean; error?: string }) {
  const [text, setText] = useState('');
  const flag = text.trim().toUpperCase();
  function add() {
    if (!flag || flags.includes(flag) || alwaysCriticalFlags.includes(flag)) return setText('');
    onChange([...flags, flag]);
    setText('');
  }
  return (
    <div className="field" data-testid="lab-flags">
      <label htmlFor="lab-profile-criticalFlags">Extra critical-value flags (OBX-8)</label>
      <ul className="chip-row lab-flags" style={{ listStyle: 'none', padding: 0, margin: '0.3rem 0' }} aria-label="Flags that make a result critical">
        {alwaysCriticalFlags.map((f) => <li key={f} className="chip" title="Critical for every lab">{f}</li>)}
        {flags.map((f) => (
          <li key={f} className="chip" style={{ background: 'var(--brand-soft)' }} data-testid="lab-flag">
            {f}
            {!disabled && <button type="button" style={chipRemove} aria-label={`Remove flag ${f}`} onClick={() => onChange(flags.filter((x) => x !== f))}>×</button>}
          </li>
        ))}
      </ul>
      {!disabled && (
        <span style={{ display: 'flex', gap: '0.5rem', alignItems: 'center' }}>
          <input id="lab-profile-criticalFlags" type="text" className="short" value={text} maxLength={5} placeholder="e.g. PH" aria-invalid={error ? true : undefined}
            onChange={(e) => setText(e.target.value)} onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); add(); } }} data-testid="lab-flag-input" />
          <button type="button" className="button" onClick={add} disabled={!flag} data-testid="lab-flag-add">Add flag</button>
        </span>
      )}
      <p className="hint">HH, LL and AA are critical for every lab; add the panic flags this lab uses besides them.</p>
      {error && <p className="field-error" role="alert" data-testid="lab-field-error">{error}</p>}
    </div>
  );
}

const outcomeClass: Record<ConnectionResult['outcome'], string> = { reachable: 'success', refused: 'error', timeout: 'warn', 'unknown-host': 'error', unreachable: 'error' };

/** Opens a TCP connection to host:port from the server (admins); nothing is sent. */
export function ConnectionTest({ host, port }: { host: string; port: string }) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ kind: string; text: string } | null>(null);
  async function run() {
    setBusy(true);
    setResult(null);
    try {
      const r = await interfacesApi.testConnection(host.trim(), Number(port.trim()) || (port as unknown as number));
      setResult({ kind: outcomeClass[r.outcome], text: r.message });
    } catch (err) {
      setResult({ kind: 'error', text: message(err) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="connection-test">
      <button type="button" className="button" onClick={() => void run()} disabled={busy || !host.trim() || !port.trim()} data-testid="lab-test-connection">
        {busy ? 'Connecting…' : 'Test connection'}
      </button>
      {result && <p className={`notice ${result.kind}`} role="status" data-testid="lab-connection-result" data-kind={result.kind}>{result.text}</p>}
    </div>
  );
}

/** The message this draft would send, one segment per line, with the tests it orders and what could not be coded. */
export function PreviewPanel({ preview, onClose }: { preview: LabPreview; onClose: () => void }) {
  return (
    <section className="lab-preview" aria-labelledby="lab-preview-title" data-testid="lab-preview">
      <div className="section-head">
        <h3 id="lab-preview-title">Message preview</h3>
        <button type="button" className="button ghost" onClick={onClose}>Close preview</button>
      </div>
      <p className="hint">A sample patient and order (nobody real; nothing is stored or sent; every test on one serum tube), written by the same code as the outbox. Segments end in a carriage return on the wire.</p>
      {preview.problems.length > 0 && (
        <div className="notice warn" role="alert" data-testid="lab-preview-problems">
          <strong>The lab would not get everything:</strong>
          <ul>{preview.problems.map((p) => <li key={p}>{p}</li>)}</ul>
        </div>
      )}
      {preview.segments.length > 0 && (
        <pre className="hl7 raw" data-testid="lab-preview-message">
          {preview.segments.map((s, i) => <span key={i} className="hl7-line" data-testid="lab-preview-segment" data-segment={s.slice(0, 3)}>{s}{'\n'}</span>)}
        </pre>
      )}
      <table className="table lab-preview-tests" style={{ minWidth: 0 }}>
        <caption className="sr-only">Tests in the preview</caption>
        <thead><tr><th scope="col">Our test</th><th scope="col">Sent in OBR-4 as</th></tr></thead>
        <tbody>
          {preview.tests.map((t, i) => (
            <tr key={`${t.code}-${i}`} data-testid="lab-preview-test"><td>{t.display} <span className="mono muted">{t.code}</span></td><td className="mono">{t.sentAs}</td></tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
