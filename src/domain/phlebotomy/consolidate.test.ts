import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DomainInputError } from '../errors.js';
import { containerCatalogue } from './containers.js';
import { consolidateTubes, redundantPanelComponents, redundantPanelComponentsExplained } from './consolidate.js';
import { testCatalogue } from './tests-catalogue.js';

const shape = (tubes: ReturnType<typeof consolidateTubes>) => tubes.map((t) => [t.container, t.tests]);

describe('consolidateTubes: DOMAIN.md A.4 worked examples', () => {
  const cases: [string, Parameters<typeof consolidateTubes>[0], [string, string[]][]][] = [
    ['{CBC, BMP, PT/INR}', { tests: ['CBC', 'BMP', 'PT_INR'] }, [['CITRATE_LT_BLUE', ['PT_INR']], ['SST_GOLD', ['BMP']], ['EDTA_LAVENDER', ['CBC']]]],
    ['{CMP, lipid, TSH} share one gold', { tests: ['CMP', 'LIPID', 'TSH'] }, [['SST_GOLD', ['CMP', 'LIPID', 'TSH']]]],
    ['adding troponin opens a second gold', { tests: ['CMP', 'LIPID', 'TSH', 'TROPONIN'] }, [['SST_GOLD', ['CMP', 'LIPID', 'TSH']], ['SST_GOLD', ['TROPONIN']]]],
    ['{CBC, HbA1c} -> two lavenders (different sections)', { tests: ['CBC', 'HBA1C'] }, [['EDTA_LAVENDER', ['CBC']], ['EDTA_LAVENDER', ['HBA1C']]]],
    ['{PT/INR, aPTT} -> one light blue', { tests: ['PT_INR', 'APTT'] }, [['CITRATE_LT_BLUE', ['PT_INR', 'APTT']]]],
    [
      'sepsis bundle, winged set',
      { tests: ['PT_INR', 'BMP', 'AMMONIA', 'CBC', 'TYPE_SCREEN', 'LACTATE'], bloodCultureSets: 1, device: 'winged' },
      [
        ['BC_AEROBIC', ['BLOOD_CULTURE_SET_1']],
        ['BC_ANAEROBIC', ['BLOOD_CULTURE_SET_1']],
        ['CITRATE_LT_BLUE', ['PT_INR']],
        ['SST_GOLD', ['BMP']],
        ['HEP_DK_GREEN', ['AMMONIA']],
        ['EDTA_LAVENDER', ['CBC']],
        ['EDTA_PINK', ['TYPE_SCREEN']],
        ['FLUORIDE_GRAY', ['LACTATE']],
      ],
    ],
    ['needle: anaerobic bottle first, two sets', { tests: [], bloodCultureSets: 2, device: 'needle' }, [
      ['BC_ANAEROBIC', ['BLOOD_CULTURE_SET_1']], ['BC_AEROBIC', ['BLOOD_CULTURE_SET_1']], ['BC_ANAEROBIC', ['BLOOD_CULTURE_SET_2']], ['BC_AEROBIC', ['BLOOD_CULTURE_SET_2']],
    ]],
    ['type & screen is never shared', { tests: ['TYPE_SCREEN', 'TYPE_SCREEN'] }, [['EDTA_PINK', ['TYPE_SCREEN']], ['EDTA_PINK', ['TYPE_SCREEN']]]],
    ['lactate on ice in grey, glucose ambient in gold', { tests: ['LACTATE', 'GLUCOSE'] }, [['SST_GOLD', ['GLUCOSE']], ['FLUORIDE_GRAY', ['LACTATE']]]],
    ['capacity exactly 5.0 mL still fits (CMP 2.0 + BMP 1.5 + LIPID 1.5)', { tests: ['CMP', 'BMP', 'LIPID'] }, [['SST_GOLD', ['CMP', 'BMP', 'LIPID']]]],
  ];
  for (const [name, input, expected] of cases) test(name, () => assert.deepEqual(shape(consolidateTubes(input)), expected));

  test('reports used volume against capacity', () => {
    const [gold] = consolidateTubes({ tests: ['CMP', 'LIPID', 'TSH'] });
    assert.equal(gold.usedMl, 4.5);
    assert.equal(gold.capacityMl, 5);
  });

  test('shareAcrossSections lets CBC and HbA1c share a lavender', () => {
    assert.deepEqual(shape(consolidateTubes({ tests: ['CBC', 'HBA1C'], config: { phlebotomy: { shareAcrossSections: true } } })), [['EDTA_LAVENDER', ['CBC', 'HBA1C']]]);
  });

  test('a lab that uses PST for chemistry changes only its test table', () => {
    const config = { phlebotomy: { tests: { BMP: { container: 'PST_LT_GREEN' } } } };
    assert.deepEqual(shape(consolidateTubes({ tests: ['BMP', 'CBC'], config })), [['PST_LT_GREEN', ['BMP']], ['EDTA_LAVENDER', ['CBC']]]);
  });

  test('blood cultures without a device, unknown tests, bad set counts are refused', () => {
    assert.throws(() => consolidateTubes({ tests: [], bloodCultureSets: 1 }), (e: DomainInputError) => e.field === 'device');
    assert.throws(() => consolidateTubes({ tests: ['CBC', 'FOO'] }), (e: DomainInputError) => e.field === 'tests[1]');
    assert.throws(() => consolidateTubes({ tests: [], bloodCultureSets: -1 }), (e: DomainInputError) => e.field === 'bloodCultureSets');
    assert.throws(() => consolidateTubes({ tests: 'CBC' as unknown as string[] }), (e: DomainInputError) => e.field === 'tests');
  });
});

describe('consolidateTubes properties', () => {
  const orderable = Object.keys(testCatalogue).filter((c) => !testCatalogue[c].bloodCulture);
  test('every requested test lands in exactly one container, none overfilled, in order of draw', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...orderable), { maxLength: 25 }), fc.boolean(), (tests, share) => {
        const tubes = consolidateTubes({ tests, config: share ? { phlebotomy: { shareAcrossSections: true } } : undefined });
        const placed = tubes.flatMap((t) => t.tests);
        assert.deepEqual([...placed].sort(), [...tests].sort());
        for (const t of tubes) {
          assert.ok(t.usedMl <= containerCatalogue[t.container].capacityMl + 1e-9);
          const sum = t.tests.reduce((s, code) => s + testCatalogue[code].consolidationVolumeMl, 0);
          assert.ok(sum <= t.capacityMl + 1e-9);
          for (const code of t.tests) assert.equal(testCatalogue[code].container, t.container);
          if (t.tests.some((c) => testCatalogue[c].exclusive)) assert.equal(t.tests.length, 1);
        }
      }),
    );
  });
});

describe('redundantPanelComponents (A.4 rule 6)', () => {
  const cases: [string[], string[]][] = [
    [['GLUCOSE', 'CMP'], ['GLUCOSE']],
    [['BMP', 'CMP'], ['BMP']],
    [['GLUCOSE', 'BMP', 'CMP'], ['GLUCOSE', 'BMP']],
    [['CMP', 'LIPID', 'TSH'], []],
    [['CBC', 'HBA1C'], []],
    [['CMP', 'CMP'], ['CMP']],
  ];
  for (const [tests, expected] of cases) test(`${tests.join('+')} -> [${expected.join(',')}]`, () => assert.deepEqual(redundantPanelComponents({ tests }), expected));
  test('says which panel covers it, and never drops an order', () => {
    assert.deepEqual(redundantPanelComponentsExplained({ tests: ['BMP', 'CMP'] }), [{ test: 'BMP', coveredBy: 'CMP' }]);
    assert.equal(consolidateTubes({ tests: ['BMP', 'CMP'] })[0].tests.length, 2);
  });
});
