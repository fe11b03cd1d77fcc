import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainInputError } from '../errors.js';
import { chargeCodesForEvent } from './charges.js';

describe('chargeCodesForEvent (D.3)', () => {
  type In = Parameters<typeof chargeCodesForEvent>[0];
  const cases: [In, string[]][] = [
    [{ event: 'venipuncture_collection' }, ['36415']],
    [{ event: 'venipuncture_collection', alreadyChargedThisEncounter: true }, []],
    [{ event: 'capillary_collection' }, ['36416']],
    [{ event: 'rt_aerosol_treatment' }, ['94640']],
    [{ event: 'continuous_nebulization', additionalHours: 2 }, ['94644', '94645', '94645']],
    [{ event: 'inhaler_teaching' }, ['94664']],
    [{ event: 'ventilator_day', ventilatorDayNumber: 1 }, ['94002']],
    [{ event: 'ventilator_day', ventilatorDayNumber: 3 }, ['94003']],
    [{ event: 'niv_cpap_started' }, ['94660']],
    [{ event: 'oximetry', oximetryType: 'overnight' }, ['94762']],
    [{ event: 'portable_xray_nursing_home', views: 2, patientsOnTrip: 1 }, ['71046', 'R0070', 'Q0092']],
    [{ event: 'portable_xray_nursing_home', views: 1, patientsOnTrip: 3 }, ['71045', 'R0075', 'Q0092']],
  ];
  for (const [input, codes] of cases) test(`${JSON.stringify(input)} -> [${codes.join(', ')}]`, () => assert.deepEqual(chargeCodesForEvent(input).codes, codes));
  test('each suggestion carries its guard rail', () => assert.match(chargeCodesForEvent({ event: 'ventilator_day', ventilatorDayNumber: 2 }).guardRails[0].message, /E\/M/));
  test('missing day number and unknown event are refused', () => {
    assert.throws(() => chargeCodesForEvent({ event: 'ventilator_day' }), (e: DomainInputError) => e.field === 'ventilatorDayNumber');
    assert.throws(() => chargeCodesForEvent({ event: 'x' as 'oximetry' }), (e: DomainInputError) => e.field === 'event');
  });
});
