import { createHash } from 'node:crypto';
import type { Db } from '../db.js';
import { resourceTablesDdl, searchLayoutHash } from '../schema.js';
import { migrations as builtIn, type Migration } from './list.js';

const LOCK_KEY = 7_042_001; // advisory lock: one migrator at a time across processes

export interface MigrationStatus {
  applied: number[];
  pending: number[];
  layoutCurrent: boolean;
}

const checksum = (m: Migration) => createHash('sha256').update(m.sql).digest('hex').slice(0, 16);

async function ensureLedger(db: Db): Promise<void> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
    version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
}

export async function migrationStatus(db: Db, list: Migration[] = builtIn): Promise<MigrationStatus> {
  await ensureLedger(db);
  const { rows } = await db.query<{ version: number }>('SELECT version FROM schema_migration ORDER BY version');
  const applied = rows.map((r) => Number(r.version));
  const pending = list.map((m) => m.version).filter((v) => !applied.includes(v));
  let layoutCurrent = false;
  if (!pending.length) {
    const r = await db.query<{ hash: string }>('SELECT hash FROM search_layout WHERE id = 1');
    layoutCurrent = r.rows[0]?.hash === searchLayoutHash();
  }
  return { applied, pending, layoutCurrent };
}

/**
 * Applies pending migrations, each in its own transaction (a failure rolls that one back whole and
 * stops), then brings the resource tables in line with the search-parameter registry.
 * Returns the versions applied. `reindex` recomputes search columns when the layout changed.
 */
export async function migrate(
  db: Db,
  opts: { list?: Migration[]; reindex?: (db: Db) => Promise<void>; log?: (msg: string) => void } = {},
): Promise<number[]> {
  const list = [...(opts.list ?? builtIn)].sort((a, b) => a.version - b.version);
  await ensureLedger(db);
  const done: number[] = [];
  for (const m of list) {
    const applied = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
      const existing = await tx.query<{ checksum: string }>('SELECT checksum FROM schema_migration WHERE version = $1', [m.version]);
      if (existing.rows.length) {
        if (existing.rows[0].checksum !== checksum(m)) {
          opts.log?.(`warning: migration ${m.version} (${m.name}) changed after it was applied`);
        }
        return false;
      }
      try {
        await tx.exec(m.sql);
      } catch (error) {
        throw new Error(`migration ${m.version} (${m.name}) failed and was rolled back: ${(error as Error).message}`, { cause: error });
      }
      await tx.query('INSERT INTO schema_migration (version, name, checksum) VALUES ($1, $2, $3)', [m.version, m.name, checksum(m)]);
      return true;
    });
    if (applied) {
      done.push(m.version);
      opts.log?.(`applied migration ${m.version}: ${m.name}`);
    }
  }
  const hash = searchLayoutHash();
  const current = await db.query<{ hash: string }>('SELECT hash FROM search_layout WHERE id = 1');
  if (current.rows[0]?.hash !== hash) {
    await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
      for (const stmt of resourceTablesDdl()) await tx.exec(stmt);
      if (current.rows.length && opts.reindex) await opts.reindex(tx);
      await tx.query(
        `INSERT INTO search_layout (id, hash) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET hash = EXCLUDED.hash, updated_at = now()`,
        [hash],
      );
    });
    opts.log?.('resource tables are in line with the search parameters');
  }
  return done;
}
