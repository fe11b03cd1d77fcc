import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DomainInputError } from '../errors.js';
import { nrpPreductalSpo2Target, neonatalTidalVolumeMl, surfactantCriteriaMet, surfactantCriteriaMetExplained } from './neonatal.js';
import { berlinArdsSeverity, berlinArdsSeverityExplained, oxygenationIndex, pfRatio, roxIndex } from './oxygenation.js';
import { rsbi, sbtReadinessArdsnet, sbtReadinessArdsnetExplained, type SbtReadinessInput } from './weaning.js';

describe('P/F and Berlin severity (C.3)', () => {
  const cases: [number, number, number, string][] = [
    [60, 0.6, 5, 'severe'], // 60/0.6 is 100 exactly after rounding
    [90, 0.3, 5, 'mild'], // 300 -> mild
    [90.03, 0.3, 5, 'none'], // 300.1 -> none
    [80, 0.4, 5, 'moderate'], // 200 -> moderate
    [80.04, 0.4, 8, 'mild'], // 200.1 -> mild
    [100, 1.0, 10, 'severe'], // 100 -> severe
    [100.1, 1.0, 10, 'moderate'], // 100.1 -> moderate
    [40, 60, 12, 'severe'], // FiO2 as percent
    [200, 0.5, 4, 'indeterminate'], // PEEP below 5
    [200, 0.5, 4.99, 'indeterminate'],
  ];
  for (const [paO2, fiO2, peep, severity] of cases) test(`PaO2 ${paO2}, FiO2 ${fiO2}, PEEP ${peep} -> ${severity}`, () => assert.equal(berlinArdsSeverity({ paO2, fiO2, peep }), severity));
  test('pfRatio rounds to 1 decimal: 60/0.6 = 100', () => assert.equal(pfRatio({ paO2: 60, fiO2: 0.6 }), 100));
  test('pfRatio normalises percent FiO2', () => assert.equal(pfRatio({ paO2: 80, fiO2: 40 }), 200));
  test('reasons carry the ratio and the band', () => {
    const r = berlinArdsSeverityExplained({ paO2: 80, fiO2: 0.4, peep: 5 });
    assert.equal(r.pfRatio, 200);
    assert.equal(r.reasons[0].code, 'PF_MODERATE');
  });
  test('FiO2 0 and negative PaO2 are refused', () => {
    assert.throws(() => pfRatio({ paO2: 80, fiO2: 0 }), (e: DomainInputError) => e.field === 'fiO2');
    assert.throws(() => pfRatio({ paO2: -1, fiO2: 0.5 }), (e: DomainInputError) => e.field === 'paO2');
  });
  const rank = { none: 0, mild: 1, moderate: 2, severe: 3 } as Record<string, number>;
  test('property: the category never improves as PaO2 falls', () => {
    fc.assert(
      fc.property(fc.double({ min: 20, max: 600, noNaN: true }), fc.double({ min: 0, max: 300, noNaN: true }), fc.double({ min: 0.21, max: 1, noNaN: true }), fc.integer({ min: 5, max: 24 }), (paO2, drop, fiO2, peep) => {
        const higher = berlinArdsSeverity({ paO2, fiO2, peep });
        const lower = berlinArdsSeverity({ paO2: Math.max(1, paO2 - drop), fiO2, peep });
        assert.ok(rank[lower] >= rank[higher]);
      }),
    );
  });
});

describe('RSBI (C.4)', () => {
  const cases: [number, number, number, boolean][] = [
    [21, 200, 105, false], // exactly 105 -> not < 105
    [20, 200, 100, true],
    [30, 250, 120, false],
    [25, 240, 104.2, true],
  ];
  for (const [respiratoryRate, tidalVolumeMl, value, ok] of cases) {
    test(`RR ${respiratoryRate}, VT ${tidalVolumeMl} -> ${value}`, () => {
      const r = rsbi({ respiratoryRate, tidalVolumeMl });
      assert.equal(r.value, value);
      assert.equal(r.predictsSuccess, ok);
    });
  }
  test('VT of 0 is refused', () => assert.throws(() => rsbi({ respiratoryRate: 20, tidalVolumeMl: 0 }), DomainInputError));
});

describe('sbtReadinessArdsnet (C.4)', () => {
  const ready: SbtReadinessInput = { fiO2: 0.4, peep: 8, prevDayFiO2: 0.4, prevDayPeep: 8, systolicBp: 90, onVasopressors: false, onNeuromuscularBlockade: false, spontaneousEffort: true };
  const cases: [string, Partial<SbtReadinessInput>, boolean, string[]][] = [
    ['FiO2 0.40 / PEEP 8, SBP exactly 90', {}, true, []],
    ['FiO2 as percent 40', { fiO2: 40, prevDayFiO2: 40 }, true, []],
    ['FiO2 0.50 / PEEP 5', { fiO2: 0.5, peep: 5, prevDayFiO2: 0.5, prevDayPeep: 5 }, true, []],
    ['FiO2 0.50 / PEEP 6', { fiO2: 0.5, peep: 6, prevDayFiO2: 0.5, prevDayPeep: 8 }, false, ['OXYGENATION_GATE_NOT_MET']],
    ['FiO2 0.45 / PEEP 8', { fiO2: 0.45, prevDayFiO2: 0.5 }, false, ['OXYGENATION_GATE_NOT_MET']],
    ['PEEP above yesterday', { peep: 8, prevDayPeep: 5 }, false, ['SETTINGS_ABOVE_PREVIOUS_DAY']],
    ['SBP 89', { systolicBp: 89 }, false, ['SYSTOLIC_BP_BELOW_90']],
    ['on vasopressors', { onVasopressors: true }, false, ['ON_VASOPRESSORS']],
    ['neuromuscular blockade', { onNeuromuscularBlockade: true }, false, ['ON_NEUROMUSCULAR_BLOCKADE']],
    ['no effort', { spontaneousEffort: false }, false, ['NO_SPONTANEOUS_EFFORT']],
  ];
  for (const [name, change, ok, reasons] of cases) {
    test(name, () => {
      assert.equal(sbtReadinessArdsnet({ ...ready, ...change }), ok);
      assert.deepEqual(sbtReadinessArdsnetExplained({ ...ready, ...change }).reasons.map((r) => r.code), reasons);
    });
  }
  test('a missing field is refused', () => {
    const { onVasopressors: _drop, ...rest } = ready;
    assert.throws(() => sbtReadinessArdsnet(rest as SbtReadinessInput), (e: DomainInputError) => e.field === 'onVasopressors');
  });
});

describe('ROX and oxygenation index (C.5, C.6)', () => {
  test('ROX 94 %, 0.5, RR 25 -> 7.52', () => assert.equal(roxIndex({ spo2: 94, fiO2: 0.5, respiratoryRate: 25 }), 7.52));
  test('ROX accepts FiO2 as percent', () => assert.equal(roxIndex({ spo2: 94, fiO2: 50, respiratoryRate: 25 }), 7.52));
  test('OI 60 % x 12 / 60 = 12', () => assert.equal(oxygenationIndex({ fiO2: 60, meanAirwayPressure: 12, paO2: 60 }), 12));
  test('OI with FiO2 as a fraction', () => assert.equal(oxygenationIndex({ fiO2: 0.6, meanAirwayPressure: 12, paO2: 60 }), 12));
});

describe('neonatal (C.6)', () => {
  test('1200 g x 5 mL/kg = 6.0 mL', () => assert.equal(neonatalTidalVolumeMl({ weightG: 1200, mlPerKg: 5 }), 6));
  test('mL/kg from the unit configuration when not given', () => assert.equal(neonatalTidalVolumeMl({ weightG: 1200, config: { respiratory: { neonatalMlPerKg: 4 } } }), 4.8));
  const surf: [number, number, boolean, boolean][] = [
    [0.31, 6, true, true],
    [0.3, 6, true, false], // exactly 0.30 is not > 0.30
    [30, 6, true, false],
    [0.4, 5, true, false], // optimise CPAP first
    [0.4, 7, false, false],
  ];
  for (const [fiO2, cpapCmH2O, rdsSuspected, ok] of surf) test(`surfactant FiO2 ${fiO2}, CPAP ${cpapCmH2O}, RDS ${rdsSuspected} -> ${ok}`, () => assert.equal(surfactantCriteriaMet({ fiO2, cpapCmH2O, rdsSuspected }), ok));
  test('CPAP below 6 says to optimise CPAP first', () => assert.ok(surfactantCriteriaMetExplained({ fiO2: 0.4, cpapCmH2O: 5, rdsSuspected: true }).reasons.some((r) => r.code === 'OPTIMISE_CPAP_FIRST')));
  const nrp: [1 | 2 | 3 | 4 | 5 | 10, number, number][] = [[1, 60, 65], [2, 65, 70], [3, 70, 75], [4, 75, 80], [5, 80, 85], [10, 85, 95]];
  for (const [minutesAfterBirth, low, high] of nrp) test(`NRP ${minutesAfterBirth} min -> ${low}-${high} %`, () => assert.deepEqual(nrpPreductalSpo2Target({ minutesAfterBirth }), { low, high }));
  test('NRP minute 7 is not in the table', () => assert.throws(() => nrpPreductalSpo2Target({ minutesAfterBirth: 7 as 5 }), (e: DomainInputError) => e.field === 'minutesAfterBirth'));
});
