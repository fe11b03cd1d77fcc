import { api } from '../api.js';
import { navigate, useLocation, withSearch } from '../router.js';
import { useFetch } from '../shell/useFetch.js';
import { AuditFilters } from './AuditFilters.js';
import { AuditTable } from './AuditTable.js';
import { auditQuery, filtersFrom, AUDIT_PAGE_SIZE, type AuditFilterValues } from './audit-query.js';

export function AuditPage() {
  const { pathname, search, href } = useLocation();
  const query = auditQuery(search);
  const result = useFetch(`audit:${href}`, (signal) => api.audit(query, signal));
  const offset = query.offset ?? 0;
  const total = result.data?.total ?? 0;
  const events = result.data?.events ?? [];

  const apply = (f: AuditFilterValues) => navigate(withSearch(pathname, search, { ...f, offset: undefined }));
  const page = (to: number) => navigate(withSearch(pathname, search, { offset: to > 0 ? String(to) : undefined }));

  return (
    <section className="page wide" aria-labelledby="audit-title" data-testid="audit-page">
      <h1 id="audit-title">Audit log</h1>
      <AuditFilters key={href} initial={filtersFrom(search)} onApply={apply} />
      {result.error && <p className="notice error" role="alert">{result.error.message}</p>}
      {!result.data && !result.error && <p role="status">Loading audit events…</p>}
      {result.data && (
        <>
          <div className="pager" aria-live="polite">
            <span data-testid="audit-range">
              {total === 0 ? 'No events match these filters.' : `${offset + 1}–${offset + events.length} of ${total}`}
            </span>
            <div className="actions">
              <button type="button" className="button" disabled={offset === 0 || result.loading} onClick={() => page(Math.max(0, offset - AUDIT_PAGE_SIZE))}>
                Previous
              </button>
              <button type="button" className="button" disabled={offset + events.length >= total || result.loading} onClick={() => page(offset + AUDIT_PAGE_SIZE)}>
                Next
              </button>
            </div>
          </div>
          {events.length > 0 && <AuditTable events={events} />}
        </>
      )}
    </section>
  );
}
