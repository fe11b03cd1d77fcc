import type { Db } from './db.js';

/**
 * The next value of a per-organisation counter (accession numbers, manifests). Gap-free within a
 * committed transaction: the row lock serialises concurrent callers, and a rollback returns the value.
 */
export async function nextCounter(db: Db, tenant: string, name: string, count = 1): Promise<number> {
  const r = await db.query<{ value: number }>(
    `INSERT INTO counter (tenant, name, value) VALUES ($1, $2, $3)
     ON CONFLICT (tenant, name) DO UPDATE SET value = counter.value + $3
     RETURNING value`,
    [tenant, name, count],
  );
  return Number(r.rows[0].value) - count + 1;
}
