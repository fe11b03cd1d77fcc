import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Patient } from '@medplum/fhirtypes';
import { testBackends } from './testing.js';
import { searchSql } from './search.js';
import { reindexAll } from './store.js';
import { migrate } from './migrations/runner.js';

const ctx = { tenant: 'srch', user: { id: 'u1', username: 'tester', role: 'admin' }, source: '127.0.0.1' };

const families = (r: { resources: unknown[] }) => r.resources.map((p) => (p as Patient).name?.[0].family).sort();

for (const backend of testBackends) {
  describe(`string search on ${backend.name}`, () => {
    let store: Awaited<ReturnType<typeof backend.open>>;
    const find = async (query: string) => families(await store.repo.search(ctx, 'Patient', new URLSearchParams(query)));
    before(async () => {
      store = await backend.open();
      const people: [string, string[]][] = [
        ["O'Brien-Zoë", ['Anne Marie']],
        ['Van der Berg', ['Pieter']],
        ['Wolfeschlegelsteinhausenbergerdorff', ['Hubert']],
        ['Bergman', ['Ingrid']],
      ];
      for (const [family, given] of people) await store.repo.create(ctx, { resourceType: 'Patient', name: [{ family, given }] });
      await store.repo.create({ tenant: 'elsewhere' }, { resourceType: 'Patient', name: [{ family: 'Bergstrom', given: ['Other'] }] });
    });
    after(async () => store?.cleanup());

    test('the default search matches the start of any word of any name part, whatever the case and accents', async () => {
      assert.deepEqual(await find('name=BERG'), ['Bergman', 'Van der Berg']);
      assert.deepEqual(await find('family=o%27b'), ["O'Brien-Zoë"]);
      assert.deepEqual(await find('given=marie'), ["O'Brien-Zoë"]);
      assert.deepEqual(await find('given=mari%C3%A9'), ["O'Brien-Zoë"], 'an accent in the query is ignored too');
      assert.deepEqual(await find('name=rien'), [], 'the middle of a word is not a start');
      assert.deepEqual(await find('name=der%20berg'), ['Van der Berg'], 'several words match in sequence');
      assert.deepEqual(await find('name=van%20berg'), []);
      assert.deepEqual(await find('name=ingrid,hubert'), ['Bergman', 'Wolfeschlegelsteinhausenbergerdorff']);
    });

    test('words longer than the indexed prefixes still match exactly', async () => {
      assert.deepEqual(await find('family=wolfeschlegelsteinhausenberger'), ['Wolfeschlegelsteinhausenbergerdorff']);
      assert.deepEqual(await find('family=wolfeschlegelsteinhausenbergerdorff'), ['Wolfeschlegelsteinhausenbergerdorff']);
      assert.deepEqual(await find('family=wolfeschlegelsteinhausenbergerX'), [], 'shares the first 20 letters, differs after');
    });

    test(':exact matches a whole word, :contains any part of the text; other tenants stay out', async () => {
      assert.deepEqual(await find('family:exact=berg'), ['Van der Berg']);
      assert.deepEqual(await find('family:exact=ber'), []);
      assert.deepEqual(await find('family:contains=ERGMA'), ['Bergman']);
      assert.deepEqual(await find('family=ergma'), []);
      assert.deepEqual(await find('family=bergstrom'), [], 'Bergstrom belongs to another organisation');
      await assert.rejects(store.repo.search(ctx, 'Patient', new URLSearchParams('family:sounds=berg')), /not supported on family/);
    });

    test('an upgrade recomputes what an older layout lacked and leaves rows that were right alone', async () => {
      const t = { tenant: 'upgrade' };
      const stale = (await store.repo.create<Patient>(t, { resourceType: 'Patient', name: [{ family: 'Olderlayout' }], birthDate: '1944-04-04' })).resource;
      const fine = (await store.repo.create<Patient>(t, { resourceType: 'Patient', name: [{ family: 'Rightalready' }] })).resource;
      // as if written before name and birthdate were indexed; and a layout the store has not seen
      await store.db.query(`UPDATE res_patient SET sp_name = NULL, sp_family = NULL, sp_birthdate_lo = NULL, sp_birthdate_hi = NULL WHERE id = $1`, [stale.id]);
      await store.db.query(`UPDATE search_layout SET hash = 'older'`);
      const version = async (id: string) => (await store.db.query<{ x: string }>(`SELECT xmin::text AS x FROM res_patient WHERE id = $1`, [id])).rows[0].x;
      const before = await version(fine.id!);
      assert.equal((await store.repo.search(t, 'Patient', new URLSearchParams('family=olderlayout'))).resources.length, 0);
      await migrate(store.db, { reindex: reindexAll });
      assert.deepEqual((await store.repo.search(t, 'Patient', new URLSearchParams('family=olderlayout&birthdate=1944'))).resources.map((p) => p.id), [stale.id]);
      assert.equal(await version(fine.id!), before, 'a row whose search columns were right is not rewritten');
    });
  });

  describe(`search plans on ${backend.name}`, () => {
    let store: Awaited<ReturnType<typeof backend.open>>;
    const tenant = 'plans';
    before(async () => {
      store = await backend.open();
      // 2,000 older patients share a family name; 10,000 newer ones do not (as after a busy day of registrations)
      await store.db.query(
        `INSERT INTO res_patient (tenant, id, version, last_updated, deleted, content, sp_name, sp_family, sp_given)
         SELECT $1, 'p-' || g, 1, timestamptz '2026-01-01' + g * interval '1 second', false,
           jsonb_build_object('resourceType', 'Patient', 'id', 'p-' || g, 'meta', jsonb_build_object('versionId', '1'),
             'name', jsonb_build_array(jsonb_build_object('family', CASE WHEN g <= 2000 THEN 'Commonname' ELSE 'Family' || g END, 'given', jsonb_build_array('Pat')))),
           CASE WHEN g <= 2000 THEN ' commonname pat' ELSE ' family' || g || ' pat' END,
           CASE WHEN g <= 2000 THEN ' commonname' ELSE ' family' || g END,
           ' pat'
         FROM generate_series(1, 12000) g`,
        [tenant],
      );
      await store.db.exec('ANALYZE res_patient');
    });
    after(async () => store?.cleanup());

    const plan = async (query: string) => {
      const q = searchSql(tenant, 'Patient', new URLSearchParams(query));
      return (await store.db.query<Record<string, string>>(`EXPLAIN ${q.page}`, q.params)).rows.map((r) => Object.values(r)[0]).join('\n');
    };

    test('a name search is answered from the word-prefix index, not a scan', async () => {
      // family has no index of its own: its words are words of name
      const one = await plan('family:exact=Family10123');
      assert.match(one, /res_patient_sp_name_prefixes_idx/, one);
      assert.doesNotMatch(one, /Seq Scan/, one);
      const page = await plan('name=commonname&_count=20');
      assert.match(page, /res_patient_sp_name_prefixes_idx/, page);
      // walking the newest-first index would pass all 10,000 newer patients before the first match
      assert.doesNotMatch(page, /res_patient_updated_idx|Seq Scan/, page);
    });

    test('a page of a common name: 20 newest first, and a next page', async () => {
      const r = await store.repo.search({ tenant }, 'Patient', new URLSearchParams('name=commonname&_count=20'));
      assert.equal(r.resources.length, 20);
      assert.equal(r.hasMore, true);
      assert.deepEqual(r.resources.map((p) => p.id), Array.from({ length: 20 }, (_, i) => `p-${2000 - i}`));
      const one = await store.repo.search({ tenant }, 'Patient', new URLSearchParams('family:exact=Family10123'));
      assert.deepEqual(one.resources.map((p) => p.id), ['p-10123']);
    });
  });
}
