import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from './testing.js';
import { analyzeChangedTables } from './statistics.js';

const postgres = testBackends.find((b) => b.name === 'postgres')!;

test('tables that changed a lot since their statistics are analysed, the others left alone (PostgreSQL)', async () => {
  const store = await postgres.open();
  try {
    await analyzeChangedTables(store.db); // whatever the migrations left
    await store.db.query(`ANALYZE`);
    await store.db.query(
      `INSERT INTO res_patient (tenant, id, version, last_updated, content) SELECT 'st', 'p' || g, 1, now(), '{"resourceType":"Patient"}' FROM generate_series(1, 3000) g`,
    );
    await store.db.query(`INSERT INTO res_location (tenant, id, version, last_updated, content) VALUES ('st', 'l1', 1, now(), '{"resourceType":"Location"}')`);
    const estimate = async () => Number((await store.db.query<{ n: number }>(`SELECT reltuples::bigint AS n FROM pg_class WHERE relname = 'res_patient'`)).rows[0].n);
    assert.ok((await estimate()) < 3000, 'before: the planner does not know about the new rows');
    // the server reports its counters within a second or so of the writes
    let analysed: string[] = [];
    for (let i = 0; i < 40 && !analysed.includes('res_patient'); i++) {
      await new Promise((r) => setTimeout(r, 250));
      analysed = await analyzeChangedTables(store.db);
    }
    assert.ok(analysed.includes('res_patient'), `analysed: ${analysed.join(', ')}`);
    assert.ok(!analysed.includes('res_location'), 'one new row in an empty table is below the threshold (50 rows + 10%)');
    assert.equal(await estimate(), 3000);
  } finally {
    await store.cleanup();
  }
});
