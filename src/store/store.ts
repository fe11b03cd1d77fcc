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

/**
 * Recomputes every row's search columns (after the search-parameter layout changed), 500 rows to a
 * statement; a row whose values did not change is not rewritten.
 */
export async function reindexAll(db: Db): Promise<void> {
  for (const type of storedResourceTypes) {
    const plan = columnPlan(type);
    if (!plan.names.length) continue;
    const table = tableOf(type);
    const update = `UPDATE ${table} t SET ${plan.names.map((n) => `${n} = r.${n}`).join(', ')}
      FROM jsonb_to_recordset($1::jsonb) AS r(tenant text, id text, ${plan.names.map((n, i) => `${n} ${plan.casts[i]}`).join(', ')})
      WHERE t.tenant = r.tenant AND t.id = r.id
        AND (${plan.names.map((n) => `t.${n}`).join(', ')}) IS DISTINCT FROM (${plan.names.map((n) => `r.${n}`).join(', ')})`;
    for (let after = ['', '']; ; ) {
      const r = await db.query<{ tenant: string; id: string; content: unknown }>(
        `SELECT tenant, id, content FROM ${table} WHERE NOT deleted AND (tenant, id) > ($1, $2) ORDER BY tenant, id LIMIT 500`,
        after,
      );
      if (!r.rows.length) break;
      const rows = r.rows.map((row) => {
        const values = plan.values(row.content);
        return Object.fromEntries([['tenant', row.tenant], ['id', row.id], ...plan.names.map((n, i) => [n, values[i]])]);
      });
      await db.query(update, [JSON.stringify(rows)]);
      const last = r.rows[r.rows.length - 1];
      after = [last.tenant, last.id];
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
