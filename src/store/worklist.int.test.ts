import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from './testing.js';
import { insertSyntheticTasks } from './synthetic.js';
import { worklistSql, worklistTasks } from './worklist.js';

for (const backend of testBackends) {
  describe(`worklist query on ${backend.name}`, () => {
    let store: Awaited<ReturnType<typeof backend.open>>;
    before(async () => {
      store = await backend.open();
      await insertSyntheticTasks(store.db, 'wl', 60_000);
    });
    after(async () => store?.cleanup());

    test('a role\'s worklist is answered from the worklist index, not a scan', async () => {
      for (const withLocation of [false, true])
        for (const withOrder of [false, true]) {
          const params: unknown[] = ['wl', 'phlebotomist', 50, ...(withLocation ? ['Location/loc-4'] : [])];
          const plan = (await store.db.query<Record<string, string>>(`EXPLAIN ${worklistSql(withLocation, withOrder)}`, params)).rows.map((r) => Object.values(r)[0]).join('\n');
          assert.match(plan, withLocation ? /res_task_worklist_loc_idx/ : /res_task_worklist_idx/, plan);
          assert.doesNotMatch(plan, /Seq Scan on res_(task|servicerequest)/, plan);
        }
    });

    test('STAT first, then by due time; only open tasks', async () => {
      const rows = await worklistTasks(store.db, 'wl', 'phlebotomist', { limit: 100 });
      assert.equal(rows.length, 100);
      const ranks = rows.map((r) => ({ stat: 0, asap: 1, urgent: 2, routine: 3 })[r.task.priority as 'stat']);
      assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b));
      const stats = rows.filter((r) => r.task.priority === 'stat').map((r) => r.task.restriction!.period!.end!);
      assert.deepEqual(stats, [...stats].sort());
      assert.ok(rows.every((r) => r.task.status !== 'completed'));
    });
  });
}
