import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = new URL('../../bin/allied.mjs', import.meta.url).pathname;
let dir: string;

function allied(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, ALLIED_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' }, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'allied-cli-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('user add, a duplicate, a bad role, token create and reset-password: clear messages and exit codes', () => {
  const add = allied('user', 'add', '--tenant', 'clinic', '--username', 'ana', '--role', 'biller', '--password', 'long-enough-pw');
  assert.equal(add.code, 0, add.err);
  assert.match(add.out, /Added biller "ana"/);
  const dup = allied('user', 'add', '--tenant', 'clinic', '--username', 'ana', '--role', 'biller', '--password', 'long-enough-pw');
  assert.equal(dup.code, 1);
  assert.match(dup.err, /already exists/);
  const badRole = allied('user', 'add', '--tenant', 'clinic', '--username', 'bo', '--role', 'wizard', '--password', 'long-enough-pw');
  assert.equal(badRole.code, 1);
  assert.match(badRole.err, /"wizard" is not a role/);
  const weak = allied('user', 'add', '--tenant', 'clinic', '--username', 'cy', '--role', 'coder', '--password', 'short');
  assert.match(weak.err, /at least 10 characters/);
  const token = allied('token', 'create', '--user', 'ana', '--expires', '2h');
  assert.equal(token.code, 0, token.err);
  assert.match(token.out.trim(), /^alt_[\w-]{40,}$/);
  assert.equal(allied('token', 'create', '--user', 'nobody').code, 1);
  const badExpiry = allied('token', 'create', '--user', 'ana', '--expires', 'soon');
  assert.equal(badExpiry.code, 2);
  assert.match(badExpiry.err, /not a duration/);
  const reset = allied('user', 'reset-password', '--username', 'ana');
  assert.match(reset.out, /New password: \S{10,}/);
  assert.equal(allied('user', 'disable', '--username', 'ana').code, 0);
  assert.equal(allied('token', 'create', '--user', 'ana').code, 1);
});

test('export and import round-trip as NDJSON and Bundle; a bad file imports nothing', () => {
  const bundle = join(dir, 'in.json');
  writeFileSync(bundle, JSON.stringify({
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      { resource: { resourceType: 'Patient', id: 'p-1', name: [{ family: 'Importer' }] } },
      { resource: { resourceType: 'Coverage', id: 'c-1', status: 'active', beneficiary: { reference: 'Patient/p-1' }, payor: [{ display: 'Acme' }] } },
    ],
  }));
  const imp = allied('import', bundle, '--tenant', 'clinic');
  assert.equal(imp.code, 0, imp.err);
  assert.match(imp.out, /Imported 2 resources/);
  const out = join(dir, 'ndjson');
  const exp = allied('export', '--tenant', 'clinic', '--format', 'ndjson', '--out', out, '--types', 'Patient,Coverage');
  assert.equal(exp.code, 0, exp.err);
  assert.deepEqual(readdirSync(out).sort(), ['Coverage.ndjson', 'Patient.ndjson']);
  assert.match(readFileSync(join(out, 'Patient.ndjson'), 'utf8'), /"family":"Importer"/);
  const bad = join(dir, 'bad.ndjson');
  writeFileSync(bad, [JSON.stringify({ resourceType: 'Patient', id: 'p-2' }), JSON.stringify({ resourceType: 'Patient', id: 'p-3', gender: 'sometimes' })].join('\n'));
  const rejected = allied('import', bad, '--tenant', 'clinic');
  assert.equal(rejected.code, 1);
  assert.match(rejected.err, /bad\.ndjson:2: Patient\.gender/);
  const after = allied('export', '--tenant', 'clinic', '--types', 'Patient');
  assert.doesNotMatch(after.out, /p-2/);
  assert.equal(JSON.parse(after.out).entry.length, 1);
  assert.equal(allied('import', bundle, '--tenant', 'nowhere').code, 2);
});

test('audit verify passes, then detects an edited entry', async () => {
  const ok = allied('audit', 'verify');
  assert.equal(ok.code, 0, ok.err + ok.out);
  assert.match(ok.out, /Audit log intact: \d+ entries/);
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new PGlite(join(dir, 'data'));
  await db.query(`UPDATE audit_log SET resource_id = 'forged' WHERE chain_pos = 2`);
  await db.close();
  const bad = allied('audit', 'verify');
  assert.equal(bad.code, 1);
  assert.match(bad.out, /AUDIT LOG TAMPERED/);
  assert.match(bad.out, /entry 2 .* altered/);
});

test('config set and get: an organisation overrides a DEFAULT rule; a bad value names its field', () => {
  const good = join(dir, 'cfg.json');
  writeFileSync(good, JSON.stringify({ phlebotomy: { citrateMinFillPct: 93 } }));
  assert.equal(allied('config', 'set', '--tenant', 'clinic', '--file', good).code, 0);
  const effective = JSON.parse(allied('config', 'get', '--tenant', 'clinic', '--effective').out);
  assert.equal(effective.phlebotomy.citrateMinFillPct, 93);
  const bad = join(dir, 'bad-cfg.json');
  writeFileSync(bad, JSON.stringify({ phlebotomy: { citrateMinFillPct: -4 } }));
  const r = allied('config', 'set', '--tenant', 'clinic', '--file', bad);
  assert.equal(r.code, 1);
  assert.match(r.err, /citrateMinFillPct/);
});
