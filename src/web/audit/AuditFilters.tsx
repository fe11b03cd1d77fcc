import { useState, type FormEvent } from 'react';
import type { AuditFilterValues } from './audit-query.js';

const operations = ['read', 'vread', 'search', 'history', 'create', 'update', 'patch', 'delete', 'login', 'logout', 'transition', 'export'];

export function AuditFilters({ initial, onApply }: { initial: AuditFilterValues; onApply: (f: AuditFilterValues) => void }) {
  const [f, setF] = useState(initial);
  const set = (k: keyof AuditFilterValues) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });

  function submit(e: FormEvent) {
    e.preventDefault();
    onApply(f);
  }
  function clear() {
    const empty = { username: '', patient: '', operation: '', from: '', to: '' };
    setF(empty);
    onApply(empty);
  }

  return (
    <form className="card filters" onSubmit={submit} data-testid="audit-filters" aria-label="Audit filters">
      <div className="field">
        <label htmlFor="audit-username">Username</label>
        <input id="audit-username" value={f.username} onChange={set('username')} autoCapitalize="none" spellCheck={false} data-testid="audit-username" />
      </div>
      <div className="field">
        <label htmlFor="audit-patient">Patient (id)</label>
        <input id="audit-patient" value={f.patient} onChange={set('patient')} spellCheck={false} data-testid="audit-patient" />
      </div>
      <div className="field">
        <label htmlFor="audit-operation">Operation</label>
        <input id="audit-operation" list="audit-operations" value={f.operation} onChange={set('operation')} autoCapitalize="none" data-testid="audit-operation" />
        <datalist id="audit-operations">
          {operations.map((o) => <option key={o} value={o} />)}
        </datalist>
      </div>
      <div className="field">
        <label htmlFor="audit-from">From</label>
        <input id="audit-from" type="date" value={f.from} onChange={set('from')} data-testid="audit-from" />
      </div>
      <div className="field">
        <label htmlFor="audit-to">To</label>
        <input id="audit-to" type="date" value={f.to} min={f.from || undefined} onChange={set('to')} data-testid="audit-to" />
      </div>
      <div className="form-actions">
        <button type="button" className="button" onClick={clear}>Clear</button>
        <button type="submit" className="button primary" data-testid="audit-apply">Apply filters</button>
      </div>
    </form>
  );
}
