import { useState, type FormEvent } from 'react';
import { collectionWorklistApi } from '../worklist/collection.js';
import { lastClockTime } from './last-clock-time.js';

/** The phlebotomist asks and records: fasting since when, or not fasting. */
export function FastingForm({ patientId, orderIds, onSaved }: { patientId: string; orderIds: string[]; onSaved: () => void }) {
  const [status, setStatus] = useState<'fasting' | 'not-fasting'>('fasting');
  const [since, setSince] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await collectionWorklistApi.recordFasting({ patientId, status, orderIds, ...(since ? { lastIntakeAt: lastClockTime(since) } : {}) });
      onSaved();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="fasting-form" onSubmit={(e) => void save(e)} data-testid="fasting-form" aria-label="Fasting status">
      <div className="segmented compact" role="radiogroup" aria-label="Has the patient fasted?">
        {(['fasting', 'not-fasting'] as const).map((s) => (
          <label key={s} className={`segment ${status === s ? 'on' : ''}`}>
            <input type="radio" name="fasting" value={s} checked={status === s} onChange={() => setStatus(s)} data-testid={`fasting-${s}`} />
            {s === 'fasting' ? 'Fasting' : 'Not fasting'}
          </label>
        ))}
      </div>
      <div className="field inline">
        <label htmlFor="fasting-since">{status === 'fasting' ? 'Nothing but water since' : 'Last ate at'}</label>
        <input id="fasting-since" type="time" value={since} onChange={(e) => setSince(e.target.value)} data-testid="fasting-since" required={status === 'fasting'} />
      </div>
      <button type="submit" className="button" disabled={busy} data-testid="fasting-save">{busy ? 'Saving…' : 'Record'}</button>
      {error && <p className="field-error" role="alert" data-testid="fasting-error">{error}</p>}
    </form>
  );
}
