import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, http } from '../api.js';
import { useFetch } from '../shell/useFetch.js';
import { fieldKey, fieldOfError, messageAtField, ruleFields, valueAt, withValueAt, type RuleField } from './rule-fields.js';

interface DomainSettings {
  override: unknown;
  effective: unknown;
}

type Draft = Record<string, string | boolean>;

function draftOf(effective: unknown): Draft {
  const d: Draft = {};
  for (const f of ruleFields) {
    const v = valueAt(effective, f.path);
    d[fieldKey(f)] = f.kind === 'boolean' ? v === true : v === undefined || v === null ? '' : String(v);
  }
  return d;
}

/** The organisation's phlebotomy rules: what is in force, and the few simple values an admin may change. */
export function RulesPage() {
  const settings = useFetch('settings:domain', (signal) => http.get<DomainSettings>('/api/settings/domain', undefined, signal));
  const [draft, setDraft] = useState<Draft>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (settings.data) setDraft(draftOf(settings.data.effective));
  }, [settings.data]);

  function change(f: RuleField, value: string | boolean) {
    setDraft((d) => ({ ...d, [fieldKey(f)]: value }));
    setErrors((e) => ({ ...e, [fieldKey(f)]: '' }));
    setSaved(false);
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!settings.data) return;
    let override: unknown = settings.data.override ?? {};
    const local: Record<string, string> = {};
    for (const f of ruleFields) {
      const key = fieldKey(f);
      const now = valueAt(settings.data.effective, f.path);
      const raw = draft[key];
      const value = f.kind === 'boolean' ? raw === true : String(raw).trim() === '' ? NaN : Number(raw);
      if (f.kind === 'number' && !Number.isFinite(value as number)) {
        local[key] = 'Enter a number.';
        continue;
      }
      if (value !== now) override = withValueAt(override, f.path, value);
    }
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      await http.put<DomainSettings>('/api/settings/domain', override);
      setSaved(true);
      settings.reload();
    } catch (err) {
      const key = err instanceof ApiError ? fieldOfError(err.field) : undefined;
      if (key) setErrors({ [key]: messageAtField(err instanceof Error ? err.message : String(err)) });
      else setFormError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  function reset(f: RuleField) {
    if (!settings.data) return;
    setBusy(true);
    http.put<DomainSettings>('/api/settings/domain', withValueAt(settings.data.override, f.path, undefined)).then(
      () => { setSaved(true); settings.reload(); },
      (err: Error) => setFormError(err.message),
    ).finally(() => setBusy(false));
  }

  return (
    <section className="page narrow" aria-labelledby="rules-title" data-testid="rules-page">
      <h1 id="rules-title">Phlebotomy rules</h1>
      <p className="muted">The values in force for your organisation: DOMAIN.md defaults unless changed here. Changes apply to new tube plans and receiving decisions within seconds.</p>
      {settings.error && <p className="notice error" role="alert">{settings.error.message}</p>}
      {!settings.data && !settings.error && <p role="status">Loading rules…</p>}
      {settings.data && (
        <form className="card" onSubmit={(e) => void save(e)} noValidate data-testid="rules-form">
          {ruleFields.map((f) => {
            const key = fieldKey(f);
            const id = `rule-${key.replace(/\./g, '-')}`;
            const overridden = valueAt(settings.data!.override, f.path) !== undefined;
            const err = errors[key];
            return (
              <div key={key} className="field rule-field" data-testid="rule-field" data-key={key}>
                {f.kind === 'boolean' ? (
                  <label className="check big" htmlFor={id}>
                    <input id={id} type="checkbox" checked={draft[key] === true} onChange={(e) => change(f, e.target.checked)} aria-describedby={`${id}-hint`} />
                    {f.label}
                  </label>
                ) : (
                  <>
                    <label htmlFor={id}>{f.label}{f.unit && <span className="optional"> ({f.unit})</span>}</label>
                    <input id={id} type="number" inputMode="decimal" value={String(draft[key] ?? '')} onChange={(e) => change(f, e.target.value)}
                      aria-invalid={err ? true : undefined} aria-describedby={`${id}-hint${err ? ` ${id}-error` : ''}`} data-testid={`rule-${key}`} className="short" />
                  </>
                )}
                <p id={`${id}-hint`} className="hint">
                  {f.hint} {overridden ? <span className="badge warn">changed here</span> : <span className="badge">default</span>}
                  {overridden && (
                    <button type="button" className="link-button" onClick={() => reset(f)} disabled={busy}>Back to default</button>
                  )}
                </p>
                {err && <p id={`${id}-error`} className="field-error" role="alert" data-testid="rule-error">{err}</p>}
              </div>
            );
          })}
          {formError && <p className="notice error" role="alert">{formError}</p>}
          {saved && <p className="notice success" role="status" data-testid="rules-saved">Saved. The new rules are in force.</p>}
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={busy} data-testid="rules-save">{busy ? 'Saving…' : 'Save'}</button>
          </div>
        </form>
      )}
    </section>
  );
}
