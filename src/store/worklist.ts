import type { Location, Patient, ServiceRequest, Task } from '@medplum/fhirtypes';
import type { Db } from './db.js';
import { OPEN_TASK_PREDICATE } from './schema.js';

export interface WorklistRow {
  task: Task;
  patient: Patient | null;
  location: Location | null;
  /** the ServiceRequest the task is based on, when asked for with `withOrder` */
  order?: ServiceRequest | null;
}

/**
 * A role's open tasks, STAT first then by due time. The WHERE clause repeats the partial index's
 * predicate word for word so that PostgreSQL answers from res_task_worklist(_loc)_idx, not a scan.
 */
export function worklistSql(withLocation: boolean, withOrder = false): string {
  // patient and location by primary key, per listed row: a join lets a planner with stale statistics
  // (PGlite has no autovacuum) scan every patient of the tenant for each task
  return `SELECT t.content AS task,
      (SELECT p.content FROM res_patient p WHERE p.tenant = t.tenant AND p.id = substr(t.sp_patient, 9) AND NOT p.deleted) AS patient,
      (SELECT l.content FROM res_location l WHERE l.tenant = t.tenant AND l.id = substr(t.sp_location, 10) AND NOT l.deleted) AS location${
        withOrder
          ? `,
      (SELECT o.content FROM res_servicerequest o WHERE o.tenant = t.tenant AND o.id = substr(t.content->'basedOn'->0->>'reference', 16) AND NOT o.deleted) AS "order"`
          : ''
      }
    FROM res_task t
    WHERE t.tenant = $1 AND t.sp_performer = $2${withLocation ? ' AND t.sp_location = $4' : ''}
      AND ${OPEN_TASK_PREDICATE.replace(/\b(deleted|sp_status)\b/g, 't.$1')}
    ORDER BY t.sp_priority_rank, t.sp_due_lo, t.id
    LIMIT $3`;
}

export async function worklistTasks(db: Db, tenant: string, role: string, opts: { location?: string; limit?: number; withOrder?: boolean } = {}): Promise<WorklistRow[]> {
  const params: unknown[] = [tenant, role, Math.min(opts.limit ?? 200, 1000)];
  if (opts.location) params.push(opts.location.includes('/') ? opts.location : `Location/${opts.location}`);
  const r = await db.query<WorklistRow>(worklistSql(!!opts.location, !!opts.withOrder), params, { prepare: true });
  return r.rows;
}
