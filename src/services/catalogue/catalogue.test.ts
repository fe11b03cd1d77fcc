import { test } from 'node:test';
import assert from 'node:assert/strict';
import { systems } from '../../fhir/systems.js';
import { findOrderable, orderables, orderablesOfKind } from './index.js';

/** Container codes of DOMAIN.md A.2; other containers must be the documented non-blood ones. */
const domainContainers = new Set([
  'BC_AEROBIC', 'BC_ANAEROBIC', 'CITRATE_LT_BLUE', 'SERUM_RED', 'SST_GOLD', 'HEP_DK_GREEN',
  'PST_LT_GREEN', 'EDTA_LAVENDER', 'EDTA_PINK', 'FLUORIDE_GRAY',
]);
const nonBlood = new Set(['URINE_CUP', 'URINE_STERILE_CUP', 'SPUTUM_STERILE_CUP', 'SWAB_VTM', 'ABG_SYRINGE', 'STOOL_CUP', 'STOOL_OP_VIAL']);

test('orderable codes are unique and findOrderable finds each one', () => {
  const codes = orderables.map((o) => o.code);
  assert.equal(new Set(codes).size, codes.length);
  for (const o of orderables) assert.equal(findOrderable(o.code), o);
  assert.equal(findOrderable('LAB-NOPE'), undefined);
});

test('the catalogue covers at least 30 lab tests, 15 imaging exams and 10 RT services', () => {
  assert.ok(orderablesOfKind('lab').length >= 30);
  assert.ok(orderablesOfKind('imaging').length >= 15);
  assert.ok(orderablesOfKind('respiratory').length >= 10);
});

test('the tests a clinician expects are orderable', () => {
  for (const code of ['LAB-CBC', 'LAB-BMP', 'LAB-CMP', 'LAB-LIPID', 'LAB-PT-INR', 'LAB-APTT', 'LAB-HBA1C', 'LAB-TSH',
    'LAB-TROPONIN', 'LAB-LACTATE', 'LAB-BLOOD-CULTURE', 'LAB-URINALYSIS', 'LAB-URINE-CULTURE', 'IMG-XR-CHEST-1V',
    'IMG-XR-CHEST-2V', 'IMG-XR-CHEST-PORT', 'IMG-CT-HEAD-WO', 'IMG-CT-CHEST-W', 'IMG-CT-ABD-PEL-W', 'IMG-MR-BRAIN-WO',
    'IMG-US-ABD', 'IMG-MG-SCREEN', 'RT-NEB', 'RT-VENT-INITIAL', 'RT-SPO2-SPOT', 'RT-ABG', 'RT-INCENTIVE-SPIRO',
    'RT-CPAP', 'RT-O2', 'RT-AIRWAY-CLEARANCE', 'RT-SPIROMETRY', 'RT-PEAK-FLOW-TEACH']) {
    assert.ok(findOrderable(code), code);
  }
});

test('every lab item has a LOINC coding and a specimen in a known container', () => {
  for (const o of orderablesOfKind('lab')) {
    assert.equal(o.performerRole, 'phlebotomist', o.code);
    assert.ok(o.coding.some((c) => c.system === systems.loinc && /^\d+-\d$/.test(c.code)), o.code);
    assert.ok(o.specimen, o.code);
    const containers = [o.specimen, ...(o.specimen.additionalContainers ?? [])];
    for (const c of containers) {
      assert.ok(domainContainers.has(c.container) || nonBlood.has(c.container), `${o.code}: ${c.container}`);
      assert.ok(c.volumeMl > 0, o.code);
    }
  }
});

test('lactate and ammonia travel on ice; coagulation tests fill a whole citrate tube', () => {
  assert.equal(findOrderable('LAB-LACTATE')?.specimen?.handling, 'on_ice');
  assert.equal(findOrderable('LAB-LACTATE')?.specimen?.container, 'FLUORIDE_GRAY');
  assert.equal(findOrderable('LAB-AMMONIA')?.specimen?.handling, 'on_ice');
  assert.equal(findOrderable('LAB-PT-INR')?.specimen?.volumeMl, 2.7);
  const culture = findOrderable('LAB-BLOOD-CULTURE')?.specimen;
  assert.deepEqual([culture?.container, culture?.additionalContainers?.[0]?.container], ['BC_AEROBIC', 'BC_ANAEROBIC']);
});

test('every imaging item has a modality, a matching DICOM coding and a CPT number', () => {
  for (const o of orderablesOfKind('imaging')) {
    assert.equal(o.performerRole, 'imaging_technologist', o.code);
    assert.ok(o.modality, o.code);
    assert.ok(o.coding.some((c) => c.system === systems.dicomModality && c.code === o.modality), o.code);
    assert.ok(o.coding.some((c) => c.system === systems.cpt), o.code);
    assert.ok((o.defaultDurationMinutes ?? 0) > 0, o.code);
  }
});

test('respiratory items go to the respiratory therapist', () => {
  for (const o of orderablesOfKind('respiratory')) assert.equal(o.performerRole, 'respiratory_therapist', o.code);
  assert.equal(findOrderable('RT-VENT-INITIAL')?.coding[0]?.code, '94002');
});

test('CPT codings carry a 5-character code and only our own short label', () => {
  const cpt = orderables.flatMap((o) => o.coding.filter((c) => c.system === systems.cpt).map((c) => ({ o, c })));
  assert.ok(cpt.length >= 25);
  for (const { o, c } of cpt) {
    assert.match(c.code, /^\d{5}$/, o.code);
    assert.ok(c.display.length > 0 && c.display.length <= 40, `${o.code}: "${c.display}" is too long`);
  }
});

test('displays are short labels', () => {
  for (const o of orderables) assert.ok(o.display.length <= 45, o.code);
});

test('stool tests are orderable with their LOINC code, container and collection instructions', async () => {
  const { nonBloodSpecimen } = await import('../phlebotomy/non-blood.js');
  const expected: [string, string, string][] = [['LAB-CDIFF-TOXIN', '34468-9', 'STOOL_CUP'], ['LAB-OCCULT-BLOOD', '2335-8', 'STOOL_CUP'], ['LAB-OVA-PARASITES', '673-4', 'STOOL_OP_VIAL']];
  for (const [code, loinc, container] of expected) {
    const o = findOrderable(code);
    assert.ok(o, code);
    assert.ok(o.coding.some((c) => c.system === systems.loinc && c.code === loinc), code);
    assert.equal(o.specimen?.container, container, code);
    const how = nonBloodSpecimen(container);
    assert.equal(how?.kind, 'stool', code);
    assert.match(how!.instructions, /pan or collection hat/, 'stool never comes from the toilet water');
  }
  assert.match(nonBloodSpecimen('STOOL_OP_VIAL')!.instructions, /fill line/);
});
