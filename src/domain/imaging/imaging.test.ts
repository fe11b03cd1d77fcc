import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainInputError } from '../errors.js';
import { gbcaRecommendation, iodinatedContrastKidneyRisk, metforminActionForIodinatedContrast, premedicationSchedule } from './contrast.js';
import { mppsCreateAllowed, mppsTransitionAllowed, mwlRequiredMatchingKeys, mwlReturnKeyType } from './dicom.js';
import { dlpFromCtdivol, effectiveDoseMsv, exceedsAcrCtDoseLimit } from './dose.js';
import { mriZoneAccessAllowed, pregnancyVerificationRequired } from './screening.js';

describe('iodinatedContrastKidneyRisk (B.4.3)', () => {
  type In = Parameters<typeof iodinatedContrastKidneyRisk>[0];
  const none = { aki: false, dialysis: 'none', hasRenalRiskFactors: true } as const;
  const cases: [string, In, string][] = [
    ['anuric dialysis first', { egfr: 10, aki: true, dialysis: 'anuric', hasRenalRiskFactors: true }, 'DIALYSIS_ANURIC'],
    ['dialysis with residual function', { egfr: 50, aki: false, dialysis: 'residual_function', hasRenalRiskFactors: true }, 'DIALYSIS_RESIDUAL_FUNCTION'],
    ['AKI beats a good eGFR', { egfr: 90, aki: true, dialysis: 'none', hasRenalRiskFactors: false }, 'HIGH'],
    ['no eGFR with risk factors', { ...none, egfr: null }, 'EGFR_REQUIRED'],
    ['no eGFR without risk factors', { ...none, egfr: null, hasRenalRiskFactors: false }, 'LOW'],
    ['eGFR 29', { ...none, egfr: 29 }, 'HIGH'],
    ['eGFR exactly 30', { ...none, egfr: 30 }, 'INTERMEDIATE'],
    ['eGFR 44', { ...none, egfr: 44 }, 'INTERMEDIATE'],
    ['eGFR exactly 45', { ...none, egfr: 45 }, 'LOW'],
  ];
  for (const [name, input, risk] of cases) test(name, () => assert.equal(iodinatedContrastKidneyRisk(input), risk));
  test('eGFR of -5 and a missing eGFR key are refused', () => {
    assert.throws(() => iodinatedContrastKidneyRisk({ ...none, egfr: -5 }), (e: DomainInputError) => e.field === 'egfr');
    assert.throws(() => iodinatedContrastKidneyRisk({ ...none } as unknown as In), (e: DomainInputError) => e.field === 'egfr');
    assert.throws(() => iodinatedContrastKidneyRisk({ ...none, egfr: 50, dialysis: 'yes' as 'none' }), (e: DomainInputError) => e.field === 'dialysis');
  });
});

describe('metformin (B.4.3)', () => {
  const cases: [number, boolean, boolean, string][] = [
    [30, false, false, 'CONTINUE'],
    [29, false, false, 'HOLD_48H_REASSESS'],
    [60, true, false, 'HOLD_48H_REASSESS'],
    [60, false, true, 'HOLD_48H_REASSESS'],
  ];
  for (const [egfr, aki, intraArterialFirstPassRenal, action] of cases) test(`eGFR ${egfr}, AKI ${aki}, arterial ${intraArterialFirstPassRenal} -> ${action}`, () => assert.equal(metforminActionForIodinatedContrast({ egfr, aki, intraArterialFirstPassRenal }), action));
});

describe('gbcaRecommendation (B.4.4)', () => {
  const cases: ['I' | 'II' | 'III', number | null, boolean, boolean, string][] = [
    ['I', 29, false, false, 'CONTRAINDICATED'],
    ['I', 30, false, false, 'PROCEED'],
    ['I', 60, true, false, 'CONTRAINDICATED'],
    ['I', 60, false, true, 'CONTRAINDICATED'],
    ['II', 20, false, false, 'PROCEED_DOCUMENT_RISK_BENEFIT'],
    ['II', null, false, false, 'PROCEED'], // screening optional
    ['III', 60, false, true, 'PROCEED_DOCUMENT_RISK_BENEFIT'],
    ['II', 90, false, false, 'PROCEED'],
  ];
  for (const [agentGroup, egfr, aki, onDialysis, rec] of cases) test(`group ${agentGroup}, eGFR ${egfr}, AKI ${aki}, dialysis ${onDialysis} -> ${rec}`, () => assert.equal(gbcaRecommendation({ agentGroup, egfr, aki, onDialysis }), rec));
  test('group I without an eGFR is refused', () => assert.throws(() => gbcaRecommendation({ agentGroup: 'I', egfr: null, aki: false, onDialysis: false }), (e: DomainInputError) => e.field === 'egfr'));
  test('group IV does not exist', () => assert.throws(() => gbcaRecommendation({ agentGroup: 'IV' as 'I', egfr: 50, aki: false, onDialysis: false }), (e: DomainInputError) => e.field === 'agentGroup'));
});

describe('premedicationSchedule (B.4.5)', () => {
  test('prednisone regimen for contrast at 14:00', () => {
    assert.deepEqual(premedicationSchedule({ contrastAt: '2025-03-10T14:00:00Z', regimen: 'prednisone13h' }), {
      prednisone50mgPO: ['2025-03-10T01:00:00Z', '2025-03-10T07:00:00Z', '2025-03-10T13:00:00Z'],
      diphenhydramine50mg: ['2025-03-10T13:00:00Z'],
    });
  });
  test('methylprednisolone regimen crossing midnight, local offset kept', () => {
    assert.deepEqual(premedicationSchedule({ contrastAt: '2025-03-10T08:00:00-05:00', regimen: 'methylprednisolone12h' }), {
      methylprednisolone32mgPO: ['2025-03-09T20:00:00-05:00', '2025-03-10T06:00:00-05:00'],
      diphenhydramine50mgOptional: ['2025-03-10T07:00:00-05:00'],
    });
  });
  test('unknown regimen and bad time are refused', () => {
    assert.throws(() => premedicationSchedule({ contrastAt: '2025-03-10T14:00:00Z', regimen: 'hydrocortisone' as 'prednisone13h' }), DomainInputError);
    assert.throws(() => premedicationSchedule({ contrastAt: '10/03/2025 14:00', regimen: 'prednisone13h' }), (e: DomainInputError) => e.field === 'contrastAt');
  });
});

describe('pregnancyVerificationRequired (B.4.2)', () => {
  const cases: ['male' | 'female', number, string, boolean][] = [
    ['female', 30, 'CT_ABDOMEN_PELVIS', true],
    ['female', 12, 'XR_PELVIS', true],
    ['female', 50, 'NM_BONE_SCAN', true],
    ['female', 11, 'XR_PELVIS', false],
    ['female', 51, 'XR_PELVIS', false],
    ['female', 30, 'XR_CHEST', false],
    ['female', 30, 'MR_BRAIN', false],
    ['female', 30, 'MG_SCREENING', false],
    ['male', 30, 'CT_ABDOMEN_PELVIS', false],
  ];
  for (const [sex, ageYears, exam, ok] of cases) test(`${sex} ${ageYears} ${exam} -> ${ok}`, () => assert.equal(pregnancyVerificationRequired({ sex, ageYears, exam }), ok));
  test('recorded anatomy wins over recorded sex', () => assert.equal(pregnancyVerificationRequired({ sex: 'male', ageYears: 30, exam: 'XR_PELVIS', hasUterus: true }), true));
  test('an exam in neither set is refused', () => assert.throws(() => pregnancyVerificationRequired({ sex: 'female', ageYears: 30, exam: 'XR_HIP' }), (e: DomainInputError) => e.field === 'exam'));
  test('a site adds XR_HIP to the verification set', () => assert.equal(pregnancyVerificationRequired({ sex: 'female', ageYears: 30, exam: 'XR_HIP', config: { imaging: { pregnancyVerificationExams: ['XR_HIP'] } } }), true));
});

describe('mriZoneAccessAllowed (B.4.1)', () => {
  type In = Parameters<typeof mriZoneAccessAllowed>[0];
  const cases: [In, boolean][] = [
    [{ zone: 'I', person: 'visitor', screened: false, escortLevel: null }, true],
    [{ zone: 'II', person: 'patient', screened: false, escortLevel: null }, true],
    [{ zone: 'III', person: 'mr_level1', screened: false, escortLevel: null }, true],
    [{ zone: 'IV', person: 'mr_level2', screened: false, escortLevel: null }, true],
    [{ zone: 'IV', person: 'patient', screened: true, escortLevel: 2 }, true],
    [{ zone: 'IV', person: 'patient', screened: true, escortLevel: 1 }, false],
    [{ zone: 'III', person: 'visitor', screened: false, escortLevel: 2 }, false],
    [{ zone: 'III', person: 'non_mr_staff', screened: true, escortLevel: null }, false],
  ];
  for (const [input, ok] of cases) test(`${JSON.stringify(input)} -> ${ok}`, () => assert.equal(mriZoneAccessAllowed(input), ok));
  test('site policy keeps Level 1 out of Zone IV', () => assert.equal(mriZoneAccessAllowed({ zone: 'IV', person: 'mr_level1', screened: false, escortLevel: null, config: { imaging: { mrLevel1MayEnterZoneIV: false } } }), false));
  test('zone V is refused', () => assert.throws(() => mriZoneAccessAllowed({ zone: 'V' as 'I', person: 'patient', screened: true, escortLevel: 2 }), DomainInputError));
});

describe('CT dose (B.5)', () => {
  const doses: [number, string, number][] = [[400, 'chest', 5.6], [1000, 'head', 2.1], [600, 'abdomen_pelvis', 9.0], [100, 'neck', 0.59]];
  for (const [dlpMgyCm, region, msv] of doses) test(`${region} DLP ${dlpMgyCm} -> ${msv} mSv`, () => assert.equal(effectiveDoseMsv({ dlpMgyCm, region }), msv));
  test('DLP 10 mGy x 35 cm = 350', () => assert.equal(dlpFromCtdivol({ ctdiVolMgy: 10, scanLengthCm: 35 }), 350));
  const limits: [string, number, boolean][] = [['adult_head', 80, false], ['adult_head', 80.1, true], ['adult_abdomen', 30, false], ['adult_abdomen', 31, true], ['pediatric_head_1y', 40, false], ['pediatric_abdomen_5y_16cm', 21, true]];
  for (const [protocol, ctdiVolMgy, over] of limits) test(`${protocol} ${ctdiVolMgy} mGy -> ${over}`, () => assert.equal(exceedsAcrCtDoseLimit({ protocol, ctdiVolMgy }), over));
  test('unknown region is refused', () => assert.throws(() => effectiveDoseMsv({ dlpMgyCm: 100, region: 'knee' }), (e: DomainInputError) => e.field === 'region'));
});

describe('DICOM MWL and MPPS (B.6)', () => {
  test('the eight required matching keys, sorted', () => {
    assert.deepEqual(mwlRequiredMatchingKeys({}), ['(0008,0060)', '(0010,0010)', '(0010,0020)', '(0040,0001)', '(0040,0002)', '(0040,0003)', '(0040,0006)', '(0040,0100)']);
  });
  const keys: [string, string][] = [['(0040,0100)', '1'], ['(0040,0006)', '2'], ['(0040,0007)', '1C'], ['(0040,0012)', '2C'], ['(0010,1020)', '3'], ['00080050', '2'], ['(0010,21c0)', '2']];
  for (const [tag, type] of keys) test(`${tag} -> ${type}`, () => assert.equal(mwlReturnKeyType({ tag }), type));
  test('a tag outside the table is refused', () => assert.throws(() => mwlReturnKeyType({ tag: '(7FE0,0010)' }), DomainInputError));
  const transitions: [string, string, boolean][] = [
    ['IN PROGRESS', 'COMPLETED', true],
    ['IN PROGRESS', 'DISCONTINUED', true],
    ['COMPLETED', 'IN PROGRESS', false],
    ['COMPLETED', 'DISCONTINUED', false],
    ['DISCONTINUED', 'COMPLETED', false],
    ['IN PROGRESS', 'IN PROGRESS', false],
  ];
  for (const [from, to, ok] of transitions) test(`${from} -> ${to}: ${ok}`, () => assert.equal(mppsTransitionAllowed({ from: from as 'COMPLETED', to: to as 'COMPLETED' }), ok));
  test('N-CREATE only with IN PROGRESS', () => {
    assert.equal(mppsCreateAllowed({ initialStatus: 'IN PROGRESS' }), true);
    assert.equal(mppsCreateAllowed({ initialStatus: 'COMPLETED' }), false);
    assert.throws(() => mppsCreateAllowed({ initialStatus: 'in progress' as 'COMPLETED' }), DomainInputError);
  });
});
