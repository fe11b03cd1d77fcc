/**
 * npm run bench:fhir — the FHIR API under load, on PGlite and on PostgreSQL, auditing on.
 * The server runs as its own process(es) (`allied serve`, one worker per core on PostgreSQL);
 * autocannon drives it from this process. Each scenario runs at 10 and 50 connections.
 *   BENCH_SECONDS=20 (per run)  BENCH_BACKENDS=pglite,postgres  BENCH_TASKS=100000,1000000
 */
import autocannon from 'autocannon';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { freshPostgresUrl } from '../src/store/testing.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'pglite,postgres').split(',');
const TASK_SIZES = (process.env.BENCH_TASKS ?? '100000,1000000').split(',').map(Number);
const PATIENTS = 2000;
const BIN = new URL('../bin/allied.mjs', import.meta.url).pathname;
const PORT = 18080;
const base = `http://127.0.0.1:${PORT}`;

interface Row {
  backend: string;
  scenario: string;
  connections: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

function cli(env: NodeJS.ProcessEnv, args: string[]): string {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`allied ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

async function waitReady(): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server not ready');
}

function startServer(env: NodeJS.ProcessEnv, workers: number): ChildProcess {
  return spawn(process.execPath, [BIN, 'serve', '--port', String(PORT), '--workers', String(workers)], { env: { ...process.env, ...env, ALLIED_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

async function post(token: string, path: string, body: unknown): Promise<any> {
  const r = await fetch(base + path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json' }, body: JSON.stringify(body) });
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return r.json();
}

async function loadPatients(token: string): Promise<{ patientIds: string[] }> {
  const patientIds: string[] = [];
  for (let i = 0; i < PATIENTS; i += 100) {
    const entry = [];
    for (let j = i; j < i + 100; j++) {
      entry.push({ resource: { resourceType: 'Patient', name: [{ family: `Benchfamily${j}`, given: ['Pat'] }, { family: 'Commonname' }], birthDate: '1970-01-01', gender: j % 2 ? 'female' : 'male' }, request: { method: 'POST', url: 'Patient' } });
    }
    const b = await post(token, '/fhir/R4', { resourceType: 'Bundle', type: 'transaction', entry });
    for (const e of b.entry) patientIds.push(e.resource.id);
  }
  for (let i = 0; i < 2000; i += 100) {
    const entry = [];
    for (let j = i; j < i + 100; j++) {
      entry.push({ resource: { resourceType: 'ServiceRequest', status: j % 3 ? 'active' : 'completed', intent: 'order', code: { text: 'CBC' }, subject: { reference: `Patient/${patientIds[j % 200]}` } }, request: { method: 'POST', url: 'ServiceRequest' } });
    }
    await post(token, '/fhir/R4', { resourceType: 'Bundle', type: 'transaction', entry });
  }
  return { patientIds };
}

async function insertTasks(backend: string, env: NodeJS.ProcessEnv, tenant: string, total: number): Promise<void> {
  // straight into the table (a million FHIR creates would take longer than the benchmark itself)
  const { insertSyntheticTasks } = await import('../src/store/synthetic.js');
  if (backend === 'postgres') {
    const { openPostgres } = await import('../src/store/db.js');
    const db = await openPostgres(env.DATABASE_URL!);
    await insertSyntheticTasks(db, tenant, total);
    await db.close();
  } else {
    const { openPglite } = await import('../src/store/db.js');
    const db = await openPglite(env.ALLIED_DATA_DIR!);
    await insertSyntheticTasks(db, tenant, total);
    await db.close();
  }
}

async function scenario(rows: Row[], backend: string, name: string, opts: Partial<autocannon.Options>): Promise<void> {
  for (const connections of [10, 50]) {
    // autocannon takes the path from the URL (a separate `path` option is ignored)
    const { path, ...rest } = opts;
    const r = await run({ url: base + (path ?? ''), connections, duration: SECONDS, ...rest } as autocannon.Options);
    const row = { backend, scenario: name, connections, reqPerSec: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
    rows.push(row);
    console.log(`${backend.padEnd(8)} ${name.padEnd(34)} c=${String(connections).padEnd(3)} ${String(row.reqPerSec).padStart(6)} req/s  p50 ${row.p50} ms  p99 ${row.p99} ms${row.errors || row.non2xx ? `  errors ${row.errors} non2xx ${row.non2xx}` : ''}`);
  }
}

async function benchBackend(backend: string, rows: Row[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'allied-bench-'));
  const fresh = backend === 'postgres' ? await freshPostgresUrl() : undefined;
  const env: NodeJS.ProcessEnv = { ALLIED_DATA_DIR: dir, DATABASE_URL: fresh?.url ?? '' };
  const workers = backend === 'postgres' ? cpus().length : 1;
  try {
    cli(env, ['user', 'add', '--tenant', 'bench', '--username', `bench-${backend}`, '--role', 'admin', '--password', 'bench-password-1']);
    const token = cli(env, ['token', 'create', '--user', `bench-${backend}`, '--expires', '4h']);
    const auth = { authorization: `Bearer ${token}` };
    let server = startServer(env, workers);
    await waitReady();
    const { patientIds } = await loadPatients(token);
    let n = 0;
    await scenario(rows, backend, 'create Patient', { path: '/fhir/R4/Patient', method: 'POST', headers: { ...auth, 'content-type': 'application/fhir+json' }, body: JSON.stringify({ resourceType: 'Patient', name: [{ family: 'Loadtest', given: ['Created'] }], birthDate: '1990-01-01' }) });
    await scenario(rows, backend, 'read Patient (different ids)', { headers: auth, requests: [{ setupRequest: (req: any) => ({ ...req, path: `/fhir/R4/Patient/${patientIds[n++ % patientIds.length]}` }) }] });
    await scenario(rows, backend, 'search Patient by name (1 match)', { headers: auth, requests: [{ setupRequest: (req: any) => ({ ...req, path: `/fhir/R4/Patient?family:exact=Benchfamily${n++ % PATIENTS}` }) }] });
    await scenario(rows, backend, 'search Patient by name (page of 20)', { headers: auth, path: '/fhir/R4/Patient?name=commonname&_count=20' });
    await scenario(rows, backend, 'search ServiceRequest patient+status', { headers: auth, requests: [{ setupRequest: (req: any) => ({ ...req, path: `/fhir/R4/ServiceRequest?patient=${patientIds[n++ % 200]}&status=active` }) }] });
    let inserted = 0;
    for (const size of TASK_SIZES) {
      await stopServer(server);
      process.stderr.write(`inserting ${size - inserted} synthetic tasks (${backend})...\n`);
      await insertTasks(backend, env, 'bench', size);
      inserted = size;
      server = startServer(env, workers);
      await waitReady();
      await scenario(rows, backend, `worklist query at ${size.toLocaleString('en')} tasks`, { headers: auth, requests: [{ setupRequest: (req: any) => ({ ...req, path: `/api/worklist?role=${['phlebotomist', 'imaging_technologist', 'respiratory_therapist'][n++ % 3]}&limit=50` }) }] });
    }
    await stopServer(server);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await fresh?.drop();
  }
}

function table(rows: Row[]): string {
  const lines = ['| backend | scenario | conns | req/s | p50 ms | p99 ms |', '|---|---|---|---|---|---|'];
  for (const r of rows) lines.push(`| ${r.backend} | ${r.scenario} | ${r.connections} | ${r.reqPerSec} | ${r.p50} | ${r.p99} |`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  for (const backend of BACKENDS) await benchBackend(backend, rows);
  const date = new Date().toISOString().slice(0, 10);
  const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  mkdirSync(new URL('./results/', import.meta.url).pathname, { recursive: true });
  const file = new URL(`./results/fhir-${date}.json`, import.meta.url).pathname;
  writeFileSync(file, JSON.stringify({ date, machine, secondsPerRun: SECONDS, patients: PATIENTS, rows }, null, 2) + '\n');
  const readme = new URL('./README.md', import.meta.url).pathname;
  const section = `<!-- fhir-bench -->\n## FHIR API (\`npm run bench:fhir\`, ${date})\n\nMachine: ${machine}. ${SECONDS} s per run, auditing on; PostgreSQL with one worker per core.\n\n${table(rows)}\n<!-- /fhir-bench -->`;
  let text = existsSync(readme) ? readFileSync(readme, 'utf8') : '# Benchmarks\n\nResults of `npm run bench*`, newest first; raw figures in `results/`.\n';
  text = text.includes('<!-- fhir-bench -->') ? text.replace(/<!-- fhir-bench -->[\s\S]*<!-- \/fhir-bench -->/, section) : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(readme, text);
  console.log(`\nwrote ${file} and bench/README.md`);
}

await main();
