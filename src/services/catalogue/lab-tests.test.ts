import { test } from 'node:test';
import assert from 'node:assert/strict';
import { consolidateTubes, defaultDomainConfig, type DomainConfig } from '../../domain/index.js';
import { withCatalogue } from './lab-tests.js';
import type { Orderable } from './models.js';
import { seedCatalogue } from './seed.js';
import type { Catalogue } from './store.js';

function catalogueOf(items: Orderable[]): Catalogue {
  return { items, stored: true, find: (c) => items.find((o) => o.code === c), orderable: (c) => items.find((o) => o.code === c && o.status !== 'retired'), ofKind: (k) => items.filter((o) => o.kind === k) };
}
function edit(code: string, change: (o: Orderable) => Orderable): Catalogue {
  return catalogueOf(seedCatalogue().map((o) => (o.code === code ? change(o) : o)));
}
const tubes = (config: DomainConfig, tests: string[]) => consolidateTubes({ tests, device: 'needle', config }).map((t) => `${t.container}:${t.tests.join('+')}`);

test('the seed catalogue plans the DOMAIN.md A.4 worked examples unchanged', () => {
  const config = withCatalogue(defaultDomainConfig, catalogueOf(seedCatalogue()));
  assert.deepEqual(tubes(config, ['CMP', 'LIPID', 'TSH']), ['SST_GOLD:CMP+LIPID+TSH']);
  assert.deepEqual(tubes(config, ['PT_INR', 'APTT']), ['CITRATE_LT_BLUE:PT_INR+APTT']);
  assert.deepEqual(tubes(config, ['CBC', 'HBA1C']), ['EDTA_LAVENDER:CBC', 'EDTA_LAVENDER:HBA1C']);
  for (const [code, t] of Object.entries(defaultDomainConfig.phlebotomy.tests)) {
    const mine = config.phlebotomy.tests[code];
    assert.deepEqual([mine.container, mine.consolidationVolumeMl, mine.minWholeBloodMl, mine.handling, mine.stabilityMinutes], [t.container, t.consolidationVolumeMl, t.minWholeBloodMl, t.handling, t.stabilityMinutes], code);
  }
});

test('an edited volume, container or handling changes the tubes the plan asks for', () => {
  const bigger = withCatalogue(defaultDomainConfig, edit('LAB-CMP', (o) => ({ ...o, specimen: { ...o.specimen!, volumeMl: 4 } })));
  assert.deepEqual(tubes(bigger, ['CMP', 'LIPID', 'TSH']), ['SST_GOLD:CMP+TSH', 'SST_GOLD:LIPID'], 'first fit: 4 + 1 mL fill one gold tube, LIPID opens a second');
  assert.equal(bigger.phlebotomy.tests.CMP.minWholeBloodMl, 4);
  const green = withCatalogue(defaultDomainConfig, edit('LAB-TSH', (o) => ({ ...o, specimen: { ...o.specimen!, container: 'PST_LT_GREEN' } })));
  assert.deepEqual(tubes(green, ['CMP', 'TSH']), ['SST_GOLD:CMP', 'PST_LT_GREEN:TSH']);
  assert.ok(green.phlebotomy.tests.TSH.acceptedContainers.includes('SST_GOLD'), 'the old tube stays acceptable at receiving');
  const iced = withCatalogue(defaultDomainConfig, edit('LAB-BMP', (o) => ({ ...o, specimen: { ...o.specimen!, handling: 'on_ice' } })));
  assert.deepEqual(tubes(iced, ['BMP', 'LIPID']), ['SST_GOLD:BMP', 'SST_GOLD:LIPID']);
});

test('full-tube tests keep sharing one tube whatever volume is entered', () => {
  const config = withCatalogue(defaultDomainConfig, edit('LAB-PT-INR', (o) => ({ ...o, specimen: { ...o.specimen!, volumeMl: 1.8 } })));
  assert.deepEqual(tubes(config, ['PT_INR', 'APTT']), ['CITRATE_LT_BLUE:PT_INR+APTT']);
  assert.equal(config.phlebotomy.tests.PT_INR.minWholeBloodMl, null);
});
