import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Communication, Observation, Task } from '@medplum/fhirtypes';
import { randomUUID } from 'node:crypto';
import { testBackends } from '../../store/testing.js';
import { CHANGES_CHANNEL, type Store } from '../../store/store.js';
import { ensureTenant } from '../../store/users.js';
import { verifyAuditChain } from '../../store/audit.js';
import { writeMany, type BulkWrite } from './bulk-write.js';

const ctx = { tenant: 'bw' };
const observation = (batch: string, i: number): Observation => ({
  resourceType: 'Observation',
  id: randomUUID(),
  status: 'final',
  identifier: [{ system: 'urn:test:batch', value: `${batch}-${i}` }],
  code: { coding: [{ system: 'http://loinc.org', code: '2951-2' }] },
  subject: { reference: 'Patient/p1' },
  valueQuantity: { value: 130 + (i % 20), unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' },
});

for (const backend of testBackends) {
  describe(`bulk write of filed results, in several statements (${backend.name})`, () => {
    let store: Store & { cleanup(): Promise<void> };
    const count = async (sql: string, params: unknown[] = []) => Number((await store.db.query<{ n: number }>(sql, params)).rows[0].n);
    before(async () => {
      store = await backend.open();
      await ensureTenant(store.db, 'bw', 'Bulk write');
    });
    after(async () => {
      await store?.cleanup();
    });

    test('500 new results (more than one statement holds) are all stored, searchable, with history and audit rows linked into the chain', async () => {
      const items: BulkWrite[] = Array.from({ length: 500 }, (_, i) => ({ ctx, resource: observation('A', i), trusted: true }));
      await store.repo.transaction((tx) => writeMany(tx, items));
      assert.equal(await count(`SELECT count(*) AS n FROM res_observation WHERE sp_identifier && ARRAY['urn:test:batch|A-0', 'urn:test:batch|A-499']`), 2, 'first and last found by identifier');
      assert.equal(await count(`SELECT count(*) AS n FROM res_observation WHERE content->'identifier'->0->>'value' LIKE 'A-%'`), 500);
      assert.equal(await count(`SELECT count(*) AS n FROM res_observation_history WHERE content->'identifier'->0->>'value' LIKE 'A-%'`), 500);
      assert.equal(await count(`SELECT count(*) AS n FROM audit_log WHERE resource_type = 'Observation' AND operation = 'create'`), 500);
      assert.equal((await verifyAuditChain(store.db)).ok, true);
    });

    test('when a later statement finds an id already stored, nothing of the call stays (409), and the next call writes normally', async () => {
      const existing = (await store.db.query<{ id: string }>(`SELECT id FROM res_observation LIMIT 1`)).rows[0].id;
      const items: BulkWrite[] = Array.from({ length: 400 }, (_, i) => ({ ctx, resource: i === 390 ? { ...observation('B', i), id: existing } : observation('B', i), trusted: true }));
      await assert.rejects(
        store.repo.transaction((tx) => writeMany(tx, items)),
        (e: Error & { status?: number }) => /already exist/.test(e.message),
      );
      assert.equal(await count(`SELECT count(*) AS n FROM res_observation WHERE content->'identifier'->0->>'value' LIKE 'B-%'`), 0, 'the chunks written before the failing one are rolled back');
      assert.equal(await count(`SELECT count(*) AS n FROM audit_log WHERE resource_type = 'Observation' AND operation = 'create'`), 500);
      await store.repo.transaction((tx) => writeMany(tx, [{ ctx, resource: observation('C', 0), trusted: true }]));
      assert.equal(await count(`SELECT count(*) AS n FROM res_observation WHERE content->'identifier'->0->>'value' = 'C-0'`), 1);
      assert.equal((await verifyAuditChain(store.db)).ok, true);
    });

    test('a filed critical notice and a task say whom their change notification is for, as single writes do (a live notices view wakes only its recipients)', async () => {
      const heard: { type: string; id: string; recipients?: string[]; role?: string }[] = [];
      const stop = await store.db.listen(CHANGES_CHANNEL, (payload) => heard.push(JSON.parse(payload)));
      try {
        const notice: Communication = { resourceType: 'Communication', id: randomUUID(), status: 'completed', recipient: [{ reference: 'Practitioner/dr-a' }, { display: 'ward' }], payload: [{ contentString: 'CRITICAL: K 6.8' }] };
        const task: Task = { resourceType: 'Task', id: randomUUID(), status: 'requested', intent: 'order', performerType: [{ coding: [{ code: 'phlebotomist' }] }] };
        await store.repo.transaction((tx) => writeMany(tx, [{ ctx, resource: notice, trusted: true }, { ctx, resource: task, trusted: true }, { ctx, resource: observation('N', 0), trusted: true }]));
        for (let i = 0; i < 50 && heard.length < 3; i++) await new Promise((r) => setTimeout(r, 20));
        const of = (id: string) => heard.find((e) => e.id === id);
        assert.deepEqual(of(notice.id!)?.recipients, ['Practitioner/dr-a']);
        assert.equal(of(task.id!)?.role, 'phlebotomist');
        const obs = heard.find((e) => e.type === 'Observation');
        assert.ok(obs && obs.recipients === undefined && obs.role === undefined, 'other types carry neither');
      } finally {
        await stop();
      }
    });
  });
}
