#!/usr/bin/env node
// `npm run bench`: every benchmark in turn; each writes its figures to bench/results/ and bench/README.md.
import { spawnSync } from 'node:child_process';

const only = process.argv.slice(2);
const benches = ['domain', 'x12', 'fhir', 'lab'].filter((b) => !only.length || only.includes(b));
let failed = 0;
for (const b of benches) {
  process.stdout.write(`\n== bench:${b}\n`);
  const r = spawnSync('npm', ['run', `bench:${b}`], { stdio: 'inherit' });
  if (r.status !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);
