import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../api.js';
import { catalogueApi } from './api.js';
import { draftOf, entryOf, type Draft } from './draft.js';
import { inputIdOf } from './format.js';
import type { CatalogueOptions, Orderable } from './models.js';
import { FormField } from '../shell/FormField.js';

interface Props {
  /** null: a new entry */
  original: Orderable | null;
  options: CatalogueOptions;
  onSaved: (item: Orderable, what: string) => void;
  onCancel: () => void;
}

const modalities = ['CR', 'DX', 'CT', 'MR', 'US', 'NM', 'XA', 'MG', 'RF'];

/** Add or edit one catalogue entry: name, specimen requirements, timing, performing lab; retire or reactivate it. */
export function CatalogueForm({ original, options, onSaved, onCancel }: Props) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(original));
  const [error, setError] = useState<{ id?: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const isNew = original === null;
  const retired = original?.status === 'retired';

  function set<K extends keyof Draft>(key: K, value: Draft[K]) {
    setDraft((d) => ({ ...d, [key]: value }));
    setError(null);
  }

  async function send(entry: Orderable, what: string) {
    setBusy(true);
    setError(null);
    try {
      const saved = isNew ? await catalogueApi.create(entry) : await catalogueApi.update(entry);
      onSaved(saved, what);
    } catch (err) {
      const known = err instanceof ApiError ? inputIdOf(err.field) : undefined;
      const id = known && document.getElementById(known) ? known : undefined;
      setError({ id, message: err instanceof Error ? err.message : String(err) });
      if (id) document.getElementById(id)?.focus();
    } finally {
      setBusy(false);
    }
  }

  function save(e: FormEvent) {
    e.preventDefault();
    void send(entryOf(draft, original), isNew ? 'added' : 'saved');
  }

  function toggleStatus() {
    void send({ ...entryOf(draft, original), status: retired ? 'active' : 'retired' }, retired ? 'reactivated' : 'retired');
  }

  const field = (id: string, label: ReactNode, input: ReactNode, hint?: string) => (
    <FormField inputId={`cat-${id}`} label={label} input={input} hint={hint} error={error?.id === `cat-${id}` ? error.message : undefined} errorTestId="catalogue-field-error" />
  );
  /** A text input for a draft field; `id` is the server's field path with dashes (specimen-volumeMl). */
  const text = (key: keyof Draft & string, opts: { id?: string; short?: boolean; numeric?: boolean } = {}) => {
    const id = `cat-${opts.id ?? key}`;
    return (
      <input id={id} type="text" inputMode={opts.numeric ? 'decimal' : undefined} className={opts.short ? 'short' : undefined} value={String(draft[key])}
        onChange={(e) => set(key, e.target.value as never)} aria-invalid={error?.id === id ? true : undefined} data-testid={`catalogue-${key}`} />
    );
  };
  const specimenId = (name: string) => `specimen-${name}`;
  const generalError = error && !error.id ? error.message : null;

  return (
    <form className="card catalogue-form" onSubmit={save} noValidate data-testid="catalogue-form" data-code={original?.code ?? ''} aria-labelledby="catalogue-form-title">
      <h2 id="catalogue-form-title">{isNew ? 'New catalogue entry' : `${original.display}`} {retired && <span className="badge warn">retired</span>}</h2>
      {!isNew && <p className="muted mono">{original.code} · {original.kind} · {original.coding.map((c) => c.code).join(', ')}</p>}
      {isNew && (
        <div className="field-row">
          {field('code', 'Code', text('code'), 'Capitals, digits and dashes (e.g. LAB-VITD); never reused')}
          {field('kind', 'Kind', (
            <select id="cat-kind" value={draft.kind} onChange={(e) => set('kind', e.target.value as Draft['kind'])} data-testid="catalogue-kind">
              <option value="lab">Lab</option>
              <option value="imaging">Imaging</option>
              <option value="respiratory">Respiratory</option>
            </select>
          ))}
        </div>
      )}
      {field('display', 'Name', text('display'))}
      {isNew && (
        <div className="field-row">
          {field('coding-0-code', 'LOINC or CPT code', (
            <span className="catalogue-coding">
              <select aria-label="Code system" value={draft.codingSystem} onChange={(e) => set('codingSystem', e.target.value as Draft['codingSystem'])}>
                <option value="http://loinc.org">LOINC</option>
                <option value="http://www.ama-assn.org/go/cpt">CPT</option>
              </select>
              <input id="cat-coding-0-code" className="short" value={draft.codingCode} onChange={(e) => set('codingCode', e.target.value)} data-testid="catalogue-codingCode" />
            </span>
          ))}
          {field('coding-0-display', 'Code label (our own words)', text('codingDisplay', { id: 'coding-0-display' }))}
          {draft.kind === 'imaging' && field('modality', 'Modality', (
            <select id="cat-modality" value={draft.modality} onChange={(e) => set('modality', e.target.value)}>
              <option value="">Choose…</option>
              {modalities.map((m) => <option key={m} value={m}>{m}</option>)}
            </select>
          ))}
        </div>
      )}
      {draft.kind !== 'lab' && (
        <label className="check">
          <input type="checkbox" checked={draft.hasSpecimen} onChange={(e) => set('hasSpecimen', e.target.checked)} /> A specimen is collected
        </label>
      )}
      {draft.hasSpecimen && (
        <fieldset className="catalogue-specimen">
          <legend>Specimen</legend>
          {field(specimenId('container'), 'Container', (
            <select id="cat-specimen-container" value={draft.container} onChange={(e) => set('container', e.target.value)} data-testid="catalogue-container">
              {!options.containers.some((c) => c.code === draft.container) && <option value={draft.container}>{draft.container}</option>}
              {options.containers.map((c) => (
                <option key={c.code} value={c.code}>{c.display}{c.capColor ? ` (${c.capColor} cap${c.capacityMl ? `, ${c.capacityMl} mL` : ''})` : ''}</option>
              ))}
            </select>
          ))}
          <div className="field-row">
            {field(specimenId('volumeMl'), 'Volume (mL)', text('volumeMl', { id: specimenId('volumeMl'), short: true, numeric: true }))}
            {field(specimenId('minVolumeMl'), <>Minimum (mL) <span className="optional">optional</span></>, text('minVolumeMl', { id: specimenId('minVolumeMl'), short: true, numeric: true }))}
            {field(specimenId('pediatricVolumeMl'), <>Paediatric (mL) <span className="optional">optional</span></>, text('pediatricVolumeMl', { id: specimenId('pediatricVolumeMl'), short: true, numeric: true }))}
          </div>
          <div className="field-row">
            {field(specimenId('handling'), 'Handling', (
              <select id="cat-specimen-handling" value={draft.handling} onChange={(e) => set('handling', e.target.value as Draft['handling'])} data-testid="catalogue-handling">
                <option value="ambient">Room temperature</option>
                <option value="on_ice">On ice</option>
                <option value="refrigerated">Refrigerated</option>
              </select>
            ))}
            {field(specimenId('deliverWithinMinutes'), <>Deliver within (min) <span className="optional">optional</span></>, text('deliverWithinMinutes', { id: specimenId('deliverWithinMinutes'), short: true, numeric: true }))}
            {field(specimenId('stabilityMinutes'), <>Stable for (min) <span className="optional">optional</span></>, text('stabilityMinutes', { id: specimenId('stabilityMinutes'), short: true, numeric: true }))}
          </div>
          <label className="check">
            <input type="checkbox" checked={draft.protectFromLight} onChange={(e) => set('protectFromLight', e.target.checked)} data-testid="catalogue-protectFromLight" /> Protect from light
          </label>
        </fieldset>
      )}
      <fieldset>
        <legend>Patient preparation and timing</legend>
        <div className="field-row">
          <label className="check">
            <input type="checkbox" checked={draft.fasting} onChange={(e) => set('fasting', e.target.checked)} data-testid="catalogue-fasting" /> Fasting
          </label>
          {draft.fasting && field('fastingHours', 'Hours', text('fastingHours', { short: true, numeric: true }))}
        </div>
        <div className="field-row">
          {field('timing-kind', 'Timed draw', (
            <select id="cat-timing-kind" value={draft.timing} onChange={(e) => set('timing', e.target.value as Draft['timing'])} data-testid="catalogue-timing">
              <option value="">Not timed</option>
              <option value="trough">Trough (before the next dose)</option>
              <option value="peak">Peak (after the infusion ends)</option>
              <option value="clock">By the clock (e.g. morning cortisol)</option>
            </select>
          ))}
          {draft.timing === 'clock' && field('timing-fromMinutes', 'From (local time)', text('fromMinutes', { id: 'timing-fromMinutes', short: true }), 'e.g. 07:00')}
          {draft.timing === 'clock' && field('timing-toMinutes', 'To (local time)', text('toMinutes', { id: 'timing-toMinutes', short: true }), 'e.g. 09:00')}
          {draft.timing && draft.timing !== 'clock' && field('timing-fromMinutes', 'From (min)', text('fromMinutes', { id: 'timing-fromMinutes', short: true, numeric: true }), draft.timing === 'trough' ? 'e.g. -30' : 'e.g. 30')}
          {draft.timing && draft.timing !== 'clock' && field('timing-toMinutes', 'To (min)', text('toMinutes', { id: 'timing-toMinutes', short: true, numeric: true }), draft.timing === 'trough' ? 'e.g. 0' : 'e.g. 60')}
        </div>
      </fieldset>
      <div className="field-row">
        {field('performingLab', 'Performing lab', (
          <select id="cat-performingLab" value={draft.performingLab} onChange={(e) => set('performingLab', e.target.value)} data-testid="catalogue-performingLab">
            <option value="">In-house lab</option>
            {options.referenceLabs.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
            {draft.performingLab && !options.referenceLabs.some((l) => l.id === draft.performingLab) && <option value={draft.performingLab}>{draft.performingLab} (unknown)</option>}
          </select>
        ))}
        {draft.hasSpecimen && field('labTestCode', 'Collected as lab test', (
          <select id="cat-labTestCode" value={draft.labTestCode} onChange={(e) => set('labTestCode', e.target.value)}>
            <option value="">None (its own tube)</option>
            {options.labTests.map((t) => <option key={t.code} value={t.code}>{t.code}: {t.display}</option>)}
          </select>
        ), 'Tests of the same lab test share tubes in the tube plan')}
        {draft.kind !== 'lab' && field('defaultDurationMinutes', 'Duration (min)', text('defaultDurationMinutes', { short: true, numeric: true }))}
      </div>
      {generalError && <p className="notice error" role="alert" data-testid="catalogue-form-error">{generalError}</p>}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy} data-testid="catalogue-save">{busy ? 'Saving…' : isNew ? 'Add to catalogue' : 'Save'}</button>
        {!isNew && (
          <button type="button" className="button" onClick={toggleStatus} disabled={busy} data-testid={retired ? 'catalogue-reactivate' : 'catalogue-retire'}>
            {retired ? 'Reactivate' : 'Retire'}
          </button>
        )}
        <button type="button" className="button ghost" onClick={onCancel} disabled={busy}>Cancel</button>
      </div>
    </form>
  );
}
