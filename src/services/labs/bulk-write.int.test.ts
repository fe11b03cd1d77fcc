import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Observation } from '@medplum/fhirtypes';
import { randomUUID } from 'node:crypto';
import { testBackends } from '../../store/testing.js';
import type { Store } from '../../store/store.js';
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
  });
}
