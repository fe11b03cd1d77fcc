import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Patient, ServiceRequest } from '@medplum/fhirtypes';
import { testBackends } from './testing.js';
import { FhirError } from '../fhir/errors.js';
import { verifyAuditChain } from './audit.js';
import { migrate } from './migrations/runner.js';

const ctx = { tenant: 't1', user: { id: 'u1', username: 'tester', role: 'admin' }, source: '127.0.0.1' };
const other = { tenant: 't2' };

const patient = (family: string, given: string, birthDate = '1980-02-03'): Patient => ({
  resourceType: 'Patient',
  identifier: [{ system: 'urn:allied:mrn', value: `MRN-${family}` }],
  name: [{ family, given: [given] }],
  birthDate,
  gender: 'female',
});

async function rejects(p: Promise<unknown>, status: number): Promise<FhirError> {
  try {
    await p;
  } catch (error) {
    assert.ok(error instanceof FhirError, `expected a FhirError, got ${error}`);
    assert.equal(error.status, status, error.message);
    return error;
  }
  assert.fail(`expected a ${status} error`);
}

for (const backend of testBackends) {
  describe(`store on ${backend.name}`, () => {
    let store: Awaited<ReturnType<typeof backend.open>>;
    before(async () => {
      store = await backend.open();
    });
    after(async () => {
      await store?.cleanup();
    });

    test('create, read, update with versions and history, delete', async () => {
      const { resource: p } = await store.repo.create(ctx, patient('Okafor', 'Ada'));
      assert.equal(p.meta?.versionId, '1');
      const read = await store.repo.read<Patient>(ctx, 'Patient', p.id!);
      assert.equal(read.name?.[0].family, 'Okafor');
      const { resource: p2 } = await store.repo.update(ctx, { ...read, gender: 'other' }, { ifMatch: 'W/"1"' });
      assert.equal(p2.meta?.versionId, '2');
      await rejects(store.repo.update(ctx, { ...read, gender: 'male' }, { ifMatch: 'W/"1"' }), 412);
      const v1 = await store.repo.vread<Patient>(ctx, 'Patient', p.id!, '1');
      assert.equal(v1.gender, 'female');
      const hist = await store.repo.history(ctx, 'Patient', p.id!);
      assert.deepEqual(hist.map((h) => h.versionId), ['2', '1']);
      await store.repo.delete(ctx, 'Patient', p.id!);
      await rejects(store.repo.read(ctx, 'Patient', p.id!), 410);
      assert.equal((await store.repo.history(ctx, 'Patient', p.id!)).length, 3);
    });

    test('tenants never see each other', async () => {
      const { resource: p } = await store.repo.create(ctx, patient('Tenantson', 'Ida'));
      await rejects(store.repo.read(other, 'Patient', p.id!), 404);
      const found = await store.repo.search(other, 'Patient', new URLSearchParams('family=Tenantson'));
      assert.equal(found.resources.length, 0);
    });

    test('search by name prefix, birthdate prefixes, identifier, sort and paging', async () => {
      for (const [f, g, b] of [['Lindqvist', 'Maja', '1990-05-01'], ['Lindgren', 'Oskar', '2001-11-30'], ['Mbeki', 'Thabo', '1955-01-20']]) {
        await store.repo.create(ctx, patient(f, g, b));
      }
      const lind = await store.repo.search(ctx, 'Patient', new URLSearchParams('name=lind&_sort=family'));
      assert.deepEqual(lind.resources.map((r) => (r as Patient).name?.[0].family), ['Lindgren', 'Lindqvist']);
      const older = await store.repo.search(ctx, 'Patient', new URLSearchParams('birthdate=lt1960-01-01&family=Mbeki'));
      assert.equal(older.resources.length, 1);
      const exact = await store.repo.search(ctx, 'Patient', new URLSearchParams('birthdate=1990-05'));
      assert.ok(exact.resources.some((r) => (r as Patient).name?.[0].family === 'Lindqvist'));
      const byId = await store.repo.search(ctx, 'Patient', new URLSearchParams('identifier=urn:allied:mrn|MRN-Mbeki'));
      assert.equal(byId.resources.length, 1);
      const page = await store.repo.search(ctx, 'Patient', new URLSearchParams('_count=1&_sort=birthdate&_total=accurate'));
      assert.equal(page.resources.length, 1);
      assert.equal(page.hasMore, true);
      assert.ok((page.total ?? 0) >= 3);
      await rejects(store.repo.search(ctx, 'Patient', new URLSearchParams('shoe-size=9')), 400);
      await rejects(store.repo.search(ctx, 'Patient', new URLSearchParams('birthdate=yesterday')), 400);
    });

    test('ServiceRequest by patient and status, with _include and _revinclude', async () => {
      const { resource: p } = await store.repo.create(ctx, patient('Nakamura', 'Hiro'));
      const sr: ServiceRequest = { resourceType: 'ServiceRequest', status: 'active', intent: 'order', priority: 'stat', subject: { reference: `Patient/${p.id}` }, code: { coding: [{ system: 'http://loinc.org', code: '58410-2' }] } };
      const { resource: created } = await store.repo.create(ctx, sr);
      await store.repo.create(ctx, { ...sr, status: 'completed' });
      await store.repo.create(ctx, { resourceType: 'Task', status: 'requested', intent: 'order', basedOn: [{ reference: `ServiceRequest/${created.id}` }], for: { reference: `Patient/${p.id}` } });
      const r = await store.repo.search(ctx, 'ServiceRequest', new URLSearchParams(`patient=${p.id}&status=active&_include=ServiceRequest:patient&_revinclude=Task:based-on`));
      assert.equal(r.resources.length, 1);
      assert.equal(r.resources[0].id, created.id);
      assert.deepEqual(r.included.map((x) => x.resourceType).sort(), ['Patient', 'Task']);
      const byCode = await store.repo.search(ctx, 'ServiceRequest', new URLSearchParams(`code=http://loinc.org|58410-2&subject=Patient/${p.id}&priority=stat`));
      assert.equal(byCode.resources.length, 2);
    });

    test('JSON Patch applies and a failing test op changes nothing', async () => {
      const { resource: p } = await store.repo.create(ctx, patient('Patchett', 'Pat'));
      const patched = await store.repo.patch<Patient>(ctx, 'Patient', p.id!, [{ op: 'replace', path: '/gender', value: 'male' }]);
      assert.equal(patched.gender, 'male');
      await rejects(store.repo.patch(ctx, 'Patient', p.id!, [{ op: 'test', path: '/gender', value: 'female' }, { op: 'remove', path: '/name' }]), 422);
      const again = await store.repo.read<Patient>(ctx, 'Patient', p.id!);
      assert.equal(again.name?.[0].family, 'Patchett');
    });

    test('a failing transaction stores nothing', async () => {
      await rejects(
        store.repo.transaction(async (repo) => {
          await repo.create(ctx, patient('Rollback', 'Rita'));
          await repo.update(ctx, { ...patient('Ghost', 'Gus'), id: 'nope' }, { ifMatch: 'W/"4"' });
        }),
        412,
      );
      const r = await store.repo.search(ctx, 'Patient', new URLSearchParams('family=Rollback'));
      assert.equal(r.resources.length, 0);
    });

    test('audit rows are written, sealed into a chain, and tampering is detected', async () => {
      await store.repo.create(ctx, patient('Audit', 'Anna'));
      await store.audit.flush();
      while ((await store.audit.seal()) > 0);
      const ok = await verifyAuditChain(store.db);
      assert.equal(ok.ok, true, ok.problems.join('\n'));
      assert.ok(ok.checked > 5);
      await store.db.query(`UPDATE audit_log SET username = 'mallory' WHERE chain_pos = 3`);
      const bad = await verifyAuditChain(store.db);
      assert.equal(bad.ok, false);
      assert.match(bad.problems.join('\n'), /entry 3 .* altered/);
      await store.db.query(`DELETE FROM audit_log WHERE chain_pos = 3`);
      const gap = await verifyAuditChain(store.db);
      assert.match(gap.problems.join('\n'), /missing/);
    });

    test('a failed migration leaves the database as it was', async () => {
      await assert.rejects(
        migrate(store.db, { list: [{ version: 999, name: 'broken', sql: 'CREATE TABLE half_done (x int); SELECT no_such_function();' }] }),
        /migration 999 \(broken\) failed and was rolled back/,
      );
      const t = await store.db.query(`SELECT to_regclass('half_done') AS t`);
      assert.equal(t.rows[0].t, null);
      const v = await store.db.query(`SELECT count(*)::int AS n FROM schema_migration WHERE version = 999`);
      assert.equal(Number(v.rows[0].n), 0);
    });
  });
}
