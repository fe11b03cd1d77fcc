import type { Db } from './db.js';
import type { AuditRow } from './audit.js';

export interface AuditQuery {
  seq?: number;
  username?: string;
  patient?: string;
  operation?: string;
  resourceType?: string;
  from?: string;
  to?: string;
  offset: number;
  limit: number;
}

/** One tenant's audit trail, newest first. */
export async function searchAuditLog(db: Db, tenant: string, q: AuditQuery) {
  const params: unknown[] = [tenant];
  const conds = ['tenant = $1'];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    conds.push(sql.replace('?', `$${params.length}`));
  };
  if (q.seq) add('seq = ?', q.seq);
  if (q.username) add('lower(username) = lower(?)', q.username);
  if (q.patient) add('patient = ?', q.patient.includes('/') ? q.patient : `Patient/${q.patient}`);
  if (q.operation) add('operation = ?', q.operation);
  if (q.resourceType) add('resource_type = ?', q.resourceType);
  if (q.from) add('recorded >= ?::timestamptz', q.from);
  if (q.to) add('recorded <= ?::timestamptz', q.to);
  const where = conds.join(' AND ');
  const total = Number((await db.query<{ n: number }>(`SELECT count(*)::bigint AS n FROM audit_log WHERE ${where}`, params)).rows[0].n);
  const rows = await db.query<AuditRow>(`SELECT * FROM audit_log WHERE ${where} ORDER BY recorded DESC, seq DESC LIMIT ${q.limit} OFFSET ${q.offset}`, params);
  return {
    total,
    events: rows.rows.map((r) => ({
      seq: Number(r.seq),
      recorded: new Date(r.recorded).toISOString(),
      username: r.username,
      role: r.role,
      operation: r.operation,
      action: r.action,
      resourceType: r.resource_type,
      resourceId: r.resource_id,
      patient: r.patient,
      outcome: r.outcome,
      source: r.source,
      query: r.query,
      sealed: r.hash !== null,
    })),
  };
}
