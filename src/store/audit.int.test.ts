import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from './testing.js';
import { AuditLog, verifyAuditChain } from './audit.js';

const ctx = (n: number) => ({ tenant: 'aud', user: { id: `u${n}`, username: `user${n}`, role: 'nurse' }, source: '10.0.0.1' });

for (const backend of testBackends) {
  describe(`audit chain on ${backend.name}`, () => {
    let store: Awaited<ReturnType<typeof backend.open>>;
    before(async () => {
      store = await backend.open();
    });
    after(async () => store?.cleanup());

    test('reads flushed from two processes at once and writes sealed later form one unbroken chain', async () => {
      // two AuditLogs stand for two server workers flushing into the same database
      const a = new AuditLog(store.db, 5);
      const b = new AuditLog(store.db, 5);
      const writes: Promise<unknown>[] = [];
      for (let i = 0; i < 300; i++) {
        a.enqueue(ctx(1), 'read', 'Patient', `pa-${i}`, `Patient/pa-${i}`);
        b.enqueue(ctx(2), 'search', 'Patient', undefined, undefined, '0', `name=x${i}`);
        if (i % 30 === 0) writes.push(store.repo.create(ctx(3), { resourceType: 'Patient', name: [{ family: `Written${i}` }] }));
      }
      await Promise.all([a.flush(), b.flush(), ...writes]);
      await Promise.all([a.close(), b.close()]);
      const reads = await store.db.query<{ n: number; linked: number }>(
        `SELECT count(*)::int AS n, count(hash)::int AS linked FROM audit_log WHERE tenant = 'aud' AND operation IN ('read', 'search')`,
      );
      assert.equal(Number(reads.rows[0].n), 600);
      assert.equal(Number(reads.rows[0].linked), 600, 'reads and searches are in the chain as soon as they are stored');
      while ((await store.audit.seal()) > 0);
      const report = await verifyAuditChain(store.db);
      assert.equal(report.ok, true, report.problems.join('\n'));
      assert.equal(report.unsealed, 0);
      assert.ok(report.checked >= 610);
      await store.db.query(`UPDATE audit_log SET resource_id = 'pa-999' WHERE resource_id = 'pa-42'`);
      const tampered = await verifyAuditChain(store.db);
      assert.match(tampered.problems.join('\n'), /read Patient\/pa-999\) was altered/);
    });
  });
}
