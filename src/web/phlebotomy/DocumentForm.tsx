import { useState, type FormEvent } from 'react';
import { collectionMethods, type CollectionMethod, type CollectionRecord } from './models.js';

const sites = ['Left antecubital', 'Right antecubital', 'Left forearm', 'Right forearm', 'Left hand', 'Right hand', 'Heel (capillary)', 'Finger (capillary)', 'Line'];
const complicationChoices = ['Hematoma', 'Dizziness / syncope', 'Nerve pain', 'Prolonged bleeding', 'Difficult vein'];
const methodLabels: Record<CollectionMethod, string> = { venipuncture: 'Venipuncture', capillary: 'Capillary', arterial: 'Arterial', 'line-draw': 'Line draw' };
/** More than two attempts by one collector needs a supervisor (common policy; DOMAIN.md leaves it to the site). */
export const MAX_ATTEMPTS_WITHOUT_SUPERVISOR = 2;

interface Props {
  specimenIds: string[];
  busy: boolean;
  error?: string;
  onSubmit: (record: CollectionRecord) => void;
}

export function DocumentForm({ specimenIds, busy, error, onSubmit }: Props) {
  const [site, setSite] = useState(sites[0]);
  const [method, setMethod] = useState<CollectionMethod>('venipuncture');
  const [attempts, setAttempts] = useState(1);
  const [complications, setComplications] = useState<string[]>([]);
  const [other, setOther] = useState('');
  const [supervisorNote, setSupervisorNote] = useState('');
  const needsSupervisor = attempts > MAX_ATTEMPTS_WITHOUT_SUPERVISOR;
  const missingSupervisor = needsSupervisor && !supervisorNote.trim();

  function submit(e: FormEvent) {
    e.preventDefault();
    if (missingSupervisor) return;
    const all = [...complications, other.trim()].filter(Boolean);
    onSubmit({
      specimenIds,
      site,
      method,
      attempts,
      ...(all.length ? { complications: all.join('; ') } : {}),
      ...(needsSupervisor ? { note: `Supervisor: ${supervisorNote.trim()}` } : {}),
    });
  }
  const toggle = (c: string) => setComplications((cs) => (cs.includes(c) ? cs.filter((x) => x !== c) : [...cs, c]));

  return (
    <form className="document-form" onSubmit={submit} data-testid="document-form">
      <div className="field-row">
        <div className="field">
          <label htmlFor="doc-site">Site</label>
          <select id="doc-site" value={site} onChange={(e) => setSite(e.target.value)} data-testid="document-site">
            {sites.map((s) => <option key={s}>{s}</option>)}
          </select>
        </div>
        <fieldset className="field grow">
          <legend>Method</legend>
          <div className="segmented compact">
            {collectionMethods.map((m) => (
              <label key={m} className={`segment ${method === m ? 'on' : ''}`}>
                <input type="radio" name="doc-method" checked={method === m} onChange={() => setMethod(m)} />
                {methodLabels[m]}
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      <fieldset className="field">
        <legend>Attempts</legend>
        <div className="segmented compact">
          {[1, 2, 3, 4].map((n) => (
            <label key={n} className={`segment ${attempts === n ? 'on' : ''}`}>
              <input type="radio" name="doc-attempts" checked={attempts === n} onChange={() => setAttempts(n)} data-testid={`document-attempts-${n}`} />
              {n === 4 ? '4+' : n}
            </label>
          ))}
        </div>
      </fieldset>
      {needsSupervisor && (
        <div className="field">
          <label htmlFor="doc-supervisor">Supervisor note (required after {MAX_ATTEMPTS_WITHOUT_SUPERVISOR} attempts)</label>
          <textarea id="doc-supervisor" rows={2} value={supervisorNote} onChange={(e) => setSupervisorNote(e.target.value)}
            aria-invalid={missingSupervisor || undefined} aria-describedby="doc-supervisor-hint" data-testid="document-supervisor" />
          <p id="doc-supervisor-hint" className="hint">Who was called and what they said.</p>
        </div>
      )}
      <fieldset className="field">
        <legend>Complications</legend>
        <div className="chip-row">
          <button type="button" className={`chip-button ${complications.length === 0 && !other ? 'on' : ''}`} aria-pressed={complications.length === 0 && !other}
            onClick={() => { setComplications([]); setOther(''); }}>None</button>
          {complicationChoices.map((c) => (
            <button key={c} type="button" className={`chip-button ${complications.includes(c) ? 'on' : ''}`} aria-pressed={complications.includes(c)} onClick={() => toggle(c)}>
              {c}
            </button>
          ))}
        </div>
        <input type="text" aria-label="Other complication" placeholder="Other (optional)" value={other} onChange={(e) => setOther(e.target.value)} />
      </fieldset>
      {error && <p className="notice error" role="alert">{error}</p>}
      <div className="form-actions">
        <button type="submit" className="button primary big" disabled={busy || missingSupervisor} data-testid="document-submit">
          {busy ? 'Saving…' : 'Document collection'}
        </button>
      </div>
    </form>
  );
}
