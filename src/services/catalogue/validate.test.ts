import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultDomainConfig } from '../../domain/index.js';
import { systems } from '../../fhir/systems.js';
import { ServiceError } from '../errors.js';
import { validateCatalogue, validateOrderable, type CatalogueRules } from './validate.js';

const rules: CatalogueRules = { containers: defaultDomainConfig.phlebotomy.containers, tests: defaultDomainConfig.phlebotomy.tests, referenceLabs: [{ id: 'tricounty', name: 'Tri-County' }] };
const vitd = {
  code: 'LAB-VITD', display: 'Vitamin D, 25-hydroxy', kind: 'lab',
  coding: [{ system: systems.loinc, code: '62292-8', display: '25-Hydroxyvitamin D2+D3 [Mass/volume] in Serum or Plasma' }],
  specimen: { container: 'SST_GOLD', volumeMl: 1.0, minVolumeMl: 0.5, handling: 'refrigerated', protectFromLight: true },
  performingLab: 'tricounty',
};

function rejects(change: Record<string, unknown>, field: string, message: RegExp): void {
  assert.throws(() => validateOrderable({ ...vitd, ...change }, rules), (e: unknown) => {
    assert.ok(e instanceof ServiceError);
    assert.equal(e.status, 422);
    assert.equal(e.field, field);
    assert.match(e.message, message);
    return true;
  });
}

test('a complete lab entry is accepted with its performer filled in', () => {
  const item = validateOrderable(vitd, rules);
  assert.equal(item.performerRole, 'phlebotomist');
  assert.equal(item.status, 'active');
  assert.equal(item.specimen?.handling, 'refrigerated');
});

test('a minimum volume equal to the volume is stored as none, so the entry has one form', () => {
  assert.equal(validateOrderable({ ...vitd, specimen: { ...vitd.specimen, minVolumeMl: 1 } }, rules).specimen?.minVolumeMl, undefined);
});

test('bad specimen requirements are refused with the field and a way to fix them', () => {
  rejects({ specimen: { ...vitd.specimen, container: 'JAM_JAR' } }, 'specimen.container', /Unknown container "JAM_JAR": use one of .*SST_GOLD/);
  rejects({ specimen: { ...vitd.specimen, volumeMl: -1 } }, 'specimen.volumeMl', /more than 0 mL/);
  rejects({ specimen: { ...vitd.specimen, minVolumeMl: 2 } }, 'specimen.minVolumeMl', /minimum volume \(2 mL\) is more than the volume to collect \(1 mL\)/);
  rejects({ specimen: { ...vitd.specimen, volumeMl: 8 } }, 'specimen.volumeMl', /does not fit in a Gold SST .* holds 5 mL/);
  rejects({ specimen: { ...vitd.specimen, handling: 'warm' } }, 'specimen.handling', /ambient, on_ice, refrigerated/);
  rejects({ specimen: { ...vitd.specimen, deliverWithinMinutes: 0 } }, 'specimen.deliverWithinMinutes', /whole number of minutes/);
  rejects({ performingLab: 'acme' }, 'performingLab', /Unknown reference lab "acme": use one of tricounty/);
  rejects({ code: 'lab vitd' }, 'code', /capitals, digits and dashes/);
  rejects({ coding: [{ system: systems.loinc, code: '62292', display: '' }] }, 'coding[0].code', /not a LOINC code/);
  rejects({ coding: [] }, 'coding', /needs a LOINC code/);
  rejects({ specimen: undefined }, 'specimen', /needs its specimen/);
  rejects({ volum: 3 }, 'volum', /not a field of a catalogue entry/);
  rejects({ timing: { kind: 'trough', fromMinutes: -30, toMinutes: 15 } }, 'timing.toMinutes', /before the next dose/);
  rejects({ timing: { kind: 'peak', fromMinutes: 60, toMinutes: 30 } }, 'timing.toMinutes', /start before it ends/);
  rejects({ labTestCode: 'VITD' }, 'labTestCode', /Unknown lab test "VITD"/);
});

test('a catalogue with a code twice is refused at the second entry', () => {
  assert.throws(() => validateCatalogue([vitd, { ...vitd, display: 'Again' }], rules), (e: unknown) => {
    assert.ok(e instanceof ServiceError);
    assert.equal(e.field, '[1].code');
    assert.match(e.message, /LAB-VITD is already used by entry 1/);
    return true;
  });
});

test('a lab that takes its own test codes gets only the tests it has a code for (the order would stop at the bedside)', () => {
  const own: CatalogueRules = { ...rules, referenceLabs: [{ id: 'tricounty', name: 'Tri-County', ownCodes: { '2345-7': { code: 'GLU' } } }] };
  assert.throws(() => validateOrderable(vitd, own), (e: unknown) => {
    assert.ok(e instanceof ServiceError);
    assert.equal(e.field, 'performingLab');
    assert.match(e.message, /Tri-County takes its own test codes in OBR-4 and has none for this test \(sent as 62292-8\): add it to the lab's test code table/);
    return true;
  });
  const mapped: CatalogueRules = { ...rules, referenceLabs: [{ id: 'tricounty', name: 'Tri-County', ownCodes: { '62292-8': { code: 'VITD25' } } }] };
  assert.equal(validateOrderable(vitd, mapped).performingLab, 'tricounty');
  assert.equal(validateOrderable({ ...vitd, status: 'retired' }, own).status, 'retired', 'a retired test is never ordered: nothing to map');
});
