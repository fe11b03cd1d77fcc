import { useRef, useState, type ChangeEvent } from 'react';
import { ApiError } from '../api.js';
import { Link } from '../router.js';
import { chosenJsonFile, downloadJson } from '../shell/json-files.js';
import { useSession } from '../shell/session.js';
import { useFetch } from '../shell/useFetch.js';
import { interfacesApi } from './api.js';
import { LabForm } from './LabForm.js';
import type { LabCatalogueTest, LabList, ReferenceLab } from './models.js';

type Notice = { kind: 'success' | 'error'; text: string } | null;
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));
const obr4Short: Record<ReferenceLab['profile']['obr4'], string> = { loinc: 'LOINC', local: 'lab\'s codes', 'local-with-loinc': 'lab\'s codes + LOINC' };
/** "[1].port" -> "lab 2, port": where in an imported file a refused value is. */
function filePlace(field: string | undefined): string {
  const m = /^\[(\d+)\]\.?(.*)$/.exec(field ?? '');
  if (!m) return '';
  return ` (lab ${Number(m[1]) + 1} in the file${m[2] ? `, ${m[2]}` : ''})`;
}

const testName = (t: LabCatalogueTest) => `${t.display} (${t.code})`;
/** Tests sent to a lab that wants its own OBR-4 codes but has none for them (the catalogue changed after the lab was saved). */
const unmapped = (l: ReferenceLab, tests: LabCatalogueTest[]) => (l.profile.obr4 === 'loinc' ? [] : tests.filter((t) => !l.profile.testCodes?.[t.sentAs.code]));

/**
 * The reference labs Allied sends orders to, and how each wants them (its profile): administrators
 * add, edit and remove labs; the rest of the interface desk reads them and previews their messages.
 */
export function LabsPage() {
  const { session } = useSession();
  const admin = session.user.role === 'admin';
  const list = useFetch('reference-labs', (signal) => interfacesApi.labs(signal));
  const [editing, setEditing] = useState<ReferenceLab | 'new' | null>(null);
  const [removing, setRemoving] = useState<ReferenceLab | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);
  // an imported file that leaves out labs the catalogue still sends tests to: asked before moving them in-house
  const [stranded, setStranded] = useState<{ name: string; labs: unknown; message: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const exportLabs = () => downloadJson('reference-labs.json', data?.labs ?? []);

  async function importLabs(name: string, labs: unknown, moveInHouse: boolean) {
    setBusy(true);
    setNotice(null);
    setStranded(null);
    try {
      const stored = await interfacesApi.replaceLabs(labs, moveInHouse);
      setEditing(null);
      setRemoving(null);
      setNotice({ kind: 'success', text: `Imported ${stored.length} lab${stored.length === 1 ? '' : 's'} from ${name}.${moveInHouse ? ' Tests of the labs it left out are performed in-house now.' : ''}` });
      list.reload();
    } catch (err) {
      if (err instanceof ApiError && !moveInHouse && /moveInHouse=true/.test(err.message)) {
        setStranded({ name, labs, message: err.message.replace(/,? or remove the lab with moveInHouse=true to have the in-house lab perform them\.?/, '.') });
      } else {
        setNotice({ kind: 'error', text: `Nothing was imported from ${name}${err instanceof ApiError ? filePlace(err.field) : ''}: ${message(err)}` });
      }
    } finally {
      setBusy(false);
    }
  }

  async function importFile(e: ChangeEvent<HTMLInputElement>) {
    const file = await chosenJsonFile(e);
    if (!file) return;
    if (file.value === undefined) setNotice({ kind: 'error', text: `Nothing was imported: ${file.name} is not JSON. Import a file exported here or by "allied labs export".` });
    else await importLabs(file.name, file.value, false);
  }

  function saved(lab: ReferenceLab, what: string) {
    setEditing(null);
    setNotice({ kind: 'success', text: `${lab.name} ${what}.` });
    list.reload();
  }

  const data = list.data;
  const labs = data?.labs ?? [];
  const sentTo = (id: string) => (data?.tests ?? []).filter((t) => t.performingLab === id);
  return (
    <section className="page" aria-labelledby="labs-title" data-testid="labs-page">
      <p className="muted small"><Link to="/lab/interfaces">← Interfaces desk</Link></p>
      <div className="section-head">
        <h1 id="labs-title">Reference labs</h1>
        <div className="actions">
          <button type="button" className="button" onClick={exportLabs} disabled={!data || labs.length === 0} data-testid="labs-export">Export</button>
          {admin && (
            <>
              <button type="button" className="button" onClick={() => fileInput.current?.click()} disabled={!data || busy} data-testid="labs-import">Import…</button>
              <input ref={fileInput} type="file" accept=".json,application/json" className="sr-only" onChange={(e) => void importFile(e)} data-testid="labs-import-file" tabIndex={-1} aria-hidden="true" />
              <button type="button" className="button primary" onClick={() => { setEditing('new'); setNotice(null); setRemoving(null); }} disabled={!data} data-testid="labs-add">Add lab</button>
            </>
          )}
        </div>
      </div>
      <p className="muted">Where orders for send-out tests go over HL7 (MLLP), and how each lab wants them. Which tests go to a lab is set in the catalogue (its performing lab).{admin ? '' : ' Only administrators change these settings.'}</p>
      {notice && (
        <p className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="labs-notice" data-kind={notice.kind}>
          {notice.text}
          <button type="button" className="notice-close" onClick={() => setNotice(null)} aria-label="Dismiss">×</button>
        </p>
      )}
      {stranded && (
        <div className="notice warn" role="alertdialog" aria-labelledby="labs-stranded-text" data-testid="labs-import-stranded">
          <p id="labs-stranded-text">{stranded.name} leaves out labs that still receive tests. {stranded.message}</p>
          <div className="actions">
            <button type="button" className="button" onClick={() => setStranded(null)} autoFocus data-testid="labs-import-cancel">Cancel: import nothing</button>
            <button type="button" className="button danger" onClick={() => void importLabs(stranded.name, stranded.labs, true)} disabled={busy} data-testid="labs-import-move">Move their tests in-house and import</button>
          </div>
        </div>
      )}
      {editing && data && (
        <LabForm key={editing === 'new' ? 'new' : editing.id} original={editing === 'new' ? null : editing} tests={data.tests} readOnly={!admin}
          onSaved={saved} onCancel={() => setEditing(null)} />
      )}
      {removing && data && (
        <RemoveLab lab={removing} tests={sentTo(removing.id)} waiting={data.outbox[removing.id]?.pending ?? 0} onCancel={() => setRemoving(null)}
          onDone={(text) => { setRemoving(null); setNotice({ kind: 'success', text }); list.reload(); }} />
      )}
      {list.error && <p className="notice error" role="alert">{list.error.message}</p>}
      {list.loading && !data && <p className="muted" role="status">Loading reference labs…</p>}
      {data && labs.length === 0 && <p className="empty">No reference labs yet: every test is performed in-house.{admin ? ' Add a lab to send tests out.' : ''}</p>}
      {labs.length > 0 && <LabTable data={data!} admin={admin} onEdit={(l) => { setEditing(l); setRemoving(null); setNotice(null); window.scrollTo(0, 0); }} onRemove={(l) => { setRemoving(l); setEditing(null); setNotice(null); }} />}
    </section>
  );
}

function LabTable({ data, admin, onEdit, onRemove }: { data: LabList; admin: boolean; onEdit: (l: ReferenceLab) => void; onRemove: (l: ReferenceLab) => void }) {
  return (
    <div className="table-wrap">
      <table className="table labs-table" style={{ minWidth: 0 }}>
        <thead>
          <tr>
            <th scope="col">Lab</th>
            <th scope="col">MLLP address</th>
            <th scope="col">Message</th>
            <th scope="col">Tests sent there</th>
            <th scope="col">Outbox</th>
            <th scope="col"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {data.labs.map((l) => {
            const tests = data.tests.filter((t) => t.performingLab === l.id && !t.retired);
            const box = data.outbox[l.id] ?? { pending: 0, failed: 0 };
            return (
              <tr key={l.id} data-testid="lab-row" data-lab={l.id}>
                <td><strong>{l.name}</strong> <span className="mono muted small">{l.id}</span></td>
                <td className="mono nowrap">{l.host}:{l.port}</td>
                <td className="nowrap">{l.profile.messageType}<br /><span className="muted small">OBR-4: {obr4Short[l.profile.obr4]}</span></td>
                <td title={tests.map(testName).join(', ')} data-testid="lab-row-tests">
                  <span className="num">{tests.length}</span>
                  {unmapped(l, tests).length > 0 && (
                    <span className="badge warn" title={`No lab code for ${unmapped(l, tests).map(testName).join(', ')}: their orders cannot be sent`} data-testid="lab-row-unmapped"> {unmapped(l, tests).length} without a lab code</span>
                  )}
                </td>
                <td data-testid="lab-row-outbox">
                  {box.failed > 0 && <span className="status status-failed">{box.failed >= 1000 ? '1000+' : box.failed} failed</span>}{' '}
                  {box.pending > 0 && <span className="status status-pending">{box.pending >= 1000 ? '1000+' : box.pending} waiting</span>}
                  {!box.failed && !box.pending && <span className="muted">all sent</span>}
                </td>
                <td>
                  <div className="actions">
                    <button type="button" className="button" onClick={() => onEdit(l)} data-testid="lab-edit">{admin ? 'Edit' : 'View'}</button>
                    {admin && <button type="button" className="button danger-outline" onClick={() => onRemove(l)} data-testid="lab-remove">Remove</button>}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Removing a lab: says which catalogue tests still go there; they move in-house only when the admin says so. */
function RemoveLab({ lab, tests, waiting, onCancel, onDone }: { lab: ReferenceLab; tests: LabCatalogueTest[]; waiting: number; onCancel: () => void; onDone: (text: string) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [stranded, setStranded] = useState(tests.length > 0);

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await interfacesApi.removeLab(lab.id, stranded);
      onDone(`${lab.name} removed.${stranded ? ' Its tests are performed in-house now.' : ''}`);
    } catch (err) {
      // the catalogue changed meanwhile: the server names the tests; ask again
      if (err instanceof ApiError && err.field === 'performingLab') setStranded(true);
      setError(message(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="card notice warn lab-remove" role="alertdialog" aria-labelledby="lab-remove-title" data-testid="lab-remove-confirm">
      <h2 id="lab-remove-title">Remove {lab.name}?</h2>
      {tests.length > 0 ? (
        <>
          <p>The catalogue still sends {tests.length} test{tests.length === 1 ? '' : 's'} to this lab:</p>
          <ul data-testid="lab-remove-tests">{tests.map((t) => <li key={t.code}>{testName(t)}{t.retired ? ' (retired)' : ''}</li>)}</ul>
          <p>Removing the lab moves {tests.length === 1 ? 'it' : 'them'} to the in-house lab. To send {tests.length === 1 ? 'it' : 'them'} to another lab instead, change the performing lab in the <Link to="/settings/catalogue">catalogue</Link> first.</p>
        </>
      ) : <p>No catalogue test is sent to this lab.</p>}
      {waiting > 0 && <p data-testid="lab-remove-waiting">{waiting} order message{waiting === 1 ? ' is' : 's are'} still waiting in the outbox for this lab: without the lab {waiting === 1 ? 'it' : 'they'} will fail, to be resent once a lab with this id is configured again.</p>}
      {error && <p className="field-error" role="alert" data-testid="lab-remove-error">{error}</p>}
      <div className="form-actions">
        <button type="button" className="button primary danger" onClick={() => void remove()} disabled={busy} data-testid="lab-remove-yes">
          {busy ? 'Removing…' : stranded ? 'Move tests in-house and remove' : 'Remove lab'}
        </button>
        <button type="button" className="button ghost" onClick={onCancel} disabled={busy} autoFocus>Cancel</button>
      </div>
    </div>
  );
}
