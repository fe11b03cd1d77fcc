import type { AuditQuery } from '../models.js';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilterValues {
  username: string;
  patient: string;
  operation: string;
  from: string;
  to: string;
}

export function filtersFrom(search: URLSearchParams): AuditFilterValues {
  return {
    username: search.get('username') ?? '',
    patient: search.get('patient') ?? '',
    operation: search.get('operation') ?? '',
    from: search.get('from') ?? '',
    to: search.get('to') ?? '',
  };
}

/** A calendar date in the user's time zone as the instant it starts (or ends, for "to"). */
function dayBoundary(date: string, end: boolean): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const [y, m, d] = date.split('-').map(Number);
  const t = end ? new Date(y, m - 1, d + 1).getTime() - 1 : new Date(y, m - 1, d).getTime();
  return new Date(t).toISOString();
}

/** The URL's filters as a `GET /api/audit` query; the date range covers whole local days. */
export function auditQuery(search: URLSearchParams): AuditQuery {
  const f = filtersFrom(search);
  const offset = Math.max(0, Number(search.get('offset')) || 0);
  return {
    username: f.username || undefined,
    patient: f.patient || undefined,
    operation: f.operation || undefined,
    from: dayBoundary(f.from, false),
    to: dayBoundary(f.to, true),
    offset,
    limit: AUDIT_PAGE_SIZE,
  };
}
