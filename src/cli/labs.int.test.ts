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

const tricounty = {
  id: 'tricounty', name: 'Tri-County Reference Laboratory', host: '127.0.0.1', port: 6661,
  orderables: ['LAB-TSH'],
  profile: { messageType: 'OML^O21', receivingFacility: ['TRICOUNTY', '05D0000001', 'CLIA'], obr4: 'local', testCodes: { '3016-3': { code: 'TSH1', display: 'TSH 3rd gen' } } },
};

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'allied-cli-labs-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('allied labs: import checks every field with its position, list shows the labs, export round-trips, removal needs --move-in-house', () => {
  assert.equal(allied('user', 'add', '--tenant', 'north', '--username', 'north-admin', '--role', 'admin', '--password', 'long-enough-pw').code, 0);
  const empty = allied('labs', 'list', '--tenant', 'north');
  assert.equal(empty.code, 0, empty.err);
  assert.match(empty.out, /"north" has no reference labs/);

  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify([tricounty, { ...tricounty, id: 'east', port: 0 }]));
  const refused = allied('labs', 'import', bad, '--tenant', 'north');
  assert.equal(refused.code, 1);
  assert.match(refused.err, /bad\.json at \[1\]\.port: The port must be a whole number from 1 to 65535 \(got 0\)\. Nothing was imported\./);
  const unmapped = join(dir, 'unmapped.json');
  writeFileSync(unmapped, JSON.stringify([{ ...tricounty, profile: { ...tricounty.profile, testCodes: {} } }]));
  const noCode = allied('labs', 'import', unmapped, '--tenant', 'north');
  assert.equal(noCode.code, 1);
  assert.match(noCode.err, /at \[0\]\.profile\.testCodes: Tri-County Reference Laboratory takes its own test codes in OBR-4, but has none for TSH \(LAB-TSH, sent as 3016-3\)/);

  const good = join(dir, 'labs.json');
  writeFileSync(good, JSON.stringify([tricounty]));
  const imported = allied('labs', 'import', good, '--tenant', 'north');
  assert.equal(imported.code, 0, imported.err);
  assert.match(imported.out, /Imported 1 reference lab into "north"\. Added: tricounty\./);

  const list = allied('labs', 'list', '--tenant', 'north');
  assert.equal(list.code, 0, list.err);
  const [head, row] = list.out.trim().split('\n');
  assert.match(head, /^ID\s+NAME\s+ADDRESS\s+MESSAGE\s+OBR-4\s+CODES\s+TESTS$/);
  assert.match(row, /^tricounty\s+Tri-County Reference Laboratory\s+127\.0\.0\.1:6661\s+OML\^O21\s+local\s+1\s+1$/);

  const out = join(dir, 'out.json');
  assert.equal(allied('labs', 'export', out, '--tenant', 'north').code, 0);
  const exported = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(exported[0].profile.id, 'tricounty');
  assert.deepEqual(exported[0].profile.receivingFacility, ['TRICOUNTY', '05D0000001', 'CLIA']);
  assert.equal(exported[0].orderables, undefined, 'the catalogue holds where tests go');
  assert.deepEqual(JSON.parse(allied('labs', 'export', '--tenant', 'north').out), exported);
  assert.equal(allied('labs', 'import', out, '--tenant', 'north').code, 0, 'its own export imports unchanged');

  const none = join(dir, 'none.json');
  writeFileSync(none, '[]');
  const stranded = allied('labs', 'import', none, '--tenant', 'north');
  assert.equal(stranded.code, 1);
  assert.match(stranded.err, /Cannot remove tricounty: the catalogue still sends 1 test there: LAB-TSH .* with --move-in-house to have the in-house lab perform them\. Nothing was imported\./);
  const moved = allied('labs', 'import', none, '--tenant', 'north', '--move-in-house');
  assert.equal(moved.code, 0, moved.err);
  assert.match(moved.out, /Imported 0 reference labs into "north"\. Removed: tricounty\./);

  writeFileSync(join(dir, 'notes.txt'), 'not json');
  assert.equal(allied('labs', 'import', join(dir, 'notes.txt'), '--tenant', 'north').code, 2);
  assert.equal(allied('labs', 'list', '--tenant', 'nowhere').code, 2);
  assert.equal(allied('labs', 'export', '--tenant', 'north', '--move-in-house').code, 2);
  assert.equal(allied('labs', 'import', '--tenant', 'north').code, 2);
});
