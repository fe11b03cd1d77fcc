import type { Role } from '../fhir/systems.js';
import { openStore, type Store } from '../store/store.js';
import { freshPostgresUrl } from '../store/testing.js';
import { seedDemo } from '../services/seed/demo.js';
import { fhirValidator, startServer, writeGuard, type RunningServer } from './main.js';

export interface TestServer {
  url: string;
  server: RunningServer;
  store: Store;
  logins: Record<Role, { username: string; password: string }>;
  close(): Promise<void>;
}

/**
 * The real server on a free port with the demo organisation loaded: in-memory PGlite by default,
 * or a fresh PostgreSQL database. For integration and browser tests.
 */
export async function startTestServer(opts: { backend?: 'pglite' | 'postgres'; patients?: number } = {}): Promise<TestServer> {
  let drop: (() => Promise<void>) | undefined;
  let databaseUrl: string | undefined;
  if (opts.backend === 'postgres') {
    const fresh = await freshPostgresUrl();
    databaseUrl = fresh.url;
    drop = fresh.drop;
  }
  const store = await openStore({ databaseUrl, validate: fhirValidator, guard: writeGuard });
  const { users } = await seedDemo(store, { patients: opts.patients ?? 25 });
  const server = await startServer({ port: 0, mllpPort: 0, host: '127.0.0.1', logLevel: process.env.ALLIED_LOG_LEVEL === 'debug' ? 'debug' : 'silent', databaseUrl }, { store });
  const logins = Object.fromEntries(users.map((u) => [u.role, { username: u.username, password: u.password }])) as TestServer['logins'];
  return {
    url: server.url,
    server,
    store,
    logins,
    async close() {
      await server.close();
      await store.close();
      await drop?.();
    },
  };
}
