import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { defaultDomainConfig } from '../../domain/index.js';
import type { Db } from '../../store/db.js';
import { testBackends } from '../../store/testing.js';
import { ServiceError } from '../errors.js';
import { createOrderable, loadCatalogue, replaceCatalogue, updateOrderable } from './store.js';
import type { CatalogueRules } from './validate.js';

const rules: CatalogueRules = { containers: defaultDomainConfig.phlebotomy.containers, tests: defaultDomainConfig.phlebotomy.tests, referenceLabs: [] };
const stores: { db: Db; cleanup(): Promise<void> }[] = [];
after(async () => {
  for (const s of stores) await s.cleanup();
});

test('each database keeps its own catalogue, even with the same organisation names in one process', async () => {
  const [a, b] = await Promise.all(testBackends.map((backend) => backend.open()));
  stores.push(a, b);
  for (const store of [a, b]) assert.equal((await loadCatalogue(store.db, 'org')).stored, false, 'an organisation without a catalogue reads the seed');
  const cmp = (await loadCatalogue(a.db, 'org')).find('LAB-CMP')!;
  await updateOrderable(a.db, 'org', 'LAB-CMP', { ...cmp, specimen: { ...cmp.specimen!, volumeMl: 4 } }, rules);
  assert.equal((await loadCatalogue(a.db, 'org')).find('LAB-CMP')?.specimen?.volumeMl, 4, 'the edit is in force at once');
  assert.equal((await loadCatalogue(b.db, 'org')).find('LAB-CMP')?.specimen?.volumeMl, 2, 'the other database is untouched');
  assert.equal((await loadCatalogue(a.db, 'other-org')).find('LAB-CMP')?.specimen?.volumeMl, 2, 'so is another organisation');
});

test('concurrent edits of different entries both land; a bad import changes nothing', async () => {
  for (const store of stores) {
    const cat = await loadCatalogue(store.db, 'busy');
    const cbc = cat.find('LAB-CBC')!;
    const tsh = cat.find('LAB-TSH')!;
    await Promise.all([
      updateOrderable(store.db, 'busy', 'LAB-CBC', { ...cbc, display: 'Full blood count' }, rules),
      updateOrderable(store.db, 'busy', 'LAB-TSH', { ...tsh, status: 'retired' }, rules),
      createOrderable(store.db, 'busy', { code: 'LAB-VITD', display: 'Vitamin D', kind: 'lab', coding: [{ system: 'http://loinc.org', code: '62292-8', display: '' }], specimen: { container: 'SST_GOLD', volumeMl: 1 } }, rules),
    ]);
    const now = await loadCatalogue(store.db, 'busy');
    assert.deepEqual([now.find('LAB-CBC')?.display, now.orderable('LAB-TSH'), now.find('LAB-VITD')?.kind], ['Full blood count', undefined, 'lab']);
    const items = [...now.items];
    await assert.rejects(replaceCatalogue(store.db, 'busy', [...items.slice(0, 3), { ...items[3], specimen: { container: 'SST_GOLD', volumeMl: 0 } }], rules), ServiceError);
    assert.deepEqual((await loadCatalogue(store.db, 'busy')).items, items);
  }
});
