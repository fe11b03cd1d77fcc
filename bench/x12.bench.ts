// npm run bench:x12 — X12 reader/writer throughput and peak memory, against node-x12 and x12-parser.
// Each measurement runs in its own child process so maxRSS is that reader's alone. The children run
// a precompiled bundle of this file (esbuild, installed with tsx) with plain node, ours and the
// peers alike: tsx's loader costs ~100 MB of RSS at start-up that is no part of any reader.
// allied-read splits files of 16 MB and more on a worker thread (the reader's default); allied-read-1t
// is the same read kept to one thread. Generated files go to os.tmpdir() and are deleted afterwards. Sizes: X12_BENCH_835_MB (200), X12_BENCH_CLAIMS (100000),
// X12_BENCH_ONE_SET_MB (100: an 835 whose claims are all in one ST..SE).
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readX12File, write837 } from '../src/interop/x12/index.js';
import { bundleWithX12Worker } from './x12-bundle.js';
import { CLAIMS_PER_SET, claimsBatch, env, generate835, generate837 } from './x12-inputs.js';

const SELF = fileURLToPath(import.meta.url);
const ROOT = join(SELF, '..', '..');

interface Measure {
  task: string;
  file?: string;
  ok: boolean;
  error?: string;
  bytes: number;
  ms: number;
  /** CPU time of the child (user + system, all its threads: GC and compiler included) */
  cpuMs: number;
  items: number;
  maxRssMb: number;
}

/** Runs inside a child process: one task, one JSON line on stdout. */
async function child(task: string, file: string): Promise<void> {
  const started = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const cpuMs = (): number => {
    const c = process.cpuUsage(cpu0);
    return (c.user + c.system) / 1000;
  };
  let items = 0;
  let bytes = file && task !== 'allied-write' ? statSync(file).size : 0;
  if (task === 'allied-read' || task === 'allied-read-1t') {
    // models are built for every claim and handed on one at a time (none kept), as a billing import would;
    // files of 16 MB and more are split on a worker thread unless the task says one thread
    const threads = task === 'allied-read-1t' ? 'never' : 'auto';
    const r = await readX12File(file, { keepModels: false, threads, onClaim: () => { items++; }, onClaimPayment: () => { items++; } });
    if (r.errors.length > 0) throw new Error(`reader reported ${r.errors.length} errors, first: ${r.errors[0].message}`);
  } else if (task === 'allied-write') {
    const claims = Number(file);
    const batches: ReturnType<typeof claimsBatch>[] = [];
    for (let s = 0; s < claims; s += CLAIMS_PER_SET) batches.push(claimsBatch(s, Math.min(CLAIMS_PER_SET, claims - s)));
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    for (let i = 0; i < batches.length; i++) bytes += write837(batches[i], { ...env, interchangeControl: i + 1, groupControl: i + 1 }).length;
    items = claims;
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const c = process.cpuUsage(c0);
    process.stdout.write(JSON.stringify({ ms, cpuMs: (c.user + c.system) / 1000, items, bytes, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
    return;
  } else if (task === 'node-x12') {
    const { X12Parser } = await import('node-x12');
    const interchange = new X12Parser().parse(readFileSync(file, 'latin1')) as unknown as { functionalGroups: { transactions: { segments: unknown[] }[] }[] };
    for (const g of interchange.functionalGroups ?? []) for (const t of g.transactions) items += t.segments.length;
  } else if (task === 'x12-parser') {
    const { X12parser } = await import('x12-parser');
    const parser = new X12parser();
    parser.on('data', () => { items++; });
    createReadStream(file).pipe(parser);
    await once(parser, 'end');
  } else throw new Error(`unknown task ${task}`);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  process.stdout.write(JSON.stringify({ ms, cpuMs: cpuMs(), items, bytes, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
}

const RUNNER = 'each task in its own child process: plain node (no tsx) running an esbuild bundle of bench/x12.bench.ts (ESM, node20 target, peers bundled in), --max-old-space-size=4096';

/** Bundles this file (with the reader and the peers) into one .mjs that plain node runs. */
async function bundleChild(dir: string): Promise<string> {
  const outfile = join(dir, 'x12-bench-child.mjs');
  await bundleWithX12Worker(SELF, outfile);
  return outfile;
}

let childScript = SELF;

function measure(task: string, file: string, timeoutMs = 180_000): Measure {
  const r = spawnSync(process.execPath, ['--max-old-space-size=4096', childScript, 'child', task, file], { cwd: ROOT, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 1 << 20 });
  const base = { task, file, bytes: 0, ms: 0, cpuMs: 0, items: 0, maxRssMb: 0 };
  if (r.status !== 0) {
    const why = r.error ? r.error.message : (r.stderr || '').trim().split('\n').filter(Boolean).slice(-1)[0] ?? `exit ${r.status}`;
    return { ...base, ok: false, error: r.signal ? `killed (${r.signal}${r.error ? ', timeout' : ''})` : why };
  }
  return { ...base, ok: true, ...JSON.parse(r.stdout.trim().split('\n').pop() as string) };
}

async function main(): Promise<void> {
  const mb835 = Number(process.env.X12_BENCH_835_MB ?? 200);
  const claims = Number(process.env.X12_BENCH_CLAIMS ?? 100_000);
  const mbOneSet = Number(process.env.X12_BENCH_ONE_SET_MB ?? 100);
  const dir = mkdtempSync(join(tmpdir(), 'allied-x12-bench-'));
  try {
    const big835 = join(dir, 'big.835');
    const small835 = join(dir, 'small.835');
    const claims837 = join(dir, 'claims.837');
    const oneSet835 = join(dir, 'one-set.835');
    process.stderr.write(`generating ${mb835} MB 835, 10 MB 835, ${claims}-claim 837P and a ${mbOneSet} MB 835 that is one ST..SE in ${dir}\n`);
    await generate835(big835, mb835 * 1e6);
    await generate835(small835, 10e6);
    await generate837(claims837, claims);
    await generate835(oneSet835, mbOneSet * 1e6, Infinity);
    // sanity: what we generated reads clean
    const check = await readX12File(small835, { keepModels: false });
    if (check.errors.length > 0) throw new Error(`generated 835 is not clean: ${check.errors[0].message}`);
    childScript = await bundleChild(dir);
    process.stderr.write(`runner: ${RUNNER}\n`);
    const runs: Measure[] = [];
    for (const [task, file, label] of [
      ['allied-read', big835, `835 ${mb835} MB`], ['allied-read-1t', big835, `835 ${mb835} MB`], ['x12-parser', big835, `835 ${mb835} MB`], ['node-x12', big835, `835 ${mb835} MB`],
      ['allied-read', small835, '835 10 MB'], ['x12-parser', small835, '835 10 MB'], ['node-x12', small835, '835 10 MB'],
      ['allied-read', claims837, `837P ${claims} claims`], ['allied-read-1t', claims837, `837P ${claims} claims`], ['x12-parser', claims837, `837P ${claims} claims`], ['node-x12', claims837, `837P ${claims} claims`],
      // one transaction set of every claim: node-x12 holds whole files, so only the streaming readers
      ['allied-read', oneSet835, `835 ${mbOneSet} MB, one ST..SE`], ['allied-read-1t', oneSet835, `835 ${mbOneSet} MB, one ST..SE`], ['x12-parser', oneSet835, `835 ${mbOneSet} MB, one ST..SE`],
      ['allied-write', String(claims), `write 837P ${claims} claims`],
    ] as const) {
      process.stderr.write(`  ${task} on ${label}...\n`);
      const m = measure(task, file, task === 'node-x12' ? 120_000 : 300_000);
      m.file = label;
      runs.push(m);
    }
    const mbps = (m: Measure): number => (m.ok ? m.bytes / 1e6 / (m.ms / 1000) : 0);
    const rows = runs.map((m) => ({
      task: m.task, file: m.file, ok: m.ok, error: m.error, mb: +(m.bytes / 1e6).toFixed(1), seconds: +(m.ms / 1000).toFixed(2),
      mbPerSecond: +mbps(m).toFixed(1), cpuSeconds: +(m.cpuMs / 1000).toFixed(2), mbPerCpuSecond: m.ok && m.cpuMs > 0 ? +(m.bytes / 1e6 / (m.cpuMs / 1000)).toFixed(1) : 0, itemsPerSecond: m.ok ? Math.round(m.items / (m.ms / 1000)) : 0, items: m.items, peakRssMb: +m.maxRssMb.toFixed(0),
    }));
    const ratio = (file: string, other: string): number | null => {
      const ours = runs.find((r) => r.task === 'allied-read' && r.file === file);
      const theirs = runs.find((r) => r.task === other && r.file === file);
      return ours?.ok && theirs?.ok ? +(mbps(ours) / mbps(theirs)).toFixed(2) : null;
    };
    const files = [...new Set(runs.filter((r) => r.task === 'allied-read').map((r) => r.file as string))];
    const ratios = files.map((f) => ({ file: f, vsNodeX12: ratio(f, 'node-x12'), vsX12Parser: ratio(f, 'x12-parser') }));
    console.table(rows.map(({ error, ...r }) => ({ ...r, ok: r.ok ? 'yes' : `no: ${error}`.slice(0, 40) })));
    console.table(ratios);
    const day = new Date().toISOString().slice(0, 10);
    mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
    const out = join(ROOT, 'bench', 'results', `x12-${day}.json`);
    writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), node: process.version, runner: RUNNER, loadAverage: loadavg().map((l) => +l.toFixed(2)), targets: { readMbPerSecond: 100, peakRssMb: 150, writeClaimsPerSecond: 50_000, vsNodeX12: 3 }, runs: rows, ratios }, null, 2) + '\n');
    process.stderr.write(`results written to ${out}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'child') {
  child(process.argv[3], process.argv[4]).catch((error) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  });
} else {
  main().catch((error) => {
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exit(1);
  });
}
