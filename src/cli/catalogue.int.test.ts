import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = new URL('../../bin/allied.mjs', import.meta.url).pathname;
let dir: string;

function allied(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, ALLIED_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' }, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'allied-cli-catalogue-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('allied catalogue export and import: the Bundle round-trips, a bad file changes nothing and says where', () => {
  for (const tenant of ['north', 'south']) assert.equal(allied('user', 'add', '--tenant', tenant, '--username', `${tenant}-admin`, '--role', 'admin', '--password', 'long-enough-pw').code, 0);
  const north = join(dir, 'north.json');
  const out = allied('catalogue', 'export', north, '--tenant', 'north');
  assert.equal(out.code, 0, out.err);
  const bundle = JSON.parse(readFileSync(north, 'utf8'));
  assert.equal(bundle.resourceType, 'Bundle');

  const bad = structuredClone(bundle);
  bad.entry.find((e: any) => e.resource.resourceType === 'SpecimenDefinition').resource.typeTested[0].extension[0].valueQuantity.value = -1;
  writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
  const refused = allied('catalogue', 'import', join(dir, 'bad.json'), '--tenant', 'south');
  assert.equal(refused.code, 1);
  assert.match(refused.err, /bad\.json at \[0\]\.specimen\.volumeMl: Entry 1 \(LAB-CBC\): The volume must be more than 0 mL.*Nothing was imported/);

  const imported = allied('catalogue', 'import', north, '--tenant', 'south');
  assert.equal(imported.code, 0, imported.err);
  assert.match(imported.out, /Imported \d+ catalogue entries into "south"/);
  const south = allied('catalogue', 'export', '--tenant', 'south');
  assert.deepEqual(JSON.parse(south.out), bundle);

  assert.equal(allied('catalogue', 'export', '--tenant', 'nowhere').code, 2);
  assert.equal(allied('catalogue', 'import', '--tenant', 'south').code, 2);
});
