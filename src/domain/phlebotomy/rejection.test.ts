import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DomainInputError } from '../errors.js';
import { containerCatalogue } from './containers.js';
import { hemolysisGrades } from './models.js';
import { rejectionReasons, specimenRejectionDecision, type SpecimenRejectionInput } from './rejection.js';
import { testCatalogue } from './tests-catalogue.js';

const ok = { labelStatus: 'ok' } as const;
const codes = (input: SpecimenRejectionInput) => specimenRejectionDecision(input).reasons.map((r) => r.code);

describe('specimenRejectionDecision (A.7)', () => {
  const cases: [string, SpecimenRejectionInput, string[]][] = [
    ['clean CBC', { ...ok, test: 'CBC', container: 'EDTA_LAVENDER' }, []],
    ['unlabeled', { test: 'CBC', container: 'EDTA_LAVENDER', labelStatus: 'unlabeled' }, ['UNLABELED']],
    ['label does not match order', { test: 'CBC', container: 'EDTA_LAVENDER', labelStatus: 'mismatch_with_order' }, ['MISLABELED']],
    ['one identifier', { ...ok, test: 'CBC', container: 'EDTA_LAVENDER', identifierCount: 1 }, ['INSUFFICIENT_IDENTIFIERS']],
    ['two identifiers', { ...ok, test: 'CBC', container: 'EDTA_LAVENDER', identifierCount: 2 }, []],
    ['incomplete label', { test: 'CBC', container: 'EDTA_LAVENDER', labelStatus: 'incomplete' }, ['INCOMPLETE_LABEL']],
    ['BMP in lavender', { ...ok, test: 'BMP', container: 'EDTA_LAVENDER' }, ['WRONG_CONTAINER']],
    ['BMP in PST (accepted alternative)', { ...ok, test: 'BMP', container: 'PST_LT_GREEN' }, []],
    ['citrate exactly 90 %', { ...ok, test: 'PT_INR', container: 'CITRATE_LT_BLUE', nominalDrawMl: 2.7, drawnMl: 2.43 }, []],
    ['citrate under 90 %', { ...ok, test: 'PT_INR', container: 'CITRATE_LT_BLUE', nominalDrawMl: 2.7, drawnMl: 2.4 }, ['UNDERFILLED']],
    ['citrate fill uses catalogue nominal when not given', { ...ok, test: 'APTT', container: 'CITRATE_LT_BLUE', drawnMl: 2.0 }, ['UNDERFILLED']],
    ['QNS below minimum', { ...ok, test: 'CMP', container: 'SST_GOLD', volumeMl: 1.9 }, ['QNS']],
    ['exactly the minimum volume', { ...ok, test: 'CMP', container: 'SST_GOLD', volumeMl: 2.0 }, []],
    ['clot in EDTA', { ...ok, test: 'CBC', container: 'EDTA_LAVENDER', clotted: true }, ['CLOTTED']],
    ['clot in a serum tube is expected', { ...ok, test: 'TSH', container: 'SST_GOLD', clotted: true }, []],
    ['BMP moderate hemolysis', { ...ok, test: 'BMP', container: 'SST_GOLD', hemolysis: 'moderate' }, ['HEMOLYZED']],
    ['BMP slight hemolysis accepted', { ...ok, test: 'BMP', container: 'SST_GOLD', hemolysis: 'slight' }, []],
    ['TSH moderate hemolysis accepted', { ...ok, test: 'TSH', container: 'SST_GOLD', hemolysis: 'moderate' }, []],
    ['TSH gross hemolysis', { ...ok, test: 'TSH', container: 'SST_GOLD', hemolysis: 'gross' }, ['HEMOLYZED']],
    ['CBC gross hemolysis is never auto-rejected', { ...ok, test: 'CBC', container: 'EDTA_LAVENDER', hemolysis: 'gross' }, []],
    ['ammonia not on ice', { ...ok, test: 'AMMONIA', container: 'HEP_DK_GREEN', onIce: false }, ['HANDLING_NOT_MET']],
    ['PT whole blood chilled', { ...ok, test: 'PT_INR', container: 'CITRATE_LT_BLUE', onIce: true }, ['HANDLING_NOT_MET']],
    ['ammonia at exactly 60 min', { ...ok, test: 'AMMONIA', container: 'HEP_DK_GREEN', onIce: true, minutesSinceCollection: 60 }, []],
    ['ammonia at 61 min', { ...ok, test: 'AMMONIA', container: 'HEP_DK_GREEN', onIce: true, minutesSinceCollection: 61 }, ['STABILITY_EXCEEDED']],
    ['aPTT after 4 h', { ...ok, test: 'APTT', container: 'CITRATE_LT_BLUE', minutesSinceCollection: 241 }, ['STABILITY_EXCEEDED']],
    [
      'every reason found, in A.7 order',
      { test: 'AMMONIA', container: 'SST_GOLD', labelStatus: 'unlabeled', identifierCount: 0, hemolysis: 'gross', volumeMl: 0.5, onIce: false, minutesSinceCollection: 90 },
      ['UNLABELED', 'INSUFFICIENT_IDENTIFIERS', 'WRONG_CONTAINER', 'QNS', 'HEMOLYZED', 'HANDLING_NOT_MET', 'STABILITY_EXCEEDED'],
    ],
  ];
  for (const [name, input, expected] of cases) {
    test(name, () => {
      const r = specimenRejectionDecision(input);
      assert.deepEqual(r.reasons.map((x) => x.code), expected);
      assert.equal(r.decision, expected.length ? 'reject' : 'accept');
    });
  }

  test('hemolysed CBC is flagged for review', () => {
    assert.equal(specimenRejectionDecision({ ...ok, test: 'CBC', container: 'EDTA_LAVENDER', hemolysis: 'gross' }).flags[0].code, 'HEMOLYSIS_REVIEW');
  });
  test('reasons carry the HL7 table 0490 code', () => {
    assert.deepEqual(specimenRejectionDecision({ ...ok, test: 'CBC', container: 'EDTA_LAVENDER', clotted: true }).reasons[0].hl7RejectReason, 'RC');
  });
  test('a lab that accepts corrected labels turns INCOMPLETE_LABEL into a flag', () => {
    const r = specimenRejectionDecision({ test: 'CBC', container: 'EDTA_LAVENDER', labelStatus: 'incomplete', config: { phlebotomy: { rejectIncompleteLabel: false } } });
    assert.equal(r.decision, 'accept');
    assert.equal(r.flags[0].code, 'INCOMPLETE_LABEL_CORRECTION');
  });
  test('unknown test, container, label status, hemolysis grade are refused', () => {
    assert.throws(() => codes({ ...ok, test: 'XYZ', container: 'EDTA_LAVENDER' }), (e: DomainInputError) => e.field === 'test');
    assert.throws(() => codes({ ...ok, test: 'CBC', container: 'PURPLE' }), (e: DomainInputError) => e.field === 'container');
    assert.throws(() => codes({ test: 'CBC', container: 'EDTA_LAVENDER', labelStatus: 'fine' as 'ok' }), (e: DomainInputError) => e.field === 'labelStatus');
    assert.throws(() => codes({ ...ok, test: 'CBC', container: 'EDTA_LAVENDER', hemolysis: 'mild' as 'slight' }), (e: DomainInputError) => e.field === 'hemolysis');
    assert.throws(() => codes({ ...ok, test: 'CBC', container: 'EDTA_LAVENDER', volumeMl: -1 }), (e: DomainInputError) => e.field === 'volumeMl');
  });

  test('property: an unlabeled specimen is never accepted', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            test: fc.constantFrom(...Object.keys(testCatalogue)),
            container: fc.constantFrom(...Object.keys(containerCatalogue)),
            identifierCount: fc.integer({ min: 0, max: 5 }),
            hemolysis: fc.constantFrom(...hemolysisGrades),
            clotted: fc.boolean(),
            drawnMl: fc.double({ min: 0, max: 10, noNaN: true }),
            volumeMl: fc.double({ min: 0, max: 10, noNaN: true }),
            onIce: fc.boolean(),
            minutesSinceCollection: fc.integer({ min: 0, max: 3000 }),
          },
          { requiredKeys: ['test', 'container'] },
        ),
        (rest) => {
          const r = specimenRejectionDecision({ ...rest, labelStatus: 'unlabeled' });
          assert.equal(r.decision, 'reject');
          assert.ok(r.reasons.some((x) => x.code === 'UNLABELED'));
          const order = r.reasons.map((x) => rejectionReasons.indexOf(x.code));
          assert.deepEqual(order, [...order].sort((a, b) => a - b));
        },
      ),
    );
  });
});
