#!/usr/bin/env node
// `npm test`: type check, lint, build the web app, then every *.test.ts under src/ and bench/ with
// node's test runner. Ends with one plain line "N passed, N failed" for CI.
//   --only unit      skip integration (*.pg.test.ts, *.int.test.ts) and browser tests
//   --skip-checks    skip type check and lint (quick local runs)
//   FILTER=text      only test files whose path contains text
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, mkdirSync, existsSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = new Set(process.argv.slice(2));
const unitOnly = args.has('--only') && process.argv.includes('unit');
const skipChecks = args.has('--skip-checks') || unitOnly;

function run(label, cmd, cmdArgs, opts = {}) {
  const started = Date.now();
  process.stdout.write(`\n== ${label}\n`);
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', ...opts });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`== ${label}: ${r.status === 0 ? 'ok' : 'FAILED'} (${secs}s)\n`);
  return r.status === 0;
}

function findTests(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) findTests(p, out);
    else if (e.name.endsWith('.test.ts') || e.name.endsWith('.test.tsx')) out.push(p);
  }
  return out;
}

let checksOk = true;
if (!skipChecks) {
  checksOk = run('type check', 'node_modules/.bin/tsc', [ '--noEmit', '-p', 'tsconfig.json']) && checksOk;
  checksOk = run('lint', 'node_modules/.bin/eslint', ['.']) && checksOk;
}

let files = [...findTests(join(root, 'src')), ...findTests(join(root, 'bench'))].sort();
if (unitOnly) files = files.filter((f) => !/\.(pg|int|browser)\.test\.tsx?$/.test(f));
if (process.env.FILTER) files = files.filter((f) => f.includes(process.env.FILTER));
const needsWeb = files.some((f) => /\.browser\.test\.tsx?$/.test(f));
if (needsWeb && existsSync(join(root, 'src/web/vite.config.ts'))) {
  checksOk = run('build web app', 'node_modules/.bin/vite', ['build', '--config', 'src/web/vite.config.ts', '--logLevel', 'warn']) && checksOk;
}

mkdirSync(join(root, 'test-results'), { recursive: true });
const tap = join(root, 'test-results', 'tests.tap');
rmSync(tap, { force: true });
process.stdout.write(`\n== tests: ${files.length} files\n`);
const t = spawnSync(
  process.execPath,
  [
    '--conditions=source',
    '--import', 'tsx',
    '--test',
    '--test-concurrency=2',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...files.map((f) => relative(root, f)),
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test', ALLIED_LOG_LEVEL: process.env.ALLIED_LOG_LEVEL ?? 'silent' } },
);

let passed = 0;
let failed = 0;
if (existsSync(tap)) {
  const text = readFileSync(tap, 'utf8');
  // the runner's own totals are the last "# pass N" / "# fail N" lines
  const pass = [...text.matchAll(/^# pass (\d+)$/gm)].pop();
  const fail = [...text.matchAll(/^# fail (\d+)$/gm)].pop();
  passed = pass ? Number(pass[1]) : 0;
  failed = fail ? Number(fail[1]) : 0;
}
if (t.status !== 0 && failed === 0) failed = 1; // the runner itself failed (a crash outside any test)
if (!checksOk) failed += 1; // a failed type check, lint or build counts as a failure
if (files.length === 0 || passed === 0) failed = Math.max(failed, 1);
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
