import { useState } from 'react';
import { api } from '../api.js';
import type { PatientSummary } from '../models.js';
import { formatDate, sexLabel } from '../shell/format.js';
import { useDebounced, useFetch } from '../shell/useFetch.js';
import { ageFrom } from './age.js';

interface Props {
  /** Called with the chosen patient. */
  onPick: (p: PatientSummary) => void;
  label?: string;
  autoFocus?: boolean;
}

/** Search by name prefix or MRN; results are large rows that are easy to tap. */
export function PatientSearch({ onPick, label = 'Find a patient', autoFocus }: Props) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const result = useFetch(q.length >= 2 ? `patients:${q}` : null, (signal) => api.searchPatients(q, signal));
  const patients = q.length >= 2 ? (result.data ?? []) : [];

  return (
    <div className="patient-search">
      <div className="field">
        <label htmlFor="patient-q">{label}</label>
        <input id="patient-q" type="search" inputMode="search" autoComplete="off" placeholder="Name (e.g. Garc) or MRN"
          value={text} onChange={(e) => setText(e.target.value)} autoFocus={autoFocus} data-testid="patient-search-input"
          aria-describedby="patient-q-hint" />
        <p className="hint" id="patient-q-hint">Type at least 2 characters of the family or given name, or the MRN.</p>
      </div>
      <div aria-live="polite" className="search-status">
        {result.loading && q.length >= 2 && <span>Searching…</span>}
        {result.error && <span className="text-error">{result.error.message}</span>}
        {!result.loading && !result.error && q.length >= 2 && result.data && patients.length === 0 && <span>No patients match “{q}”.</span>}
      </div>
      {patients.length > 0 && (
        <ul className="pick-list" data-testid="patient-results">
          {patients.map((p) => (
            <li key={p.id}>
              <button type="button" className="pick-row" onClick={() => onPick(p)} data-testid="patient-result" data-patient-id={p.id}>
                <span className="pick-main">{p.name}</span>
                <span className="pick-meta">
                  MRN {p.mrn ?? '—'} · {formatDate(p.birthDate)}
                  {ageFrom(p.birthDate) ? ` (${ageFrom(p.birthDate)})` : ''} · {sexLabel(p.gender)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
