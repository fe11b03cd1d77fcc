import pg from 'pg';
import { openStore, type Store, type StoreConfig } from './store.js';

/** Where the integration tests find PostgreSQL (CI starts it on 127.0.0.1:5432 with trust auth). */
export const TEST_PG_URL = process.env.ALLIED_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let counter = 0;

/** A fresh, empty PostgreSQL database for one test file; dropped by the returned cleanup. */
export async function freshPostgresUrl(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `allied_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: TEST_PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestBackend {
  name: 'pglite' | 'postgres';
  open(config?: Partial<StoreConfig>): Promise<Store & { cleanup(): Promise<void> }>;
}

/** The two databases every store test runs against. */
export const testBackends: TestBackend[] = [
  {
    name: 'pglite',
    async open(config = {}) {
      const store = await openStore({ ...config });
      return { ...store, cleanup: () => store.close() };
    },
  },
  {
    name: 'postgres',
    async open(config = {}) {
      const { url, drop } = await freshPostgresUrl();
      const store = await openStore({ ...config, databaseUrl: url });
      return {
        ...store,
        async cleanup() {
          await store.close();
          await drop();
        },
      };
    },
  },
];
