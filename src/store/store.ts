import { openDb, type Db } from './db.js';
import { migrate } from './migrations/runner.js';
import { AuditLog } from './audit.js';
import { Repository, type Validator } from './repository.js';
import { columnPlan } from './columns.js';
import { storedResourceTypes } from '../fhir/search/registry.js';
import { tableOf } from './schema.js';

export const CHANGES_CHANNEL = 'allied_changes';

export interface Store {
  db: Db;
  repo: Repository;
  audit: AuditLog;
  close(): Promise<void>;
}

export interface StoreConfig {
  databaseUrl?: string;
  dataDir?: string;
  poolSize?: number;
  validate?: Validator;
  guard?: (previous: import('@medplum/fhirtypes').Resource | undefined, next: import('@medplum/fhirtypes').Resource) => void;
  log?: (msg: string) => void;
  /** run migrations on open (default true) */
  migrate?: boolean;
}

/** Recomputes every row's search columns (after the search-parameter layout changed). */
export async function reindexAll(db: Db): Promise<void> {
  for (const type of storedResourceTypes) {
    const plan = columnPlan(type);
    if (!plan.names.length) continue;
    const table = tableOf(type);
    for (let after = ''; ; ) {
      const r = await db.query<{ tenant: string; id: string; content: unknown }>(`SELECT tenant, id, content FROM ${table} WHERE NOT deleted AND id > $1 ORDER BY id LIMIT 500`, [after]);
      if (!r.rows.length) break;
      for (const row of r.rows) {
        const values = plan.values(row.content);
        await db.query(
          `UPDATE ${table} SET ${plan.names.map((n, i) => `${n} = $${i + 3}::${plan.casts[i]}`).join(', ')} WHERE tenant = $1 AND id = $2`,
          [row.tenant, row.id, ...values],
        );
      }
      after = r.rows[r.rows.length - 1].id;
    }
  }
}

/** Opens the database, brings its schema up to date and returns the repository over it. */
export async function openStore(config: StoreConfig): Promise<Store> {
  const db = await openDb(config);
  try {
    if (config.migrate !== false) await migrate(db, { reindex: reindexAll, log: config.log });
  } catch (error) {
    await db.close();
    throw error;
  }
  const audit = new AuditLog(db);
  const repo = new Repository(db, { validate: config.validate, guard: config.guard, audit, notifyChannel: CHANGES_CHANNEL });
  return {
    db,
    repo,
    audit,
    async close() {
      await audit.close();
      await db.close();
    },
  };
}
