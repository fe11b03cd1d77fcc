import type { Db } from './db.js';

/** Per-organisation settings, one JSON value per key (e.g. "domain": the DEFAULT rule overrides). */
export async function getSetting<T = unknown>(db: Db, tenant: string, key: string): Promise<T | undefined> {
  const r = await db.query<{ value: T }>('SELECT value FROM setting WHERE tenant = $1 AND key = $2', [tenant, key]);
  return r.rows[0]?.value;
}

export async function putSetting(db: Db, tenant: string, key: string, value: unknown): Promise<void> {
  await db.query(
    `INSERT INTO setting (tenant, key, value) VALUES ($1, $2, $3::jsonb)
     ON CONFLICT (tenant, key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
    [tenant, key, JSON.stringify(value)],
  );
}

/**
 * Reads, changes and writes one setting in a single transaction with its row locked, so two
 * writers at once do not lose each other's change. With `initial`, a missing row is first created
 * with it (so even the first two writers queue on one row); without, `change` gets undefined.
 */
export async function updateSetting<T>(db: Db, tenant: string, key: string, change: (current: T | undefined) => T | Promise<T>, initial?: () => T): Promise<T> {
  return db.transaction(async (tx) => {
    if (initial) await tx.query('INSERT INTO setting (tenant, key, value) VALUES ($1, $2, $3::jsonb) ON CONFLICT (tenant, key) DO NOTHING', [tenant, key, JSON.stringify(initial())]);
    const r = await tx.query<{ value: T }>('SELECT value FROM setting WHERE tenant = $1 AND key = $2 FOR UPDATE', [tenant, key]);
    const next = await change(r.rows[0]?.value);
    await putSetting(tx, tenant, key, next);
    return next;
  });
}

/**
 * Runs `fn` in one transaction holding the lock of one setting's row (created with `initial` when
 * missing): changes that read the setting, check it against other data and write it back queue
 * behind each other instead of one silently undoing the other.
 */
export async function withSettingLocked<T>(db: Db, tenant: string, key: string, initial: unknown, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query('INSERT INTO setting (tenant, key, value) VALUES ($1, $2, $3::jsonb) ON CONFLICT (tenant, key) DO NOTHING', [tenant, key, JSON.stringify(initial)]);
    await tx.query('SELECT 1 FROM setting WHERE tenant = $1 AND key = $2 FOR UPDATE', [tenant, key]);
    return fn(tx);
  });
}
