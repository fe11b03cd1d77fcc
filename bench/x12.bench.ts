// npm run bench:x12 — X12 reader/writer throughput and peak memory, against node-x12 and x12-parser.
// Each measurement runs in its own child process so maxRSS is that reader's alone. The children run
// a precompiled bundle of this file (esbuild, installed with tsx) with plain node, ours and the
// peers alike: tsx's loader costs ~100 MB of RSS at start-up that is no part of any reader.
// Generated files go to os.tmpdir() and are deleted afterwards. Sizes: X12_BENCH_835_MB (200), X12_BENCH_CLAIMS (100000),
// X12_BENCH_ONE_SET_MB (100: an 835 whose claims are all in one ST..SE).
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readX12File, write837 } from '../src/interop/x12/index.js';
import { sampleClaim } from '../src/interop/x12/writer/sample.js';

const SELF = fileURLToPath(import.meta.url);
const ROOT = join(SELF, '..', '..');
const CLAIMS_PER_SET = 1000;

interface Measure {
  task: string;
  file?: string;
  ok: boolean;
  error?: string;
  bytes: number;
  ms: number;
  items: number;
  maxRssMb: number;
}

const env = { contact: { name: 'BILLING OFFICE', phone: '5555551212' }, senderId: 'ALLIEDBENCH', receiverId: 'PAYERBENCH' };

function claimsBatch(start: number, n: number): ReturnType<typeof sampleClaim>[] {
  const out = [];
  for (let i = 0; i < n; i++) {
    const k = start + i;
    out.push(sampleClaim(`CLM${k}`, { subscriber: { ...sampleClaim('x').subscriber, id: `M${k % 5000}`, name: `DOE${k % 97}` } }));
  }
  return out;
}

function line835(i: number): string {
  const id = `CLM${i}`;
  return [
    `CLP*${id}*1*150*95*20*12*PAYER${i}*11*1~`, `CAS*PR*1*20~`, `NM1*QC*1*DOE*JANE****MI*M${i % 5000}~`, `DTM*232*20240105~`,
    `SVC*HC:94640*100*65**1~`, `DTM*472*20240105~`, `CAS*CO*45*25~`, `REF*6R*${id}-1~`, `AMT*B6*75~`,
    `SVC*HC:94760:59*50*30**1~`, `DTM*472*20240105~`, `CAS*CO*45*20~`, `REF*6R*${id}-2~`, `AMT*B6*30~`,
  ].join('\n') + '\n';
}

/** An 835 of about `targetBytes`, `perSet` claims per ST..SE (Infinity: the whole file is one set), written a batch at a time. */
async function generate835(path: string, targetBytes: number, perSet = CLAIMS_PER_SET): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  let claim = 0;
  let set = 0;
  const write = async (text: string): Promise<void> => {
    bytes += text.length;
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('ISA*00*          *00*          *ZZ*PAYERBENCH     *ZZ*ALLIEDBENCH    *240105*1200*^*00501*000000001*0*P*:~\nGS*HP*PAYERBENCH*ALLIEDBENCH*20240105*1200*1*X*005010X221A1~\n');
  // claims per set, so BPR02 (95.00 paid per claim) balances: a single set is sized from the target
  const claimsInSet = Number.isFinite(perSet) ? perSet : Math.ceil(targetBytes / line835(0).length);
  while (bytes < targetBytes) {
    set++;
    const control = String(set).padStart(4, '0');
    await write(`ST*835*${control}*005010X221A1~\nBPR*I*${(95 * claimsInSet).toFixed(2)}*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20240105~\nTRN*1*TRACE${set}*1512345678~\nDTM*405*20240105~\nN1*PR*ACME HEALTH PLAN~\nN3*1 PAYER WAY~\nN4*CHICAGO*IL*60601~\nN1*PE*ALLIED RESPIRATORY CLINIC*XX*1234567893~\nLX*1~\n`);
    let segments = 9;
    for (let i = 0; i < claimsInSet; i += 1000) {
      let body = '';
      for (let k = i; k < Math.min(claimsInSet, i + 1000); k++) {
        body += line835(claim++);
        segments += 14;
      }
      await write(body);
    }
    await write(`SE*${segments + 1}*${control}~\n`);
  }
  out.end(`GE*${set}*1~\nIEA*1*000000001~\n`);
  await once(out, 'finish');
  return claim;
}

async function generate837(path: string, claims: number): Promise<void> {
  const out = createWriteStream(path);
  for (let start = 0, n = 1; start < claims; start += CLAIMS_PER_SET, n++) {
    const text = write837(claimsBatch(start, Math.min(CLAIMS_PER_SET, claims - start)), { ...env, interchangeControl: n, groupControl: n, lineBreaks: true });
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** Runs inside a child process: one task, one JSON line on stdout. */
async function child(task: string, file: string): Promise<void> {
  const started = process.hrtime.bigint();
  let items = 0;
  let bytes = file && task !== 'allied-write' ? statSync(file).size : 0;
  if (task === 'allied-read') {
    // models are built for every claim and handed on one at a time (none kept), as a billing import would
    const r = await readX12File(file, { keepModels: false, onClaim: () => { items++; }, onClaimPayment: () => { items++; } });
    if (r.errors.length > 0) throw new Error(`reader reported ${r.errors.length} errors, first: ${r.errors[0].message}`);
  } else if (task === 'allied-write') {
    const claims = Number(file);
    const batches: ReturnType<typeof claimsBatch>[] = [];
    for (let s = 0; s < claims; s += CLAIMS_PER_SET) batches.push(claimsBatch(s, Math.min(CLAIMS_PER_SET, claims - s)));
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < batches.length; i++) bytes += write837(batches[i], { ...env, interchangeControl: i + 1, groupControl: i + 1 }).length;
    items = claims;
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    process.stdout.write(JSON.stringify({ ms, items, bytes, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
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
  process.stdout.write(JSON.stringify({ ms, items, bytes, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
}

const RUNNER = 'each task in its own child process: plain node (no tsx) running an esbuild bundle of bench/x12.bench.ts (ESM, node20 target, peers bundled in), --max-old-space-size=4096';

/** Bundles this file (with the reader and the peers) into one .mjs that plain node runs. */
async function bundleChild(dir: string): Promise<string> {
  const { build } = await import('esbuild');
  const outfile = join(dir, 'x12-bench-child.mjs');
  await build({ entryPoints: [SELF], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'error', banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" } });
  return outfile;
}

let childScript = SELF;

function measure(task: string, file: string, timeoutMs = 180_000): Measure {
  const r = spawnSync(process.execPath, ['--max-old-space-size=4096', childScript, 'child', task, file], { cwd: ROOT, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 1 << 20 });
  const base = { task, file, bytes: 0, ms: 0, items: 0, maxRssMb: 0 };
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
      ['allied-read', big835, `835 ${mb835} MB`], ['x12-parser', big835, `835 ${mb835} MB`], ['node-x12', big835, `835 ${mb835} MB`],
      ['allied-read', small835, '835 10 MB'], ['x12-parser', small835, '835 10 MB'], ['node-x12', small835, '835 10 MB'],
      ['allied-read', claims837, `837P ${claims} claims`], ['x12-parser', claims837, `837P ${claims} claims`], ['node-x12', claims837, `837P ${claims} claims`],
      // one transaction set of every claim: node-x12 holds whole files, so only the streaming readers
      ['allied-read', oneSet835, `835 ${mbOneSet} MB, one ST..SE`], ['x12-parser', oneSet835, `835 ${mbOneSet} MB, one ST..SE`],
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
      mbPerSecond: +mbps(m).toFixed(1), itemsPerSecond: m.ok ? Math.round(m.items / (m.ms / 1000)) : 0, items: m.items, peakRssMb: +m.maxRssMb.toFixed(0),
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
    writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), node: process.version, runner: RUNNER, targets: { readMbPerSecond: 100, peakRssMb: 150, writeClaimsPerSecond: 50_000, vsNodeX12: 3 }, runs: rows, ratios }, null, 2) + '\n');
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
