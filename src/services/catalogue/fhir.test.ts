import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultDomainConfig } from '../../domain/index.js';
import { systems } from '../../fhir/systems.js';
import { validateResource } from '../../fhir/validation/index.js';
import type { ActivityDefinition, SpecimenDefinition } from '@medplum/fhirtypes';
import { catalogueFromBundle, catalogueToBundle } from './fhir.js';
import { seedCatalogue } from './seed.js';
import { validateCatalogue, type CatalogueRules } from './validate.js';

const rules: CatalogueRules = {
  containers: defaultDomainConfig.phlebotomy.containers,
  tests: defaultDomainConfig.phlebotomy.tests,
  referenceLabs: [{ id: 'tricounty', name: 'Tri-County Reference Laboratory' }],
};
const containers = rules.containers;

test('the seed catalogue passes its own checks unchanged', () => {
  const seed = seedCatalogue();
  assert.deepEqual(validateCatalogue(seed, rules).map((o) => o.code), seed.map((o) => o.code));
});

test('export -> import -> export gives the same Bundle, and the same entries back', () => {
  const items = validateCatalogue(seedCatalogue(), rules);
  items[0] = { ...items[0], performingLab: 'tricounty', status: 'retired' };
  const bundle = catalogueToBundle(items, containers);
  const back = validateCatalogue(catalogueFromBundle(JSON.parse(JSON.stringify(bundle))), rules);
  assert.deepEqual(back, items);
  assert.deepEqual(catalogueToBundle(back, containers), bundle);
});

test('a lab test exports as ActivityDefinition -> SpecimenDefinition + ObservationDefinition with its container and handling', () => {
  const lactate = validateCatalogue(seedCatalogue(), rules).find((o) => o.code === 'LAB-LACTATE')!;
  const [ad, od, sd] = catalogueToBundle([lactate], containers).entry!.map((e) => e.resource!);
  assert.equal(ad.resourceType, 'ActivityDefinition');
  const a = ad as ActivityDefinition;
  assert.deepEqual([a.id, a.status, a.kind, a.title], ['LAB-LACTATE', 'active', 'ServiceRequest', 'Lactate']);
  assert.deepEqual(a.specimenRequirement, [{ reference: 'SpecimenDefinition/LAB-LACTATE' }]);
  assert.deepEqual(a.observationResultRequirement, [{ reference: 'ObservationDefinition/LAB-LACTATE' }]);
  assert.ok(a.code?.coding?.some((c) => c.system === systems.loinc && c.code === '2524-7'));
  assert.equal(od.resourceType, 'ObservationDefinition');
  const s = sd as SpecimenDefinition;
  const tube = s.typeTested![0];
  assert.equal(tube.container?.type?.coding?.[0]?.code, 'FLUORIDE_GRAY');
  assert.equal(tube.container?.cap?.coding?.[0]?.code, 'grey');
  assert.equal(tube.container?.additive?.[0]?.additiveCodeableConcept?.coding?.[0]?.code, 'fluoride_oxalate');
  assert.equal(tube.handling?.[0]?.temperatureQualifier?.coding?.[0]?.code, 'on_ice');
  assert.equal(tube.handling?.[0]?.maxDuration?.value, 60);
});

test('a timed draw and a fasting test carry their window and preparation', () => {
  const seed = validateCatalogue(seedCatalogue(), rules);
  const [, , trough] = catalogueToBundle([seed.find((o) => o.code === 'LAB-VANCO-TROUGH')!], containers).entry!.map((e) => e.resource as SpecimenDefinition);
  assert.equal(trough.timeAspect, 'Trough: 0-30 min before the next dose');
  const [, , fasting] = catalogueToBundle([seed.find((o) => o.code === 'LAB-GLUCOSE-FASTING')!], containers).entry!.map((e) => e.resource as SpecimenDefinition);
  assert.equal(fasting.patientPreparation?.[0]?.text, 'Fasting 8 h');
});

test('imaging and RT entries without LOINC export an ActivityDefinition only', () => {
  const ct = validateCatalogue(seedCatalogue(), rules).find((o) => o.code === 'IMG-CT-HEAD-WO')!;
  const entries = catalogueToBundle([ct], containers).entry!;
  assert.equal(entries.length, 1);
  assert.equal((entries[0].resource as ActivityDefinition).timingDuration?.value, 15);
});

test('an import names what is wrong and where', () => {
  assert.throws(() => catalogueFromBundle({ resourceType: 'Patient' }), /Send a FHIR Bundle/);
  assert.throws(() => catalogueFromBundle({ resourceType: 'Bundle', entry: [{ resource: { resourceType: 'Patient', id: 'x' } }] }), (e: Error & { field?: string }) => e.field === 'entry[0].resource.resourceType');
  const cbc = validateCatalogue(seedCatalogue(), rules).find((o) => o.code === 'LAB-CBC')!;
  const bundle = catalogueToBundle([cbc], containers);
  bundle.entry = bundle.entry!.filter((e) => e.resource!.resourceType !== 'SpecimenDefinition');
  assert.throws(() => catalogueFromBundle(bundle), /points to SpecimenDefinition\/LAB-CBC, which is not in the Bundle/);
});

test('every exported resource, and the Bundle, is valid FHIR R4', () => {
  const bundle = catalogueToBundle(validateCatalogue(seedCatalogue(), rules), containers);
  const issues = validateResource(bundle).filter((i) => i.severity === 'error');
  assert.deepEqual(issues, []);
  for (const e of bundle.entry!) assert.deepEqual(validateResource(e.resource).filter((i) => i.severity === 'error'), [], `${e.resource!.resourceType}/${e.resource!.id}`);
});
