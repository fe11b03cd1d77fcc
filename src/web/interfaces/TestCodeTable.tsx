import type { CodeRow } from './lab-draft.js';
import type { LabCatalogueTest } from './models.js';

interface Props {
  rows: CodeRow[];
  onChange: (rows: CodeRow[]) => void;
  /** the catalogue's lab tests; those this lab performs first */
  tests: LabCatalogueTest[];
  labId: string;
  disabled: boolean;
  /** the input id a server error points at, and its message */
  error: { id?: string; message: string } | null;
}

const testLabel = (t: LabCatalogueTest) => `${t.display} (${t.code}) · ${t.sentAs.system === 'LN' ? 'LOINC' : 'code'} ${t.sentAs.code}${t.retired ? ' · retired' : ''}`;

/** Our test (as its orders carry it) -> the lab's code, text and coding system, one row each. */
export function TestCodeTable({ rows, onChange, tests, labId, disabled, error }: Props) {
  const here = tests.filter((t) => t.performingLab === labId && labId);
  const others = tests.filter((t) => !(t.performingLab === labId && labId));
  const unmapped = here.filter((t) => !t.retired && !rows.some((r) => r.ours === t.sentAs.code));
  const set = (i: number, change: Partial<CodeRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...change } : r)));
  const errorAt = (id: string) => (error?.id === id ? error.message : undefined);
  const tableError = errorAt('lab-profile-testCodes');

  return (
    <div className="lab-codes" id="lab-profile-testCodes" tabIndex={-1} data-testid="lab-codes">
      {rows.length === 0 && <p className="muted">No test codes mapped.</p>}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table className="table lab-code-table">
            <thead>
              <tr>
                <th scope="col">Our test (catalogue)</th>
                <th scope="col">Lab's code</th>
                <th scope="col">Lab's name for it <span className="optional">optional</span></th>
                <th scope="col">Coding system <span className="optional">default L</span></th>
                <th scope="col"><span className="sr-only">Remove</span></th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => {
                const known = tests.some((t) => t.sentAs.code === r.ours);
                const cell = (key: 'code' | 'display' | 'system', label: string, placeholder?: string) => {
                  const id = `lab-testcode-${i}-${key}`;
                  const msg = errorAt(id);
                  return (
                    <td>
                      <input id={id} type="text" aria-label={`${label}, row ${i + 1}`} value={r[key]} placeholder={placeholder} disabled={disabled}
                        onChange={(e) => set(i, { [key]: e.target.value })} aria-invalid={msg ? true : undefined} data-testid={`lab-testcode-${key}`} />
                      {msg && <p className="field-error" role="alert" data-testid="lab-field-error">{msg}</p>}
                    </td>
                  );
                };
                return (
                  <tr key={i} data-testid="lab-testcode-row">
                    <td>
                      <select id={`lab-testcode-${i}-ours`} aria-label={`Our test, row ${i + 1}`} value={r.ours} disabled={disabled} onChange={(e) => set(i, { ours: e.target.value })} data-testid="lab-testcode-ours">
                        <option value="">Choose a test…</option>
                        {!known && r.ours && <option value={r.ours}>{r.ours} (not in the catalogue)</option>}
                        {here.length > 0 && (
                          <optgroup label="Sent to this lab">
                            {here.map((t) => <option key={t.code} value={t.sentAs.code}>{testLabel(t)}</option>)}
                          </optgroup>
                        )}
                        <optgroup label={here.length ? 'Other tests' : 'Catalogue lab tests'}>
                          {others.map((t) => <option key={t.code} value={t.sentAs.code}>{testLabel(t)}</option>)}
                        </optgroup>
                      </select>
                    </td>
                    {cell('code', 'Lab\'s code', 'e.g. 004259')}
                    {cell('display', 'Lab\'s name for it')}
                    {cell('system', 'Coding system', 'L')}
                    <td>
                      {!disabled && (
                        <button type="button" className="button ghost" aria-label={`Remove mapping ${i + 1}`} onClick={() => onChange(rows.filter((_, j) => j !== i))} data-testid="lab-testcode-remove">Remove</button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {tableError && <p className="field-error" role="alert" data-testid="lab-field-error">{tableError}</p>}
      {!disabled && (
        <div className="actions">
          <button type="button" className="button" onClick={() => onChange([...rows, { ours: '', code: '', display: '', system: '' }])} data-testid="lab-testcode-add">Add a mapping</button>
          {unmapped.length > 0 && (
            <button type="button" className="button" onClick={() => onChange([...rows.filter((r) => r.ours || r.code), ...unmapped.map((t) => ({ ours: t.sentAs.code, code: '', display: '', system: '' }))])} data-testid="lab-testcode-add-sent">
              Add rows for the {unmapped.length} unmapped test{unmapped.length === 1 ? '' : 's'} sent here
            </button>
          )}
        </div>
      )}
    </div>
  );
}
