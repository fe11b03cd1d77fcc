import type { Db } from './db.js';

/**
 * Inserts n synthetic Tasks straight into res_task (for worklist benchmarks and plan tests):
 * four performer roles, 20 locations, a realistic mix where most tasks are already done.
 */
export async function insertSyntheticTasks(db: Db, tenant: string, n: number, batch = 100_000): Promise<void> {
  for (let from = 1; from <= n; from += batch) {
    const to = Math.min(n, from + batch - 1);
    await db.query(
      `INSERT INTO res_task (tenant, id, version, last_updated, deleted, content, sp_performer, sp_status, sp_priority, sp_priority_rank, sp_due_lo, sp_due_hi, sp_location, sp_patient)
       SELECT $1, 'syn-' || g, 1, now(), false,
         jsonb_build_object('resourceType', 'Task', 'id', 'syn-' || g, 'intent', 'order',
           'status', s.status, 'priority', s.priority, 'description', 'Synthetic task ' || g,
           'performerType', jsonb_build_array(jsonb_build_object('coding', jsonb_build_array(jsonb_build_object('system', 'urn:allied:role', 'code', s.role)))),
           'location', jsonb_build_object('reference', 'Location/loc-' || (g % 20)),
           'for', jsonb_build_object('reference', 'Patient/pat-' || (g % 5000)),
           'restriction', jsonb_build_object('period', jsonb_build_object('end', to_char(s.due AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))),
           'meta', jsonb_build_object('versionId', '1')),
         s.role, s.status, s.priority, s.rank, s.due, s.due, 'Location/loc-' || (g % 20), 'Patient/pat-' || (g % 5000)
       FROM generate_series($2::int, $3::int) g,
       LATERAL (SELECT
         (ARRAY['phlebotomist', 'imaging_technologist', 'respiratory_therapist', 'coder'])[1 + g % 4] AS role,
         CASE WHEN g % 50 < 47 THEN 'completed' ELSE (ARRAY['requested', 'accepted', 'in-progress'])[1 + g % 3] END AS status,
         (ARRAY['routine', 'routine', 'routine', 'urgent', 'asap', 'stat'])[1 + g % 6] AS priority,
         (ARRAY[3, 3, 3, 2, 1, 0])[1 + g % 6]::smallint AS rank,
         timestamptz '2026-11-24 06:00:00+00' + ((g % 1440) || ' minutes')::interval AS due) s
       ON CONFLICT DO NOTHING`,
      [tenant, from, to],
    );
  }
  await db.exec('ANALYZE res_task');
}
