// Profiling aid for the X12 reader (not part of `npm run bench:x12`):
//   node --import tsx bench/x12-profile.ts gen DIR            writes DIR/835-50mb.835 and DIR/837p-20k.837
//   node --import tsx bench/x12-profile.ts bundle OUT.mjs      bundles this file for plain node (no tsx in the profile)
//   node [--cpu-prof] OUT.mjs read FILE [RUNS]                 reads FILE RUNS times as the benchmark does; prints CPU ms and MB/s per run
//   node OUT.mjs ab A.mjs B.mjs FILE [ROUNDS] [RUNS]            A/B of two bundles: each round runs A then B (then B then A), each
//                                                              RUNS reads in one process; prints the least CPU ms of the warm runs
// CPU time (user + system) is reported beside wall time: on a shared 2-core host it is the steadier figure, and
// the least of several warm runs the steadiest (other processes only ever add to it).
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readX12File } from '../src/interop/x12/index.js';
import { bundleWithX12Worker } from './x12-bundle.js';
import { generate835, generate837 } from './x12-inputs.js';

/** CPU ms this process's main thread (not its workers or GC helpers) has used, from /proc (10 ms ticks). */
function mainThreadCpuMs(): number {
  const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function read(file: string, runs: number): Promise<void> {
  const mb = statSync(file).size / 1e6;
  for (let r = 0; r < runs; r++) {
    let items = 0;
    const cpu0 = process.cpuUsage();
    const main0 = mainThreadCpuMs();
    const t0 = process.hrtime.bigint();
    const result = await readX12File(file, { keepModels: false, threads: (process.env.X12_THREADS ?? 'auto') as 'auto', onClaim: () => { items++; }, onClaimPayment: () => { items++; } });
    const wall = Number(process.hrtime.bigint() - t0) / 1e6;
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const mainMs = mainThreadCpuMs() - main0;
    if (result.errors.length > 0) throw new Error(`${result.errors.length} errors, first: ${result.errors[0].message}`);
    process.stdout.write(`${file}: ${items} items, wall ${wall.toFixed(0)} ms, cpu ${cpuMs.toFixed(0)} ms (main thread ${mainMs} ms), ${(mb / (cpuMs / 1000)).toFixed(1)} MB/s of CPU, maxRSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`);
  }
}

/** Least CPU ms over the warm runs (all but the first two) of one process reading `file` with `bundle`. */
function leastCpu(bundle: string, file: string, runs: number): number {
  const out = execFileSync(process.execPath, [bundle, 'read', file, String(runs)], { encoding: 'utf8' });
  const cpu = [...out.matchAll(/cpu (\d+) ms/g)].map((m) => Number(m[1])).slice(2);
  return Math.min(...cpu);
}

function ab(a: string, b: string, file: string, rounds: number, runs: number): void {
  const best: Record<string, number[]> = { [a]: [], [b]: [] };
  for (let r = 0; r < rounds; r++) {
    for (const bundle of r % 2 === 0 ? [a, b] : [b, a]) {
      const ms = leastCpu(bundle, file, runs);
      best[bundle].push(ms);
      process.stdout.write(`round ${r + 1} ${bundle}: ${ms} CPU ms (load ${loadavg()[0].toFixed(1)})\n`);
    }
  }
  for (const bundle of [a, b]) process.stdout.write(`${bundle}: least ${Math.min(...best[bundle])} CPU ms, rounds ${best[bundle].join(' ')}\n`);
}

async function main(): Promise<void> {
  const [command, arg, runs] = process.argv.slice(2);
  if (command === 'ab') {
    const [, a, b, file, rounds, perProcess] = process.argv.slice(2);
    ab(a, b, file, Number(rounds ?? 3), Number(perProcess ?? 6));
    return;
  }
  if (command === 'gen') {
    await generate835(join(arg, '835-50mb.835'), 50e6);
    await generate837(join(arg, '837p-20k.837'), 20_000);
  } else if (command === 'bundle') {
    await bundleWithX12Worker(fileURLToPath(import.meta.url), arg);
  } else if (command === 'read') await read(arg, Number(runs ?? 1));
  else throw new Error('usage: x12-profile.ts gen DIR | bundle OUT.mjs | read FILE [RUNS] | ab A.mjs B.mjs FILE [ROUNDS] [RUNS]');
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
