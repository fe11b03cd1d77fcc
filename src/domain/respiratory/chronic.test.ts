import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainInputError } from '../errors.js';
import { goldAbeGroup, goldGrade, goldGradeExplained, peakFlowZone } from './chronic.js';
import { rtTriageFrequency } from './triage.js';

describe('peakFlowZone (C.7)', () => {
  const cases: [number, number, string][] = [
    [400, 500, 'green'], // exactly 80 %
    [399, 500, 'yellow'],
    [250, 500, 'yellow'], // exactly 50 %
    [249, 500, 'red'],
    [600, 500, 'green'], // above 100 % is green
    [0, 500, 'red'],
    [280, 350, 'green'], // 80 % with a non-round best
  ];
  for (const [measuredLpm, personalBestLpm, zone] of cases) test(`${measuredLpm}/${personalBestLpm} -> ${zone}`, () => assert.equal(peakFlowZone({ measuredLpm, personalBestLpm }), zone));
  test('a patient plan with 85/75 cut-offs', () => assert.equal(peakFlowZone({ measuredLpm: 410, personalBestLpm: 500, greenMinPct: 85, yellowMinPct: 75 }), 'yellow'));
  test('personal best of 0 is refused', () => assert.throws(() => peakFlowZone({ measuredLpm: 300, personalBestLpm: 0 }), (e: DomainInputError) => e.field === 'personalBestLpm'));
});

describe('goldGrade (C.7)', () => {
  const cases: [number, number, boolean, number | null][] = [
    [0.7, 60, true, null], // exactly 0.70 is not < 0.70
    [0.69, 80, true, 1],
    [0.69, 79.9, true, 2],
    [0.6, 50, true, 2],
    [0.6, 49, true, 3],
    [0.5, 30, true, 3],
    [0.5, 29, true, 4],
    [65, 45, true, 3], // ratio as percent
    [0.6, 45, false, null], // pre-bronchodilator is not graded
  ];
  for (const [fev1FvcRatio, fev1PercentPredicted, postBronchodilator, grade] of cases) {
    test(`ratio ${fev1FvcRatio}, FEV1 ${fev1PercentPredicted} %, post ${postBronchodilator} -> ${grade}`, () => assert.equal(goldGrade({ fev1FvcRatio, fev1PercentPredicted, postBronchodilator }), grade));
  }
  test('ratio >= 0.70 with FEV1 < 80 % is PRISm', () => assert.equal(goldGradeExplained({ fev1FvcRatio: 0.75, fev1PercentPredicted: 70, postBronchodilator: true }).reasons[0].code, 'PRISM'));
});

describe('goldAbeGroup (C.7)', () => {
  const cases: [number, number, number, number, string][] = [
    [2, 0, 0, 0, 'E'],
    [0, 1, 0, 0, 'E'],
    [1, 0, 2, 0, 'B'],
    [1, 0, 0, 10, 'B'],
    [1, 0, 1, 9, 'A'],
    [0, 0, 0, 0, 'A'],
  ];
  for (const [m, h, mMRC, CAT, group] of cases) {
    test(`${m} moderate, ${h} hospitalised, mMRC ${mMRC}, CAT ${CAT} -> ${group}`, () => assert.equal(goldAbeGroup({ moderateExacerbationsLast12m: m, exacerbationsLeadingToHospitalizationLast12m: h, mMRC, CAT }), group));
  }
  test('mMRC 5 is out of range', () => assert.throws(() => goldAbeGroup({ moderateExacerbationsLast12m: 0, exacerbationsLeadingToHospitalizationLast12m: 0, mMRC: 5, CAT: 0 }), DomainInputError));
});

describe('rtTriageFrequency (C.8)', () => {
  const cases: [number, number, string][] = [
    [36, 1, 'Q2H_AND_PRN'],
    [20, 1, 'Q2H_AND_PRN'], // 20 assigned to level 1
    [19, 2, 'Q4H_AND_PRN'],
    [16, 2, 'Q4H_AND_PRN'],
    [15, 3, 'QID_AND_PRN'],
    [11, 3, 'QID_AND_PRN'],
    [10, 4, 'Q6H_PRN'],
    [6, 4, 'Q6H_PRN'],
    [5, 5, 'PRN_OR_REEVALUATE'],
    [0, 5, 'PRN_OR_REEVALUATE'],
  ];
  for (const [assessmentScore, triage, frequency] of cases) {
    test(`score ${assessmentScore} -> ${triage}`, () => {
      const r = rtTriageFrequency({ assessmentScore });
      assert.equal(r.triage, triage);
      assert.equal(r.frequency, frequency);
    });
  }
  test('negative or fractional scores are refused', () => {
    assert.throws(() => rtTriageFrequency({ assessmentScore: -1 }), DomainInputError);
    assert.throws(() => rtTriageFrequency({ assessmentScore: 3.5 }), DomainInputError);
  });
});
