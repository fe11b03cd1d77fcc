import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DomainInputError } from '../errors.js';
import { ardsnetHigherPeepOptions, ardsnetLowerPeepOptions } from './peep-tables.js';
import {
  drivingPressureCmH2O,
  lungProtectiveCheck,
  predictedBodyWeightKg,
  staticComplianceMlPerCmH2O,
  tidalVolumeRangeMl,
  tidalVolumeTargetMl,
} from './ventilation.js';

describe('predicted body weight (C.2)', () => {
  const cases: [Parameters<typeof predictedBodyWeightKg>[0], number][] = [
    [{ sex: 'female', heightCm: 165 }, 57.0],
    [{ sex: 'male', heightCm: 152.4 }, 50],
    [{ sex: 'female', heightCm: 152.4 }, 45.5],
    [{ sex: 'male', heightCm: 180 }, 75.1],
    [{ sex: 'male', heightIn: 70 }, 73.1], // 177.8 cm
    [{ sex: 'female', heightCm: 140 }, 34.2], // formula as written below 152.4 cm, not clamped
  ];
  for (const [input, kg] of cases) test(`${JSON.stringify(input)} -> ${kg}`, () => assert.equal(predictedBodyWeightKg(input), kg));
  // DOMAIN.md says the forms differ by < 0.2 kg; unrounded that holds up to about 76 in (0.23 kg at 80 in).
  test('inch and cm forms differ by < 0.2 kg over 60-76 in (+ 0.05 for the 0.1 kg rounding)', () => {
    for (let inches = 60; inches <= 76; inches++) {
      const viaIn = 50 + 2.3 * (inches - 60);
      assert.ok(Math.abs(predictedBodyWeightKg({ sex: 'male', heightIn: inches }) - viaIn) < 0.25);
    }
  });
  test('heights that disagree are refused', () => assert.throws(() => predictedBodyWeightKg({ sex: 'male', heightCm: 180, heightIn: 60 }), (e: DomainInputError) => e.field === 'heightIn'));
  test('negative height, missing height, unknown sex are refused', () => {
    assert.throws(() => predictedBodyWeightKg({ sex: 'male', heightCm: -170 }), (e: DomainInputError) => e.field === 'heightCm');
    assert.throws(() => predictedBodyWeightKg({ sex: 'male' }), (e: DomainInputError) => e.field === 'heightCm');
    assert.throws(() => predictedBodyWeightKg({ sex: 'M' as 'male', heightCm: 170 }), (e: DomainInputError) => e.field === 'sex');
    assert.throws(() => predictedBodyWeightKg({ sex: 'female', heightCm: 90 }), (e: DomainInputError) => e.field === 'heightCm');
  });
  test('property: PBW rises with height', () => {
    fc.assert(
      fc.property(fc.constantFrom('male', 'female' as const), fc.double({ min: 110, max: 250, noNaN: true }), fc.double({ min: 0.2, max: 50, noNaN: true }), (sex, h, dh) => {
        assert.ok(predictedBodyWeightKg({ sex, heightCm: h + dh }) > predictedBodyWeightKg({ sex, heightCm: h }));
      }),
    );
  });
});

describe('tidal volume (C.2)', () => {
  test('female 165 cm at 6 mL/kg -> 342 mL', () => assert.equal(tidalVolumeTargetMl({ sex: 'female', heightCm: 165, mlPerKgPbw: 6 }), 342));
  test('range is 4/6/8 mL/kg PBW', () => {
    const r = tidalVolumeRangeMl({ sex: 'female', heightCm: 165 });
    assert.deepEqual([r.minMl, r.targetMl, r.maxMl], [228, 342, 456]);
    assert.deepEqual(r.reasons, []);
  });
  test('a height outside 130-230 cm is flagged for review', () => assert.equal(tidalVolumeRangeMl({ sex: 'male', heightCm: 125 }).reasons[0].code, 'HEIGHT_REVIEW'));
});

describe('lungProtectiveCheck (C.2)', () => {
  // Female 165 cm: PBW 57.0 -> 8 mL/kg = 456 mL, 4 mL/kg = 228 mL.
  const base = { sex: 'female' as const, heightCm: 165 };
  const cases: [string, { tidalVolumeMl: number; plateauPressure: number; peep: number }, Partial<ReturnType<typeof lungProtectiveCheck>>, string[]][] = [
    ['all within limits', { tidalVolumeMl: 342, plateauPressure: 25, peep: 10 }, { mlPerKgPbw: 6, vtWithin4to8: true, plateauOk: true, drivingPressure: 15, drivingPressureOk: true }, []],
    ['VT exactly 8 mL/kg', { tidalVolumeMl: 456, plateauPressure: 25, peep: 10 }, { vtWithin4to8: true }, []],
    ['VT above 8 mL/kg', { tidalVolumeMl: 457, plateauPressure: 25, peep: 10 }, { vtWithin4to8: false }, ['VT_ABOVE_MAX']],
    ['VT exactly 4 mL/kg', { tidalVolumeMl: 228, plateauPressure: 25, peep: 10 }, { vtWithin4to8: true }, []],
    ['VT below 4 mL/kg', { tidalVolumeMl: 227, plateauPressure: 25, peep: 10 }, { vtWithin4to8: false }, ['VT_BELOW_MIN']],
    ['plateau exactly 30', { tidalVolumeMl: 342, plateauPressure: 30, peep: 15 }, { plateauOk: true, drivingPressureOk: true }, []],
    ['plateau 31', { tidalVolumeMl: 342, plateauPressure: 31, peep: 16 }, { plateauOk: false }, ['PLATEAU_ABOVE_MAX']],
    ['driving pressure 16', { tidalVolumeMl: 342, plateauPressure: 26, peep: 10 }, { drivingPressure: 16, drivingPressureOk: false }, ['DRIVING_PRESSURE_ABOVE_MAX']],
    ['decimal pressures without float noise', { tidalVolumeMl: 342, plateauPressure: 20.1, peep: 5.1 }, { drivingPressure: 15, drivingPressureOk: true }, []],
  ];
  for (const [name, input, expected, reasons] of cases) {
    test(name, () => {
      const r = lungProtectiveCheck({ ...base, ...input });
      for (const [k, v] of Object.entries(expected)) assert.equal(r[k as keyof typeof r], v, k);
      assert.deepEqual(r.reasons.map((x) => x.code), reasons);
    });
  }
  test('an ICU that flags driving pressure above 14 overrides the default', () => {
    assert.equal(lungProtectiveCheck({ ...base, tidalVolumeMl: 342, plateauPressure: 25, peep: 10, config: { respiratory: { drivingPressureMaxCmH2O: 14 } } }).drivingPressureOk, false);
  });
  test('plateau below PEEP is refused', () => assert.throws(() => lungProtectiveCheck({ ...base, tidalVolumeMl: 342, plateauPressure: 8, peep: 10 }), (e: DomainInputError) => e.field === 'plateauPressure'));
});

describe('driving pressure and compliance (C.2)', () => {
  test('Pplat 25, PEEP 10 -> 15', () => assert.equal(drivingPressureCmH2O({ plateauPressure: 25, peep: 10 }), 15));
  test('VT 400, Pplat 25, PEEP 5 -> 20 mL/cmH2O', () => assert.equal(staticComplianceMlPerCmH2O({ tidalVolumeMl: 400, plateauPressure: 25, peep: 5 }), 20));
  test('Pplat equal to PEEP has no compliance', () => assert.throws(() => staticComplianceMlPerCmH2O({ tidalVolumeMl: 400, plateauPressure: 5, peep: 5 }), DomainInputError));
});

describe('ARDSNet PEEP tables (C.2)', () => {
  const lower: [number, number[]][] = [
    [0.3, [5]], [0.4, [5, 8]], [0.5, [8, 10]], [0.6, [10]], [0.7, [10, 12, 14]], [0.8, [14]], [0.9, [14, 16, 18]], [1.0, [18, 20, 22, 24]], [40, [5, 8]], [100, [18, 20, 22, 24]],
  ];
  for (const [fiO2, peeps] of lower) test(`lower table FiO2 ${fiO2} -> ${peeps.join(',')}`, () => assert.deepEqual(ardsnetLowerPeepOptions({ fiO2 }), peeps));
  test('higher table FiO2 0.3 -> 5..14', () => assert.deepEqual(ardsnetHigherPeepOptions({ fiO2: 0.3 }), [5, 8, 10, 12, 14]));
  test('an FiO2 that is not a table step is refused', () => assert.throws(() => ardsnetLowerPeepOptions({ fiO2: 0.35 }), (e: DomainInputError) => e.field === 'fiO2'));
  test('FiO2 of 0 is refused', () => assert.throws(() => ardsnetLowerPeepOptions({ fiO2: 0 }), DomainInputError));
});
