import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface QueryOptions {
  /**
   * Hot SQL with a fixed text (values only in parameters): on PostgreSQL each connection parses it
   * once as a named prepared statement and may reuse the plan, instead of parsing and planning it
   * on every call. Never for SQL that embeds values, or the statements pile up.
   */
  prepare?: boolean;
}

/** A connection to the record: PGlite (embedded) or PostgreSQL. The same SQL runs on both. */
export interface Db {
  readonly kind: 'pglite' | 'postgres';
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], opts?: QueryOptions): Promise<QueryResult<T>>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs fn in one transaction: all of it commits, or none of it. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /** Calls handler with the payload of every NOTIFY on channel; returns the way to stop listening. */
  listen(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const noListen = async (): Promise<() => Promise<void>> => {
  throw new Error('cannot LISTEN inside a transaction');
};

/** Opens PGlite in a data folder (created if missing), or in memory when dataDir is undefined. */
export async function openPglite(dataDir?: string): Promise<Db> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const lite = await PGlite.create(dataDir ?? 'memory://', { extensions: { pg_trgm } });
  await lite.exec('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  return pgliteDb(lite);
}

function pgliteDb(lite: PGlite): Db {
  type Tx = Parameters<Parameters<PGlite['transaction']>[0]>[0];
  const wrapTx = (tx: Tx): Db => ({
    kind: 'pglite',
    async query<T>(sql: string, params?: unknown[]) {
      const r = await tx.query<T>(sql, params as any[]);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
    async exec(sql: string) {
      await tx.exec(sql);
    },
    async transaction<T>(fn: (inner: Db) => Promise<T>) {
      // already inside one: PGlite has no nested transactions, so join the outer one
      return fn(wrapTx(tx));
    },
    listen: noListen,
    async close() {},
  });
  return {
    kind: 'pglite',
    async query<T>(sql: string, params?: unknown[]) {
      const r = await lite.query<T>(sql, params as any[]);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
    async exec(sql: string) {
      await lite.exec(sql);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>) {
      return lite.transaction((tx) => fn(wrapTx(tx)));
    },
    async listen(channel: string, handler: (payload: string) => void) {
      const stop = await lite.listen(channel, handler);
      return async () => stop();
    },
    async close() {
      await lite.close();
    },
  };
}

// Return timestamps and bigints as strings: the record keeps the exact text PostgreSQL gave.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** Prepared statement names by SQL text; beyond MAX_PREPARED distinct texts, the rest run unnamed. */
const statementNames = new Map<string, string>();
const MAX_PREPARED = 500;

function statementOf(sql: string, params: unknown[] | undefined, opts: QueryOptions | undefined): pg.QueryConfig {
  let name = opts?.prepare ? statementNames.get(sql) : undefined;
  if (opts?.prepare && !name && statementNames.size < MAX_PREPARED) {
    name = 'allied_' + createHash('sha1').update(sql).digest('base64url').slice(0, 20);
    statementNames.set(sql, name);
  }
  return { name, text: sql, values: params };
}

/** Opens a PostgreSQL pool from a connection URL. */
export async function openPostgres(url: string, poolSize = 10): Promise<Db> {
  // idle connections live a minute: a fresh backend re-reads the catalogue and re-prepares statements
  const pool = new pg.Pool({ connectionString: url, max: poolSize, idleTimeoutMillis: 60_000 });
  pool.on('error', () => {
    /* an idle client died (server restart); the pool replaces it on the next query */
  });
  const client = await pool.connect(); // fail fast with a clear error when unreachable
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  } finally {
    client.release();
  }
  const listeners = new Set<pg.Client>();
  const clientDb = (c: pg.PoolClient): Db => ({
    kind: 'postgres',
    async query<T>(sql: string, params?: unknown[], opts?: QueryOptions) {
      const r = await c.query(statementOf(sql, params, opts));
      return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
    },
    async exec(sql: string) {
      await c.query(sql);
    },
    async transaction<T>(fn: (inner: Db) => Promise<T>) {
      return fn(clientDb(c));
    },
    listen: noListen,
    async close() {},
  });
  return {
    kind: 'postgres',
    async query<T>(sql: string, params?: unknown[], opts?: QueryOptions) {
      const r = await pool.query(statementOf(sql, params, opts));
      return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>) {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        const result = await fn(clientDb(c));
        await c.query('COMMIT');
        return result;
      } catch (error) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        c.release();
      }
    },
    async listen(channel: string, handler: (payload: string) => void) {
      // a dedicated connection: LISTEN belongs to one session
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      client.on('notification', (n) => {
        if (n.channel === channel && n.payload !== undefined) handler(n.payload);
      });
      client.on('error', () => undefined);
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      listeners.add(client);
      return async () => {
        listeners.delete(client);
        await client.end().catch(() => undefined);
      };
    },
    async close() {
      for (const c of listeners) await c.end().catch(() => undefined);
      await pool.end();
    },
  };
}

/** DATABASE_URL selects PostgreSQL; otherwise PGlite in dataDir. */
export async function openDb(opts: { databaseUrl?: string; dataDir?: string; poolSize?: number }): Promise<Db> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize);
  return openPglite(opts.dataDir);
}
