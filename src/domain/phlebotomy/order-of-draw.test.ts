import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DomainInputError } from '../errors.js';
import { containerCatalogue } from './containers.js';
import { discardTubeRequired, inversionsFor, sortOrderOfDraw, sortOrderOfDrawExplained } from './order-of-draw.js';

const codes = Object.keys(containerCatalogue);

describe('sortOrderOfDraw (A.1)', () => {
  const cases: [string, string[], string[], ('venous' | 'capillary')?][] = [
    ['CLSI venous order across all six classes', ['FLUORIDE_GRAY', 'EDTA_LAVENDER', 'HEP_DK_GREEN', 'SST_GOLD', 'CITRATE_LT_BLUE', 'BC_AEROBIC'], ['BC_AEROBIC', 'CITRATE_LT_BLUE', 'SST_GOLD', 'HEP_DK_GREEN', 'EDTA_LAVENDER', 'FLUORIDE_GRAY']],
    ['citrate before serum (current CLSI, not pre-2003 H3-A3)', ['SERUM_RED', 'CITRATE_LT_BLUE'], ['CITRATE_LT_BLUE', 'SERUM_RED']],
    ['sub-rank: plain red before gold SST', ['SST_GOLD', 'SERUM_RED'], ['SERUM_RED', 'SST_GOLD']],
    ['sub-rank: dark green before light green', ['PST_LT_GREEN', 'HEP_DK_GREEN'], ['HEP_DK_GREEN', 'PST_LT_GREEN']],
    ['sub-rank: lavender before pink', ['EDTA_PINK', 'EDTA_LAVENDER'], ['EDTA_LAVENDER', 'EDTA_PINK']],
    ['culture bottles keep the given (device) order', ['SST_GOLD', 'BC_ANAEROBIC', 'BC_AEROBIC'], ['BC_ANAEROBIC', 'BC_AEROBIC', 'SST_GOLD']],
    ['culture bottles keep the given order (winged)', ['BC_AEROBIC', 'BC_ANAEROBIC'], ['BC_AEROBIC', 'BC_ANAEROBIC']],
    ['capillary: EDTA first, serum last', ['SST_GOLD', 'HEP_DK_GREEN', 'EDTA_LAVENDER', 'FLUORIDE_GRAY'], ['EDTA_LAVENDER', 'HEP_DK_GREEN', 'FLUORIDE_GRAY', 'SST_GOLD'], 'capillary'],
    ['empty list', [], []],
  ];
  for (const [name, input, expected, method] of cases) {
    test(name, () => assert.deepEqual(sortOrderOfDraw(method ? { containers: input, method } : { containers: input }), expected));
  }

  test('capillary collection refuses a citrate tube or culture bottle', () => {
    assert.throws(() => sortOrderOfDraw({ containers: ['CITRATE_LT_BLUE'], method: 'capillary' }), (e: DomainInputError) => e.field === 'containers[0]');
  });

  test('an additive outside the six classes goes after grey with a warning (rule 5)', () => {
    const config = {
      phlebotomy: {
        containers: {
          ACD_YELLOW: { code: 'ACD_YELLOW', display: 'Yellow ACD', additive: 'acd', subRank: 1, capColorBD: 'yellow', nominalDrawMl: 8.5, capacityMl: 8.5, inversions: { min: 8, max: 10 }, anticoagulated: true, handlingNotes: '' },
        },
      },
    } as const;
    const r = sortOrderOfDrawExplained({ containers: ['ACD_YELLOW', 'FLUORIDE_GRAY', 'SST_GOLD'], config });
    assert.deepEqual(r.order, ['SST_GOLD', 'FLUORIDE_GRAY', 'ACD_YELLOW']);
    assert.equal(r.warnings[0].code, 'UNKNOWN_ADDITIVE');
  });

  test('unknown container codes and methods are refused', () => {
    assert.throws(() => sortOrderOfDraw({ containers: ['PURPLE'] }), (e: DomainInputError) => e.field === 'containers[0]');
    assert.throws(() => sortOrderOfDraw({ containers: [], method: 'arterial' as 'venous' }), (e: DomainInputError) => e.field === 'method');
  });

  test('property: idempotent and a permutation of its input', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...codes), { maxLength: 20 }), (list) => {
        const once = sortOrderOfDraw({ containers: list });
        assert.deepEqual(sortOrderOfDraw({ containers: once }), once);
        assert.deepEqual([...once].sort(), [...list].sort());
      }),
    );
  });
});

describe('discardTubeRequired (A.1 rule 3)', () => {
  const cases: ['needle' | 'winged', string, boolean][] = [
    ['winged', 'CITRATE', true],
    ['winged', 'BLOOD_CULTURE', false],
    ['winged', 'SERUM', false],
    ['needle', 'CITRATE', false],
  ];
  for (const [device, cls, expected] of cases) {
    test(`${device} + first ${cls} -> ${expected}`, () => assert.equal(discardTubeRequired({ device, firstContainerClass: cls as 'CITRATE' }), expected));
  }
  test('unknown class is refused', () => assert.throws(() => discardTubeRequired({ device: 'winged', firstContainerClass: 'BLUE' as 'CITRATE' }), DomainInputError));
});

describe('inversionsFor (A.2)', () => {
  const cases: [string, { min: number; max: number }][] = [
    ['CITRATE_LT_BLUE', { min: 3, max: 4 }],
    ['SST_GOLD', { min: 5, max: 5 }],
    ['EDTA_LAVENDER', { min: 8, max: 10 }],
    ['FLUORIDE_GRAY', { min: 8, max: 10 }],
    ['BC_AEROBIC', { min: 8, max: 10 }],
  ];
  for (const [container, expected] of cases) test(container, () => assert.deepEqual(inversionsFor({ container }), expected));
  test('a Greiner site overrides citrate to 4 inversions via config', () => {
    assert.deepEqual(inversionsFor({ container: 'CITRATE_LT_BLUE', config: { phlebotomy: { containers: { CITRATE_LT_BLUE: { inversions: { min: 4, max: 4 } } } } } }), { min: 4, max: 4 });
  });
});
