import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../api.js';
import { interfacesApi } from './api.js';
import { draftOf, idFromName, inputIdOf, labOf, mappedTwice, messageTypeLabels, obr4Labels, processingLabels, segmentLabels, type LabDraft } from './lab-draft.js';
import { ConnectionTest, FlagChips, PreviewPanel } from './LabExtras.js';
import { TestCodeTable } from './TestCodeTable.js';
import type { LabCatalogueTest, LabPreview, ReferenceLab } from './models.js';
import { FormField } from '../shell/FormField.js';

interface Props {
  /** null: a new lab */
  original: ReferenceLab | null;
  tests: LabCatalogueTest[];
  /** administrators edit; the rest of the interface desk reads */
  readOnly: boolean;
  onSaved: (lab: ReferenceLab, what: string) => void;
  onCancel: () => void;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));
type Problem = { id?: string; message: string } | null;

/** Add, edit or (read-only) look at one reference lab: connection, MSH parties, segments, order numbers, test codes, critical flags. */
export function LabForm({ original, tests, readOnly, onSaved, onCancel }: Props) {
  const [draft, setDraft] = useState<LabDraft>(() => draftOf(original));
  const [idTouched, setIdTouched] = useState(original !== null);
  const [error, setError] = useState<Problem>(null);
  const [busy, setBusy] = useState<'save' | 'preview' | null>(null);
  const [preview, setPreview] = useState<LabPreview | null>(null);
  const isNew = original === null;

  function set<K extends keyof LabDraft>(key: K, value: LabDraft[K]) {
    setDraft((d) => ({ ...d, [key]: value, ...(key === 'name' && !idTouched ? { id: idFromName(String(value)) } : {}) }));
    setError(null);
  }

  /** A server error at its input when it is about this lab (`[i].…` is about another stored lab); otherwise above the buttons. */
  function show(err: unknown) {
    const field = err instanceof ApiError ? err.field : undefined;
    const known = field?.startsWith('[') ? undefined : inputIdOf(field, draft.testCodes);
    const id = known && document.getElementById(known) ? known : undefined;
    setError({ id, message: message(err) });
    if (id) document.getElementById(id)?.focus();
  }

  function check(): boolean {
    const twice = mappedTwice(draft.testCodes);
    if (twice) setError({ id: 'lab-profile-testCodes', message: `${twice} is mapped twice: keep one row for it` });
    return !twice;
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (readOnly || !check()) return;
    const lab = labOf(draft, original);
    setBusy('save');
    setError(null);
    try {
      const saved = isNew ? await interfacesApi.addLab(lab) : await interfacesApi.saveLab(original.id, lab);
      onSaved(saved.lab, isNew ? 'added' : 'saved');
    } catch (err) {
      show(err);
    } finally {
      setBusy(null);
    }
  }

  async function runPreview() {
    if (!check()) return;
    setBusy('preview');
    setError(null);
    try {
      setPreview(await interfacesApi.previewLab(labOf(draft, original)));
    } catch (err) {
      setPreview(null);
      show(err);
    } finally {
      setBusy(null);
    }
  }

  const field = (id: string, label: ReactNode, input: ReactNode, hint?: ReactNode) => (
    <FormField inputId={`lab-${id}`} label={label} input={input} hint={hint} error={error?.id === `lab-${id}` ? error.message : undefined} errorTestId="lab-field-error" />
  );
  /** A text input for a draft field; `id` is the server's field path with dashes (profile-sendingFacility). */
  const text = (key: keyof LabDraft & string, id: string, opts: { short?: boolean; numeric?: boolean; placeholder?: string } = {}) => (
    <input id={`lab-${id}`} type="text" inputMode={opts.numeric ? 'numeric' : undefined} className={opts.short ? 'short' : undefined} value={String(draft[key])} placeholder={opts.placeholder}
      onChange={(e) => { if (key === 'id') setIdTouched(true); set(key, e.target.value as never); }} aria-invalid={error?.id === `lab-${id}` ? true : undefined} data-testid={`lab-${key}`} />
  );
  const select = <K extends 'messageType' | 'obr4' | 'processingId'>(key: K, id: string, labels: Record<LabDraft[K], string>) => (
    <select id={`lab-${id}`} value={draft[key]} onChange={(e) => set(key, e.target.value as LabDraft[K])} aria-invalid={error?.id === `lab-${id}` ? true : undefined} data-testid={`lab-${key}`}>
      {(Object.keys(labels) as LabDraft[K][]).map((v) => <option key={v} value={v}>{labels[v]}</option>)}
    </select>
  );
  const oml = draft.messageType === 'OML^O21';
  const generalError = error && !error.id ? error.message : null;
  const componentsHint = 'Components separated by ^, as the lab\'s specification writes them';
  const sentHere = tests.filter((t) => t.performingLab && t.performingLab === original?.id && !t.retired);

  return (
    <form className="card catalogue-form lab-form" onSubmit={save} noValidate data-testid="lab-form" data-lab={original?.id ?? ''} aria-labelledby="lab-form-title">
      <h2 id="lab-form-title">{isNew ? 'New reference lab' : original.name}{readOnly && <span className="badge">read only</span>}</h2>
      {!isNew && <p className="muted">{sentHere.length ? `The catalogue sends ${sentHere.length} test${sentHere.length === 1 ? '' : 's'} here.` : 'No catalogue test is sent here yet: choose this lab as the performing lab in the catalogue.'}</p>}
      <fieldset disabled={readOnly}>
        <legend>Lab and connection</legend>
        <div className="field-row">
          {field('name', 'Name', text('name', 'name'))}
          {field('id', 'Short id', isNew ? text('id', 'id', { placeholder: 'e.g. tricounty' }) : <input id="lab-id" value={draft.id} readOnly className="mono" />, isNew ? 'Used by the catalogue and the outbox; cannot change later' : undefined)}
        </div>
        <div className="field-row">
          {field('host', 'Host of the lab\'s MLLP listener', text('host', 'host', { placeholder: 'hl7.lab.example or 10.0.4.17' }))}
          {field('port', 'Port', text('port', 'port', { short: true, numeric: true, placeholder: '2575' }))}
        </div>
        {!readOnly && <ConnectionTest host={draft.host} port={draft.port} />}
        <div className="field-row">
          {field('ackTimeoutMs', <>Wait for the ACK (ms) <span className="optional">optional</span></>, text('ackTimeoutMs', 'ackTimeoutMs', { short: true, numeric: true, placeholder: '30000' }))}
          {field('maxAttempts', <>Automatic attempts <span className="optional">optional</span></>, text('maxAttempts', 'maxAttempts', { short: true, numeric: true, placeholder: '5' }), 'Tries after a timeout or refused connection before a person must resend')}
          {field('organizationId', <>FHIR Organization id <span className="optional">optional</span></>, text('organizationId', 'organizationId'), 'Named as the performer of this lab\'s results')}
        </div>
      </fieldset>
      <fieldset disabled={readOnly}>
        <legend>Message header (MSH)</legend>
        <div className="field-row">
          {field('profile-messageType', 'Message type (MSH-9)', select('messageType', 'profile-messageType', messageTypeLabels))}
          {field('profile-processingId', 'Processing id (MSH-11)', select('processingId', 'profile-processingId', processingLabels))}
        </div>
        <div className="field-row">
          {field('profile-sendingApplication', 'Sending application (MSH-3)', text('sendingApplication', 'profile-sendingApplication'))}
          {field('profile-sendingFacility', 'Sending facility (MSH-4)', text('sendingFacility', 'profile-sendingFacility'), componentsHint)}
        </div>
        <div className="field-row">
          {field('profile-receivingApplication', 'Receiving application (MSH-5)', text('receivingApplication', 'profile-receivingApplication', { placeholder: 'e.g. LAB' }))}
          {field('profile-receivingFacility', 'Receiving facility (MSH-6)', text('receivingFacility', 'profile-receivingFacility', { placeholder: 'e.g. LABCORP^12D3456789^CLIA' }), componentsHint)}
        </div>
      </fieldset>
      <fieldset disabled={readOnly} id="lab-profile-segments" tabIndex={-1} data-testid="lab-segments">
        <legend>Segments sent</legend>
        <p className="hint">MSH, PID, ORC and OBR are always sent.</p>
        <div className="field-row">
          {segmentLabels.filter((s) => s.key !== 'spm' || oml).map((s) => (
            <label key={s.key} className="check">
              <input type="checkbox" checked={draft.segments[s.key]} onChange={(e) => set('segments', { ...draft.segments, [s.key]: e.target.checked })} data-testid={`lab-segment-${s.key}`} /> {s.label}
            </label>
          ))}
        </div>
        {error?.id === 'lab-profile-segments' && <p className="field-error" role="alert" data-testid="lab-field-error">{error.message}</p>}
      </fieldset>
      <fieldset disabled={readOnly}>
        <legend>Order numbers (ORC-2, OBR-2)</legend>
        <div className="field-row">
          {field('profile-placerNumber-prefix', <>Prefix <span className="optional">optional</span></>, text('placerPrefix', 'profile-placerNumber-prefix', { short: true }))}
          {field('profile-placerNumber-padTo', <>Pad with zeros to <span className="optional">optional</span></>, text('placerPadTo', 'profile-placerNumber-padTo', { short: true, numeric: true }))}
          {field('profile-placerNumber-namespace', <>Namespace id (EI-2) <span className="optional">optional</span></>, text('placerNamespace', 'profile-placerNumber-namespace', { short: true }))}
          {field('profile-placerNumber-universalId', <>Universal id (EI-3) <span className="optional">optional</span></>, text('placerUniversalId', 'profile-placerNumber-universalId'))}
          {field('profile-placerNumber-universalIdType', <>Its type (EI-4) <span className="optional">optional</span></>, text('placerUniversalIdType', 'profile-placerNumber-universalIdType', { short: true, placeholder: 'ISO' }))}
        </div>
        <p className="hint">Our order AL00000042 goes out as <span className="mono" data-testid="lab-placer-example">{`${draft.placerPrefix.trim()}${/^\d+$/.test(draft.placerPadTo.trim()) ? 'AL00000042'.padStart(Number(draft.placerPadTo), '0') : 'AL00000042'}`}</span>.</p>
      </fieldset>
      <fieldset disabled={readOnly} style={{ minWidth: 0 }}>
        <legend>Test codes (OBR-4)</legend>
        <div className="field-row">
          {field('profile-obr4', 'OBR-4 carries', select('obr4', 'profile-obr4', obr4Labels))}
        </div>
        {draft.obr4 === 'loinc' && draft.testCodes.length > 0 && <p className="notice warn" data-testid="lab-codes-unused">OBR-4 carries our LOINC codes, so this table is not used. Choose the lab's own code to send it.</p>}
        <TestCodeTable rows={draft.testCodes} onChange={(rows) => set('testCodes', rows)} tests={tests} labId={original?.id ?? draft.id} disabled={readOnly} error={error} />
      </fieldset>
      <fieldset disabled={readOnly}>
        <legend>Results from this lab</legend>
        <FlagChips flags={draft.criticalFlags} onChange={(flags) => set('criticalFlags', flags)} disabled={readOnly} error={error?.id === 'lab-profile-criticalFlags' ? error.message : undefined} />
      </fieldset>
      {generalError && <p className="notice error" role="alert" data-testid="lab-form-error">{generalError}</p>}
      <div className="form-actions">
        {!readOnly && <button type="submit" className="button primary" disabled={busy !== null} data-testid="lab-save">{busy === 'save' ? 'Saving…' : isNew ? 'Add lab' : 'Save'}</button>}
        <button type="button" className="button" onClick={() => void runPreview()} disabled={busy !== null} data-testid="lab-preview-button">{busy === 'preview' ? 'Writing…' : 'Preview message'}</button>
        <button type="button" className="button ghost" onClick={onCancel} disabled={busy === 'save'}>{readOnly ? 'Close' : 'Cancel'}</button>
      </div>
      {preview && <PreviewPanel preview={preview} onClose={() => setPreview(null)} />}
    </form>
  );
}
