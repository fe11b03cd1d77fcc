import { useRef, useState, type ChangeEvent } from 'react';
import { navigate, useLocation, withSearch } from '../router.js';
import { chosenJsonFile, downloadJson } from '../shell/json-files.js';
import { useDebounced, useFetch } from '../shell/useFetch.js';
import { catalogueApi } from './api.js';
import { CatalogueForm } from './CatalogueForm.js';
import { specimenSummary } from './format.js';
import type { Orderable, OrderableKind } from './models.js';

type Status = 'active' | 'retired' | 'all';
type Notice = { kind: 'success' | 'error'; text: string } | null;

const kinds: { value: OrderableKind | ''; label: string }[] = [
  { value: '', label: 'All' },
  { value: 'lab', label: 'Lab' },
  { value: 'imaging', label: 'Imaging' },
  { value: 'respiratory', label: 'Respiratory' },
];
const statuses: { value: Status; label: string }[] = [
  { value: 'active', label: 'Active' },
  { value: 'retired', label: 'Retired' },
  { value: 'all', label: 'All' },
];
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * The organisation's test catalogue for administrators: find an entry by name, code or kind, edit its
 * specimen requirements, retire or reactivate it, add one, and move the whole catalogue in and out
 * as a FHIR Bundle. Edits are in force for new orders and tube plans at once.
 */
export function CataloguePage() {
  const { pathname, search } = useLocation();
  const kind = (search.get('kind') ?? '') as OrderableKind | '';
  const status = (search.get('status') ?? 'active') as Status;
  const [text, setText] = useState(search.get('q') ?? '');
  const q = useDebounced(text.trim(), 200);
  const list = useFetch(`catalogue-admin:${kind}:${status}:${q}`, (signal) => catalogueApi.list({ q, kind: kind || undefined, status }, signal));
  const options = useFetch('catalogue-options', (signal) => catalogueApi.options(signal));
  const [editing, setEditing] = useState<Orderable | 'new' | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const filter = (changes: Record<string, string | undefined>) => navigate(withSearch(pathname, search, changes), { replace: true });

  function saved(item: Orderable, what: string) {
    setEditing(null);
    setNotice({ kind: 'success', text: `${item.display} (${item.code}) ${what}.` });
    list.reload();
  }

  async function exportBundle() {
    setBusy(true);
    setNotice(null);
    try {
      downloadJson('catalogue.json', await catalogueApi.exportBundle(), 'application/fhir+json');
    } catch (err) {
      setNotice({ kind: 'error', text: `Could not export the catalogue: ${message(err)}` });
    } finally {
      setBusy(false);
    }
  }

  async function importFile(e: ChangeEvent<HTMLInputElement>) {
    const file = await chosenJsonFile(e);
    if (!file) return;
    setBusy(true);
    setNotice(null);
    try {
      if (file.value === undefined) throw new Error(`${file.name} is not JSON: export a catalogue Bundle and import that file`);
      const r = await catalogueApi.importBundle(file.value);
      setEditing(null);
      setNotice({ kind: 'success', text: `Imported ${r.imported} entries from ${file.name}.${r.retired.length ? ` Kept as retired (not in the file): ${r.retired.join(', ')}.` : ''}` });
      list.reload();
    } catch (err) {
      setNotice({ kind: 'error', text: `Nothing was imported. ${message(err)}` });
    } finally {
      setBusy(false);
    }
  }

  const items = list.data ?? [];
  const containerName = (code: string) => options.data?.containers.find((c) => c.code === code)?.display;
  const labName = (id: string | undefined) => (id ? options.data?.referenceLabs.find((l) => l.id === id)?.name ?? id : 'In-house');
  return (
    <section className="page" aria-labelledby="catalogue-title" data-testid="catalogue-page">
      <div className="section-head">
        <h1 id="catalogue-title">Test catalogue</h1>
        <div className="actions">
          <button type="button" className="button" onClick={() => { setEditing('new'); setNotice(null); }} disabled={busy || !options.data} data-testid="catalogue-add">Add entry</button>
          <button type="button" className="button" onClick={() => void exportBundle()} disabled={busy} data-testid="catalogue-export">Export (FHIR)</button>
          <button type="button" className="button" onClick={() => fileInput.current?.click()} disabled={busy} data-testid="catalogue-import">Import…</button>
          <input ref={fileInput} type="file" accept=".json,application/json,application/fhir+json" className="sr-only" onChange={(e) => void importFile(e)} data-testid="catalogue-import-file" tabIndex={-1} aria-hidden="true" />
        </div>
      </div>
      <p className="muted">What clinicians can order and what the phlebotomist collects. Changes apply to new orders and tube plans at once; orders already placed keep their entry.</p>
      {notice && (
        <p className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="catalogue-notice" data-kind={notice.kind}>
          {notice.text}
          <button type="button" className="notice-close" onClick={() => setNotice(null)} aria-label="Dismiss">×</button>
        </p>
      )}
      {editing && options.data && (
        <CatalogueForm key={editing === 'new' ? 'new' : editing.code} original={editing === 'new' ? null : editing} options={options.data} onSaved={saved} onCancel={() => setEditing(null)} />
      )}
      {options.error && <p className="notice error" role="alert">{options.error.message}</p>}
      <div className="toolbar catalogue-toolbar">
        <label htmlFor="catalogue-search" className="sr-only">Search the catalogue</label>
        <input id="catalogue-search" type="search" placeholder="Search by name or code (e.g. CMP, 2345-7)" value={text}
          onChange={(e) => { setText(e.target.value); filter({ q: e.target.value.trim() || undefined }); }} data-testid="catalogue-search" />
        <div className="segmented compact" role="radiogroup" aria-label="Kind">
          {kinds.map((k) => (
            <label key={k.value} className={`segment ${kind === k.value ? 'on' : ''}`}>
              <input type="radio" name="catalogue-admin-kind" value={k.value} checked={kind === k.value} onChange={() => filter({ kind: k.value || undefined })} />
              {k.label}
            </label>
          ))}
        </div>
        <div className="segmented compact" role="radiogroup" aria-label="Status">
          {statuses.map((s) => (
            <label key={s.value} className={`segment ${status === s.value ? 'on' : ''}`}>
              <input type="radio" name="catalogue-admin-status" value={s.value} checked={status === s.value} onChange={() => filter({ status: s.value === 'active' ? undefined : s.value })} data-testid={`catalogue-status-${s.value}`} />
              {s.label}
            </label>
          ))}
        </div>
        <span className="toolbar-count" aria-live="polite">{list.loading ? 'Loading…' : `${items.length} ${items.length === 1 ? 'entry' : 'entries'}`}</span>
      </div>
      {list.error && <p className="notice error" role="alert">{list.error.message}</p>}
      {list.data && items.length === 0 && <p className="empty">Nothing in the catalogue matches.</p>}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="table catalogue-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Code</th>
                <th scope="col">Kind</th>
                <th scope="col">Specimen and preparation</th>
                <th scope="col">Performed by</th>
                <th scope="col">Status</th>
                <th scope="col"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {items.map((o) => (
                <tr key={o.code} data-testid="catalogue-row" data-code={o.code} data-status={o.status ?? 'active'}>
                  <td>{o.display}</td>
                  <td className="mono nowrap">{o.code}</td>
                  <td>{o.kind}</td>
                  <td data-testid="catalogue-row-specimen">{specimenSummary(o, containerName) || <span className="muted">—</span>}</td>
                  <td>{labName(o.performingLab)}</td>
                  <td><span className={`status ${o.status === 'retired' ? 'status-cancelled' : 'status-accepted'}`}>{o.status === 'retired' ? 'Retired' : 'Active'}</span></td>
                  <td>
                    <button type="button" className="button" onClick={() => { setEditing(o); setNotice(null); window.scrollTo(0, 0); }} disabled={!options.data} data-testid="catalogue-edit">Edit</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
