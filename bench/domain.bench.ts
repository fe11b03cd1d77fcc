// npm run bench:domain — domain library throughput with tinybench: tube plans for a 12-test order set
// and lung-protective ventilator checks. Each tinybench iteration runs a batch of calls so timer
// overhead does not dominate sub-microsecond work. Results: bench/results/domain-<YYYY-MM-DD>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';
import { consolidateTubes, lungProtectiveCheck, specimenRejectionDecision, sortOrderOfDraw } from '../src/domain/index.js';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');
const BATCH = 1000;

// A 12-test order set: chemistry, haematology, coag, blood bank, iced tests and a culture set.
const orderSet = { tests: ['CMP', 'LIPID', 'TSH', 'TROPONIN', 'CBC', 'HBA1C', 'PT_INR', 'APTT', 'TYPE_SCREEN', 'LACTATE', 'AMMONIA', 'GLUCOSE'], bloodCultureSets: 1, device: 'winged' as const };
const ventInputs = Array.from({ length: 64 }, (_, i) => ({
  sex: i % 2 ? ('male' as const) : ('female' as const),
  heightCm: 150 + (i % 40),
  tidalVolumeMl: 300 + i * 5,
  plateauPressure: 20 + (i % 15),
  peep: 5 + (i % 10),
}));

const targets: Record<string, number> = { consolidateTubes: 100_000, lungProtectiveCheck: 1_000_000 };
let sink = 0;
const bench = new Bench({ time: 1500, warmup: true });
bench
  .add('consolidateTubes', () => {
    for (let i = 0; i < BATCH; i++) sink += consolidateTubes(orderSet).length;
  })
  .add('lungProtectiveCheck', () => {
    for (let i = 0; i < BATCH; i++) sink += lungProtectiveCheck(ventInputs[i & 63]).drivingPressure;
  })
  .add('specimenRejectionDecision', () => {
    for (let i = 0; i < BATCH; i++) sink += specimenRejectionDecision({ test: 'AMMONIA', container: 'HEP_DK_GREEN', labelStatus: 'ok', identifierCount: 2, hemolysis: 'slight', onIce: true, minutesSinceCollection: i & 127 }).reasons.length;
  })
  .add('sortOrderOfDraw', () => {
    for (let i = 0; i < BATCH; i++) sink += sortOrderOfDraw({ containers: ['FLUORIDE_GRAY', 'EDTA_LAVENDER', 'HEP_DK_GREEN', 'SST_GOLD', 'CITRATE_LT_BLUE', 'BC_AEROBIC'] }).length;
  });

await bench.run();

const rows = bench.tasks.map((task) => {
  const r = task.result as { latency?: { mean: number; rme: number }; state?: string };
  const meanMs = r.latency?.mean ?? NaN;
  const callsPerSecond = Math.round((BATCH * 1000) / meanMs);
  const target = targets[task.name];
  return {
    task: task.name,
    callsPerSecond,
    nsPerCall: Math.round((meanMs * 1e6) / BATCH),
    rmePct: Number((r.latency?.rme ?? NaN).toFixed(2)),
    target: target ?? null,
    meetsTarget: target === undefined ? null : callsPerSecond >= target,
  };
});
console.table(rows);
if (sink === -1) console.log(sink);

const day = new Date().toISOString().slice(0, 10);
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
const out = join(ROOT, 'bench', 'results', `domain-${day}.json`);
writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), node: process.version, batch: BATCH, orderSetTests: orderSet.tests.length, targets, runs: rows }, null, 2) + '\n');
process.stderr.write(`results written to ${out}\n`);
