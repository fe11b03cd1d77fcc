import { useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api.js';
import { phlebotomyApi } from './api.js';
import { cleanScan, mismatchReasons, type Identity, type SecondIdentifier } from './identity.js';

interface Props {
  patientId: string;
  /** the MRN on record: a wristband that is not it stops at once (the server still decides and logs) */
  mrn: string | null;
  identity: Identity;
  onChange: (identity: Identity) => void;
  disabled?: boolean;
}

/**
 * Positive identification before the draw: scan the wristband (a scanner types the barcode and
 * Enter), then confirm a second identifier with the patient. A mismatch is a red STOP.
 */
export function IdentifyPanel({ patientId, mrn, identity, onChange, disabled }: Props) {
  const [scan, setScan] = useState('');
  const [second, setSecond] = useState<SecondIdentifier>('birthDate');
  const [birthDate, setBirthDate] = useState('');
  const [name, setName] = useState('');
  const secondRef = useRef<HTMLInputElement>(null);
  const scanRef = useRef<HTMLInputElement>(null);

  const secondValue = second === 'birthDate' ? birthDate : name.trim();
  const reset = () => identity.status !== 'idle' && identity.status !== 'checking' && onChange({ status: 'idle' });

  async function check(scanned: string) {
    onChange({ status: 'checking' });
    const who = { patientId, scannedWristband: scanned, ...(second === 'birthDate' ? { birthDate: birthDate || undefined } : { name: name.trim() || undefined }) };
    try {
      await phlebotomyApi.identify(who);
      onChange({ status: 'match', scannedWristband: scanned, ...(second === 'birthDate' ? { birthDate } : { name: name.trim() }) });
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) onChange({ status: 'mismatch', reasons: mismatchReasons(err.body, err.message) });
      else onChange({ status: 'mismatch', reasons: [err instanceof Error ? err.message : String(err)] });
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const scanned = cleanScan(scan);
    setScan(scanned);
    if (!scanned) {
      scanRef.current?.focus();
      return;
    }
    // A wristband that is clearly someone else's stops now; a right one waits for the second identifier.
    if (!secondValue && (!mrn || scanned === mrn)) {
      secondRef.current?.focus();
      return;
    }
    void check(scanned);
  }

  function again() {
    setScan('');
    onChange({ status: 'idle' });
    scanRef.current?.focus();
  }

  return (
    <form className={`identify card id-${identity.status}`} onSubmit={submit} data-testid="identify-form" aria-labelledby="identify-title">
      <h2 id="identify-title"><span className="step-no">1</span> Identify the patient</h2>
      <div className="field">
        <label htmlFor="wristband">Scan wristband</label>
        <input id="wristband" ref={scanRef} className="scan-input" value={scan} autoFocus autoComplete="off" autoCapitalize="characters" spellCheck={false}
          inputMode="text" placeholder="Scan or type the MRN" disabled={disabled}
          onChange={(e) => { setScan(e.target.value); reset(); }} data-testid="scan-wristband" />
      </div>
      <fieldset className="field">
        <legend>Second identifier, confirmed with the patient</legend>
        <div className="second-id">
          <div className="segmented compact" role="radiogroup" aria-label="Which identifier">
            {(['birthDate', 'name'] as const).map((k) => (
              <label key={k} className={`segment ${second === k ? 'on' : ''}`}>
                <input type="radio" name="second-id" value={k} checked={second === k} disabled={disabled}
                  onChange={() => { setSecond(k); reset(); }} data-testid={`second-${k}`} />
                {k === 'birthDate' ? 'Date of birth' : 'Full name'}
              </label>
            ))}
          </div>
          {second === 'birthDate' ? (
            <input ref={secondRef} type="date" aria-label="Date of birth" value={birthDate} max={new Date().toISOString().slice(0, 10)} disabled={disabled}
              onChange={(e) => { setBirthDate(e.target.value); reset(); }} data-testid="identify-dob" />
          ) : (
            <input ref={secondRef} type="text" aria-label="Full name" placeholder="As the patient says it" value={name} autoComplete="off" disabled={disabled}
              onChange={(e) => { setName(e.target.value); reset(); }} data-testid="identify-name" />
          )}
        </div>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={disabled || identity.status === 'checking'} data-testid="identify-submit">
          {identity.status === 'checking' ? 'Checking…' : 'Verify identity'}
        </button>
      </div>
      <div aria-live="assertive">
        {identity.status === 'mismatch' && (
          <div className="stop-panel" role="alert" data-testid="identify-stop">
            <p className="stop-word">STOP</p>
            <div>
              <p className="stop-title">Do not draw. The patient could not be identified.</p>
              <ul data-testid="identify-reasons">
                {identity.reasons.map((r) => <li key={r}>{r}</li>)}
              </ul>
              <p className="small">Check the wristband is on this patient and ask them to state their name and date of birth. This mismatch has been logged.</p>
              <button type="button" className="button" onClick={again} data-testid="identify-again">Scan again</button>
            </div>
          </div>
        )}
        {identity.status === 'match' && (
          <p className="id-ok" data-testid="identify-ok">
            <span aria-hidden="true">✓</span> Identity confirmed: wristband {identity.scannedWristband} and {identity.birthDate ? 'date of birth' : 'full name'} match.
          </p>
        )}
      </div>
    </form>
  );
}
