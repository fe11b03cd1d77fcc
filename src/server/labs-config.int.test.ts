/**
 * Reference-lab configuration through the API as the web page and the CLI use it: the lab list with
 * what the catalogue sends each lab, field-by-field validation, the message preview (the outbox's
 * own writer) and the connection test, on PGlite and PostgreSQL.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Hl7Message as PeerMessage } from '@medplum/core';
import { startFixture, client, type ServerFixture } from './fixture.js';

const json = { 'content-type': 'application/json' };

const tricounty = {
  id: 'tricounty', name: 'Tri-County Reference Laboratory', host: '127.0.0.1', port: 6661, maxAttempts: 3,
  profile: {
    messageType: 'ORM^O01', sendingApplication: ['ALLIED'], sendingFacility: ['RIVERSIDE'], receivingApplication: ['TCLAB'], receivingFacility: ['TRICOUNTY', '05D0000001', 'CLIA'],
    segments: { pv1: true, nte: true }, placerNumber: { prefix: 'RS' }, obr4: 'local', testCodes: { '3016-3': { code: 'TSH1', display: 'TSH 3rd gen' } }, criticalFlags: ['PH'],
  },
};

/** A port with nothing listening: bind one, note it, close it. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

for (const backend of ['pglite', 'postgres'] as const) {
  describe(`reference lab configuration on ${backend}`, () => {
    let fx: ServerFixture;
    let listener: Server;
    const as = (role: string) => client(fx.url, fx.tokens[`t1:${role}`]);
    before(async () => {
      fx = await startFixture(backend);
      listener = createServer((socket) => socket.end());
      await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
    });
    after(async () => {
      await new Promise((r) => listener?.close(r));
      await fx?.close();
    });

    test('the lab list says what the catalogue sends where, for the interface desk; not for other roles', async () => {
      const r = await as('lab')('GET', '/api/interfaces/labs');
      assert.equal(r.status, 200);
      assert.deepEqual(r.body.labs, []);
      const tsh = r.body.tests.find((t: any) => t.code === 'LAB-TSH');
      assert.deepEqual(tsh.sentAs, { code: '3016-3', system: 'LN' });
      assert.equal(tsh.performingLab, undefined, 'in-house until a lab is named');
      assert.equal((await as('physician')('GET', '/api/interfaces/labs')).status, 403);
    });

    test('an admin stores a full profile; it reads back as sent; only an admin may', async () => {
      assert.equal((await as('lab')('PUT', '/api/interfaces/labs', [tricounty], json)).status, 403);
      const put = await as('admin')('PUT', '/api/interfaces/labs', [tricounty], json);
      assert.equal(put.status, 200, JSON.stringify(put.body));
      const read = await as('lab')('GET', '/api/interfaces/labs');
      assert.deepEqual(read.body.labs, [{ ...tricounty, profile: { ...tricounty.profile, id: 'tricounty' } }]);
      assert.deepEqual(read.body.outbox, { tricounty: { pending: 0, failed: 0 } });
    });

    test('a bad field is refused with its path and a reason; nothing changes', async () => {
      const bad = [tricounty, { ...tricounty, id: 'eastlab', profile: { ...tricounty.profile, sendingFacility: ['EAST^123'] } }];
      const r = await as('admin')('PUT', '/api/interfaces/labs', bad, json);
      assert.equal(r.status, 422);
      assert.equal(r.body.error.field, '[1].profile.sendingFacility[0]');
      assert.match(r.body.error.message, /Sending facility \(MSH-4\).*delimiter/);
      const port = await as('admin')('PUT', '/api/interfaces/labs', [{ ...tricounty, port: 'sixty' }], json);
      assert.equal(port.body.error.field, '[0].port');
      assert.equal((await as('admin')('PUT', '/api/interfaces/labs', { labs: [] }, json)).status, 422);
      assert.equal((await as('lab')('GET', '/api/interfaces/labs')).body.labs.length, 1);
    });

    test('a lab that takes its own codes must have one for every test the catalogue sends it', async () => {
      const psa = (await as('admin')('GET', '/api/catalogue?q=PSA')).body.items.find((o: any) => o.code === 'LAB-PSA');
      // the catalogue refuses to send a test there before the lab has a code for it
      const early = await as('admin')('PUT', '/api/catalogue/LAB-PSA', { ...psa, performingLab: 'tricounty' }, json);
      assert.equal(early.status, 422, JSON.stringify(early.body));
      assert.equal(early.body.error.field, 'performingLab');
      const mapped = { ...tricounty, profile: { ...tricounty.profile, testCodes: { ...tricounty.profile.testCodes, '2857-1': { code: 'PSA2' } } } };
      assert.equal((await as('admin')('PUT', '/api/interfaces/labs', [mapped], json)).status, 200);
      const sent = await as('admin')('PUT', '/api/catalogue/LAB-PSA', { ...psa, performingLab: 'tricounty' }, json);
      assert.equal(sent.status, 200, JSON.stringify(sent.body));
      // and the lab cannot drop the code while the catalogue sends it the test
      const r = await as('admin')('PUT', '/api/interfaces/labs', [tricounty], json);
      assert.equal(r.status, 422);
      assert.equal(r.body.error.field, '[0].profile.testCodes');
      assert.match(r.body.error.message, /has none for .*LAB-PSA, sent as 2857-1/);
      const list = await as('lab')('GET', '/api/interfaces/labs');
      assert.equal(list.body.tests.find((t: any) => t.code === 'LAB-PSA').performingLab, 'tricounty');
    });

    test('the preview is the message the outbox would send, for a sample patient; another library reads it', async () => {
      const r = await as('lab')('POST', '/api/interfaces/labs/preview', tricounty, json);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const msg = PeerMessage.parse(r.body.segments.join('\r'));
      assert.equal(msg.getSegment('MSH')?.getComponent(6, 1), 'TRICOUNTY');
      assert.equal(msg.getSegment('MSH')?.getComponent(6, 3), 'CLIA');
      assert.equal(msg.getSegment('MSH')?.getComponent(4, 1), 'RIVERSIDE');
      const obr4 = msg.getAllSegments('OBR').map((s) => s.getComponent(4, 1));
      assert.ok(obr4.includes('TSH1'), `the mapped code in OBR-4 (got ${obr4.join(', ')})`);
      assert.match(msg.getSegment('ORC')!.getComponent(2, 1), /^RSAL\d{8}$/, 'the placer prefix');
      assert.equal(msg.getSegment('IN1'), undefined, 'IN1 is off in this profile');
      assert.match(r.body.problems.join(' '), /2857-1.*has no code in lab profile tricounty/, 'PSA goes there now and has no code in this draft');
      assert.deepEqual(r.body.tests.find((t: any) => t.code === '3016-3').sentAs, 'TSH1^TSH 3rd gen^L');

      const oml = await as('admin')('POST', '/api/interfaces/labs/preview', { ...tricounty, profile: { ...tricounty.profile, messageType: 'OML^O21', obr4: 'loinc', segments: { spm: true } } }, json);
      assert.deepEqual(oml.body.problems, []);
      assert.equal(oml.body.segments[0].split('|')[8], 'OML^O21^OML_O21');
      assert.ok(oml.body.segments.some((s: string) => s.startsWith('SPM|')));
      assert.ok(oml.body.segments.some((s: string) => s.startsWith('OBR|') && s.includes('|2857-1^')), 'LOINC in OBR-4');
    });

    test('a draft the preview cannot read is refused at its field; other roles may not preview', async () => {
      const r = await as('admin')('POST', '/api/interfaces/labs/preview', { ...tricounty, profile: { ...tricounty.profile, messageType: 'ORU^R01' } }, json);
      assert.equal(r.status, 422);
      assert.equal(r.body.error.field, 'profile.messageType');
      assert.equal((await as('nurse')('POST', '/api/interfaces/labs/preview', tricounty, json)).status, 403);
    });

    test('the connection test says reachable, refused or which field is wrong; admins only', async () => {
      const port = (listener.address() as AddressInfo).port;
      const up = await as('admin')('POST', '/api/interfaces/labs/test-connection', { host: '127.0.0.1', port }, json);
      assert.equal(up.status, 200);
      assert.equal(up.body.outcome, 'reachable');
      const down = await as('admin')('POST', '/api/interfaces/labs/test-connection', { host: '127.0.0.1', port: await closedPort() }, json);
      assert.equal(down.body.outcome, 'refused');
      assert.match(down.body.message, /refused the connection/);
      const bad = await as('admin')('POST', '/api/interfaces/labs/test-connection', { host: 'http://lab', port }, json);
      assert.equal(bad.status, 422);
      assert.equal(bad.body.error.field, 'host');
      assert.equal((await as('lab')('POST', '/api/interfaces/labs/test-connection', { host: '127.0.0.1', port }, json)).status, 403);
    });

    test('one lab at a time: add (409 for a taken id), change (404 for none; the id stays), paths the lab\'s own; others\' labs are kept', async () => {
      const east = { id: 'eastlab', name: 'East Lab', host: 'east.example', port: 2575 };
      assert.equal((await as('lab')('POST', '/api/interfaces/labs', east, json)).status, 403);
      const added = await as('admin')('POST', '/api/interfaces/labs', east, json);
      assert.equal(added.status, 201, JSON.stringify(added.body));
      assert.equal(added.body.lab.profile.messageType, 'ORM^O01');
      assert.deepEqual(added.body.labs.map((l: any) => l.id), ['tricounty', 'eastlab']);
      const taken = await as('admin')('POST', '/api/interfaces/labs', east, json);
      assert.equal(taken.status, 409);
      assert.equal(taken.body.error.field, 'id');
      // a page loaded before eastlab existed saves tricounty: eastlab stays
      const loaded = (await as('admin')('GET', '/api/interfaces/labs')).body.labs[0];
      const changed = await as('admin')('PUT', '/api/interfaces/labs/tricounty', { ...loaded, port: 7001 }, json);
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      assert.deepEqual(changed.body.labs.map((l: any) => [l.id, l.port]), [['tricounty', 7001], ['eastlab', 2575]]);
      const bad = await as('admin')('PUT', '/api/interfaces/labs/eastlab', { ...east, profile: { obr4: 'cpt' } }, json);
      assert.equal(bad.status, 422);
      assert.equal(bad.body.error.field, 'profile.obr4', 'the path within the lab, not its place in the list');
      assert.equal((await as('admin')('PUT', '/api/interfaces/labs/eastlab', { ...east, id: 'westlab' }, json)).body.error.field, 'id');
      assert.equal((await as('admin')('PUT', '/api/interfaces/labs/nolab', east, json)).status, 404);
      assert.equal((await as('admin')('POST', '/api/interfaces/labs/nolab/remove', {}, json)).status, 404);
      const removed = await as('admin')('POST', '/api/interfaces/labs/eastlab/remove', {}, json);
      assert.deepEqual(removed.body.labs.map((l: any) => l.id), ['tricounty']);
    });

    test('admins adding labs at the same moment each keep theirs', async () => {
      const labs = ['north', 'south', 'west', 'upstate', 'harbor'].map((id, i) => ({ id: `${id}lab`, name: `${id} lab`, host: `${id}.example`, port: 2600 + i }));
      const added = await Promise.all(labs.map((l) => as('admin')('POST', '/api/interfaces/labs', l, json)));
      assert.deepEqual(added.map((r) => r.status), [201, 201, 201, 201, 201]);
      const stored = (await as('admin')('GET', '/api/interfaces/labs')).body.labs.map((l: any) => l.id);
      for (const l of labs) assert.ok(stored.includes(l.id), `${l.id} kept (have ${stored.join(', ')})`);
      await Promise.all(labs.map((l) => as('admin')('POST', `/api/interfaces/labs/${l.id}/remove`, {}, json)));
      assert.deepEqual((await as('admin')('GET', '/api/interfaces/labs')).body.labs.map((l: any) => l.id), ['tricounty']);
    });

    test('removing a lab that still receives tests is refused naming them, then done with moveInHouse', async () => {
      const one = await as('admin')('POST', '/api/interfaces/labs/tricounty/remove', {}, json);
      assert.equal(one.status, 422);
      assert.equal(one.body.error.field, 'performingLab');
      assert.match(one.body.error.message, /LAB-PSA/);
      const r = await as('admin')('PUT', '/api/interfaces/labs', [], json);
      assert.equal(r.status, 422);
      assert.match(r.body.error.message, /Cannot remove tricounty: .*LAB-PSA/);
      const moved = await as('admin')('PUT', '/api/interfaces/labs?moveInHouse=true', [], json);
      assert.equal(moved.status, 200);
      const list = await as('lab')('GET', '/api/interfaces/labs');
      assert.deepEqual(list.body.labs, []);
      assert.equal(list.body.tests.find((t: any) => t.code === 'LAB-PSA').performingLab, undefined);
    });
  });
}
