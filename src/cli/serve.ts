import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { CliCommand } from './command.js';
import { CliUsageError } from './command.js';
import { startServer } from '../server/main.js';
import { loadConfig } from '../server/config.js';
import { listTenants } from '../store/users.js';
import { seedDemo, DEMO_TENANT } from '../services/seed/demo.js';
import { demoOrganisation } from '../services/demo/index.js';
import { progressBar } from './progress.js';
import { describeDatabase } from './context.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Builds the web app if it is missing (a fresh clone), so `npm start` is the only step. */
function ensureWebBuilt(webDir: string, err: (t: string) => void): void {
  if (existsSync(`${webDir}/index.html`) || !existsSync(`${root}src/web/vite.config.ts`)) return;
  err('Building the web app (first start only)...\n');
  const r = spawnSync(process.execPath, [`${root}node_modules/vite/bin/vite.js`, 'build', '--config', 'src/web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) err('warning: the web app did not build; the API still works. Run "npm run build:web" to see why.\n');
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'run the Allied server (web app, FHIR API, app API)',
  usage: 'allied serve [--port 8080] [--host 127.0.0.1] [--demo-if-empty] [--workers N|auto] (workers: PostgreSQL only)',
  async run(argv, io) {
    const { values } = parseArgs({ args: argv, options: { port: { type: 'string' }, host: { type: 'string' }, 'demo-if-empty': { type: 'boolean' }, workers: { type: 'string' } }, strict: true });
    const port = values.port !== undefined ? Number(values.port) : undefined;
    if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new CliUsageError(`--port "${values.port}" is not a port number`);
    const config = loadConfig(process.env, { ...(port !== undefined ? { port } : {}), ...(values.host ? { host: values.host } : {}) });
    const workersText = values.workers ?? process.env.ALLIED_WORKERS ?? '1';
    const workers = workersText === 'auto' ? availableParallelism() : Number(workersText);
    if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new CliUsageError(`--workers "${workersText}" must be a whole number from 1 to 64, or auto`);
    if (workers > 1 && !config.databaseUrl) throw new CliUsageError('several workers need PostgreSQL (DATABASE_URL): PGlite is one process\'s database');
    if (cluster.isWorker) return runWorker(config);
    ensureWebBuilt(config.webDir, io.err);
    if (workers > 1) return runCluster(config, workers, io);
    const server = await startServer(config, { log: (m) => io.err(`${m}\n`) });
    let demoNote = '';
    const tenants = await listTenants(server.store.db);
    if (!tenants.length && values['demo-if-empty'] && !config.databaseUrl) {
      io.err('First start: loading the demo organisation...\n');
      await seedDemo(server.store, { onProgress: progressBar(io, 'demo patients') });
      demoNote = 'demo';
    } else if (tenants.some((t) => t.id === DEMO_TENANT)) demoNote = 'demo';
    io.out(`\nAllied is running at ${server.url}  (database: ${describeDatabase()})\n`);
    if (demoNote) {
      io.out('Demo logins (one per role):\n');
      for (const u of demoOrganisation({ tenant: DEMO_TENANT }).users) io.out(`  ${u.role.padEnd(22)} ${u.username.padEnd(22)} ${u.password}\n`);
    } else if (!tenants.length) {
      io.out('The database is empty. Create the first administrator:\n  allied user add --tenant ORG --username admin --role admin\nor load the demo: allied seed --demo\n');
    }
    io.out(`FHIR R4: ${server.url}/fhir/R4   health: ${server.url}/readyz\nPress Ctrl+C to stop.\n`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        io.err('\nStopping...\n');
        void Promise.race([server.close(), new Promise((r) => setTimeout(r, 10_000))]).then(() => resolve());
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    setTimeout(() => process.exit(0), 1000).unref();
    return 0;
  },
};

/** One of several server processes sharing the port (PostgreSQL holds all state). */
async function runWorker(config: ReturnType<typeof loadConfig>): Promise<number> {
  const server = await startServer(config);
  await new Promise<void>((resolve) => process.once('SIGTERM', () => void Promise.race([server.close(), new Promise((r) => setTimeout(r, 5000))]).then(() => resolve())));
  // a connection that will not close must not keep a stopped worker alive
  setTimeout(() => process.exit(0), 3000).unref();
  return 0;
}

/** Migrates once, then forks the workers; a worker that dies is replaced. */
async function runCluster(config: ReturnType<typeof loadConfig>, workers: number, io: Parameters<CliCommand['run']>[1]): Promise<number> {
  const { openConfiguredStore } = await import('../server/main.js');
  const store = await openConfiguredStore(config, (m) => io.err(`${m}\n`));
  await store.close();
  let stopping = false;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on('exit', (worker, code) => {
    if (stopping) return;
    io.err(`worker ${worker.process.pid} exited (${code}); starting another\n`);
    cluster.fork();
  });
  io.out(`\nAllied is running at http://${config.host}:${config.port} with ${workers} workers (database: ${describeDatabase()})\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
      setTimeout(resolve, 500);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
