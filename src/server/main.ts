import type { FastifyInstance } from 'fastify';
import { openStore, type Store } from '../store/store.js';
import { analyzeChangedTables } from '../store/statistics.js';
import { validateResource } from '../fhir/validation/index.js';
import type { Issue, IssueCode } from '../fhir/errors.js';
import { guardTaskWrite } from '../services/tasks/transition.js';
import type { Resource, Task } from '@medplum/fhirtypes';
import { buildApp } from './app.js';
import { loadConfig, type ServerConfig } from './config.js';
import { ChangeHub } from './events.js';
import { acquireDataDirLock } from './lock.js';
import { startLabListener } from '../services/labs/listener.js';
import { startOutboxWorker } from '../services/labs/deliver.js';

/** The validator every write goes through: R4 StructureDefinitions, as OperationOutcome issues. */
export function fhirValidator(resource: unknown): Issue[] {
  return validateResource(resource).map((i) => ({ severity: i.severity, code: i.code as IssueCode, diagnostics: i.message, expression: [i.expression] }));
}

/** Business rules on every write, whichever door it came through. */
export function writeGuard(previous: Resource | undefined, next: Resource): void {
  if (next.resourceType === 'Task') guardTaskWrite(previous as Task | undefined, next as Task);
}

/** Opens the configured database with Allied's validator and guards. */
export async function openConfiguredStore(config: Pick<ServerConfig, 'databaseUrl' | 'dataDir'> & Partial<Pick<ServerConfig, 'dbPoolSize'>>, log?: (m: string) => void): Promise<Store> {
  return openStore({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.dataDir, poolSize: config.dbPoolSize, validate: fhirValidator, guard: writeGuard, log });
}

export interface RunningServer {
  app: FastifyInstance;
  store: Store;
  url: string;
  /** the HL7 MLLP listener's port, when it runs */
  mllpPort: number | null;
  close(): Promise<void>;
}

/** Starts Allied: database, migrations, HTTP server, live change feed and the audit sealer. */
export async function startServer(overrides: Partial<ServerConfig> = {}, opts: { store?: Store; log?: (m: string) => void } = {}): Promise<RunningServer> {
  const config = loadConfig(process.env, overrides);
  const release = !opts.store && !config.databaseUrl ? acquireDataDirLock(config.dataDir) : () => undefined;
  let store: Store;
  try {
    store = opts.store ?? (await openConfiguredStore(config, opts.log));
  } catch (error) {
    release();
    throw error;
  }
  const hub = new ChangeHub();
  await hub.start(store.db);
  const app = await buildApp(store, config, hub);
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const lab = config.mllpPort === null ? null : await startLabListener(store.repo, { port: config.mllpPort, host: config.host, tenant: config.mllpTenant }).catch((error) => {
    app.log.warn({ err: (error as Error).message }, 'the HL7 listener could not start; results from reference labs will not arrive');
    return null;
  });
  const stopWorker = startOutboxWorker(store.db);
  // Seal the audit chain in small batches with pauses between them: one long sealing transaction
  // would hold PGlite (a single connection) and stall every request behind it.
  let sealing = false;
  const sealer = setInterval(() => {
    if (sealing) return;
    sealing = true;
    (async () => {
      for (let i = 0; i < 20 && (await store.audit.seal(500)) === 500; i++) await new Promise((r) => setTimeout(r, 25));
    })()
      .catch((e) => app.log.warn({ err: (e as Error).message }, 'audit sealing failed'))
      .finally(() => {
        sealing = false;
      });
  }, 1000);
  sealer.unref();
  // PGlite has no autovacuum: refresh the planner's statistics now and then, or plans go stale as data grows;
  // PostgreSQL's autovacuum may be off or behind: the tables that changed a lot are analysed every 10 s
  const analyze =
    store.db.kind === 'pglite'
      ? setInterval(() => void store.db.exec('ANALYZE').catch(() => undefined), 5 * 60_000)
      : setInterval(() => void analyzeChangedTables(store.db).catch((e) => app.log.warn({ err: (e as Error).message }, 'refreshing statistics failed')), 10_000);
  analyze?.unref();
  if (store.db.kind === 'pglite') void store.db.exec('ANALYZE').catch(() => undefined);
  let closed = false;
  return {
    app,
    store,
    url: `http://${config.host}:${port}`,
    mllpPort: lab?.port ?? null,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(sealer);
      if (analyze) clearInterval(analyze);
      await stopWorker();
      await lab?.close();
      await app.close();
      await hub.close();
      await store.audit.close();
      await store.audit.seal().catch(() => 0);
      if (!opts.store) await store.close();
      release();
    },
  };
}
