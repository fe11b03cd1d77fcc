import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainInputError } from '../errors.js';
import { cptChestRadiograph, cptCtChest, cptForService, cptPulseOximetry, cptVentilationManagement, procedureCodes } from './cpt.js';
import { asthmaSeverities, asthmaStatuses, icd10Asthma, icd10Description, icd10Descriptions, icd10Sequence } from './icd10.js';

describe('CPT links (D.1)', () => {
  const views: [number, string][] = [[1, '71045'], [2, '71046'], [3, '71047'], [4, '71048'], [6, '71048']];
  for (const [v, code] of views) test(`chest X-ray ${v} views -> ${code}`, () => assert.equal(cptChestRadiograph({ views: v }), code));
  test('0 views is refused', () => assert.throws(() => cptChestRadiograph({ views: 0 }), DomainInputError));
  test('CT chest', () => assert.deepEqual((['without', 'with', 'without_then_with'] as const).map((contrast) => cptCtChest({ contrast })), ['71250', '71260', '71270']));
  test('ventilator management', () => {
    assert.equal(cptVentilationManagement({ setting: 'hospital', day: 'initial' }), '94002');
    assert.equal(cptVentilationManagement({ setting: 'hospital', day: 'subsequent' }), '94003');
    assert.equal(cptVentilationManagement({ setting: 'nursing_facility' }), '94004');
    assert.equal(cptVentilationManagement({ setting: 'emergency_department' }), null);
    assert.throws(() => cptVentilationManagement({ setting: 'hospital' }), (e: DomainInputError) => e.field === 'day');
  });
  test('pulse oximetry', () => assert.deepEqual((['single', 'multiple', 'overnight'] as const).map((type) => cptPulseOximetry({ type })), ['94760', '94761', '94762']));
  const services: [string, string][] = [['nebulizer_treatment', '94640'], ['mdi_treatment', '94640'], ['inhaler_demonstration', '94664'], ['cpap', '94660'], ['emergency_intubation', '31500'], ['venipuncture', '36415'], ['capillary', '36416']];
  for (const [service, code] of services) test(`${service} -> ${code}`, () => assert.equal(cptForService({ service }), code));
  test('labels are short and our own (no AMA long descriptors)', () => {
    for (const p of Object.values(procedureCodes)) assert.ok(p.label.length <= 60, p.code);
  });
});

describe('ICD-10-CM (D.2)', () => {
  test('every asthma severity x status has a code with an official description', () => {
    for (const severity of asthmaSeverities) for (const status of asthmaStatuses) assert.ok(icd10Descriptions[icd10Asthma({ severity, status })]);
  });
  const asthma: [string, string, string][] = [
    ['mild_intermittent', 'uncomplicated', 'J45.20'],
    ['moderate_persistent', 'exacerbation', 'J45.41'],
    ['severe_persistent', 'status_asthmaticus', 'J45.52'],
    ['unspecified', 'uncomplicated', 'J45.909'],
    ['unspecified', 'exacerbation', 'J45.901'],
  ];
  for (const [severity, status, code] of asthma) test(`${severity}/${status} -> ${code}`, () => assert.equal(icd10Asthma({ severity: severity as 'unspecified', status: status as 'exacerbation' }), code));
  test('COVID-19 is sequenced first', () => {
    assert.deepEqual(icd10Sequence({ condition: 'covid19_pneumonia' }), ['U07.1', 'J12.82']);
    assert.deepEqual(icd10Sequence({ condition: 'covid19_ards' }), ['U07.1', 'J80']);
  });
  test('descriptions, with or without the dot', () => {
    assert.equal(icd10Description({ code: 'J96.01' }), 'Acute respiratory failure with hypoxia');
    assert.equal(icd10Description({ code: 'j4520' }), 'Mild intermittent asthma, uncomplicated');
    assert.equal(icd10Description({ code: 'J80' }), 'Acute respiratory distress syndrome');
  });
  test('unknown code and severity are refused', () => {
    assert.throws(() => icd10Description({ code: 'X99.9' }), DomainInputError);
    assert.throws(() => icd10Asthma({ severity: 'severe' as 'unspecified', status: 'uncomplicated' }), (e: DomainInputError) => e.field === 'severity');
  });
});
