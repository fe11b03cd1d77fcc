import { test } from 'node:test';
import assert from 'node:assert/strict';
import { observation, patient, serviceRequest, claim, transaction, task } from './examples.js';
import { validateResource } from './index.js';
import type { ValidationCode } from './models.js';

type Json = Record<string, any>;
const change = (base: object, edit: (r: Json) => void): Json => {
  const copy = structuredClone(base) as Json;
  edit(copy);
  return copy;
};
const found = (resource: unknown, resourceType?: string) =>
  validateResource(resource, resourceType ? { resourceType } : {}).map((i): [ValidationCode, string] => [i.code, i.expression]);

interface Case {
  name: string;
  resource: unknown;
  expect: [ValidationCode, string][];
  resourceType?: string;
}

const uuid = 'urn:uuid:0f2d3c4b-1a2b-4c3d-8e9f-a0b1c2d3e4f5';

const cases: Case[] = [
  // the resource itself
  { name: 'not an object', resource: 'Patient', expect: [['structure', 'Resource']] },
  { name: 'missing resourceType', resource: { id: 'x' }, expect: [['required', 'Resource']] },
  { name: 'unknown resourceType', resource: { resourceType: 'Pateint' }, expect: [['invalid', 'Resource']] },
  { name: 'abstract resourceType', resource: { resourceType: 'DomainResource' }, expect: [['invalid', 'Resource']] },
  { name: 'a datatype is not a resource', resource: { resourceType: 'HumanName', family: 'X' }, expect: [['invalid', 'Resource']] },
  { name: 'not the type the URL names', resource: patient, resourceType: 'Observation', expect: [['invalid', 'Observation']] },
  // unknown properties
  { name: 'unknown property', resource: change(patient, (r) => (r.foo = 1)), expect: [['structure', 'Patient.foo']] },
  { name: 'unknown property in a backbone element', resource: change(patient, (r) => (r.contact[0].foo = 'x')), expect: [['structure', 'Patient.contact[0].foo']] },
  { name: 'unknown property in a datatype', resource: change(patient, (r) => (r.name[0].middle = 'x')), expect: [['structure', 'Patient.name[0].middle']] },
  { name: 'resourceType inside a datatype', resource: change(patient, (r) => (r.name[0].resourceType = 'HumanName')), expect: [['structure', 'Patient.name[0].resourceType']] },
  { name: '__proto__ is just unknown', resource: JSON.parse('{"resourceType":"Patient","__proto__":{"x":1}}'), expect: [['structure', 'Patient.__proto__']] },
  // primitives
  { name: 'boolean given as a string', resource: change(patient, (r) => (r.active = 'true')), expect: [['structure', 'Patient.active']] },
  { name: 'date with month 13', resource: change(patient, (r) => (r.birthDate = '1984-13-01')), expect: [['value', 'Patient.birthDate']] },
  { name: 'date that does not exist', resource: change(patient, (r) => (r.birthDate = '2023-02-29')), expect: [['value', 'Patient.birthDate']] },
  { name: 'date with a time', resource: change(patient, (r) => (r.birthDate = '1984-07-12T00:00:00Z')), expect: [['value', 'Patient.birthDate']] },
  { name: 'dateTime with time but no zone', resource: change(observation, (r) => (r.effectiveDateTime = '2024-05-01T11:05:00')), expect: [['value', 'Observation.effectiveDateTime']] },
  { name: 'instant without time', resource: change(observation, (r) => (r.issued = '2024-05-01')), expect: [['value', 'Observation.issued']] },
  { name: 'time out of range', resource: change(observation, (r) => { delete r.valueQuantity; r.valueTime = '25:00:00'; }), expect: [['value', 'Observation.valueTime']] },
  { name: 'id with a space', resource: change(patient, (r) => (r.id = 'p 1')), expect: [['value', 'Patient.id']] },
  { name: 'id too long', resource: change(patient, (r) => (r.id = 'x'.repeat(65))), expect: [['value', 'Patient.id']] },
  { name: 'decimal given as a string', resource: change(observation, (r) => (r.valueQuantity.value = '13.2')), expect: [['structure', 'Observation.valueQuantity.value']] },
  { name: 'integer with a fraction', resource: change(observation, (r) => { delete r.valueQuantity; r.valueInteger = 1.5; }), expect: [['value', 'Observation.valueInteger']] },
  { name: 'integer beyond 32 bits', resource: change(observation, (r) => { delete r.valueQuantity; r.valueInteger = 2 ** 31; }), expect: [['value', 'Observation.valueInteger']] },
  { name: 'positiveInt zero', resource: change(claim, (r) => (r.item[0].sequence = 0)), expect: [['value', 'Claim.item[0].sequence']] },
  { name: 'positiveInt array item wrong', resource: change(claim, (r) => (r.item[0].diagnosisSequence = [1, -2])), expect: [['value', 'Claim.item[0].diagnosisSequence[1]']] },
  { name: 'code with inner double space', resource: change(patient, (r) => (r.telecom[0].use = 'mo  bile')), expect: [['value', 'Patient.telecom[0].use']] },
  { name: 'uri with whitespace', resource: change(patient, (r) => (r.identifier[0].system = 'urn:allied mrn')), expect: [['value', 'Patient.identifier[0].system']] },
  { name: 'base64Binary that is not', resource: change(patient, (r) => (r.photo = [{ data: 'abc' }])), expect: [['value', 'Patient.photo[0].data']] },
  { name: 'xhtml that is not a div', resource: change(patient, (r) => (r.text = { status: 'generated', div: '<p>x</p>' })), expect: [['value', 'Patient.text.div']] },
  { name: 'null value', resource: change(patient, (r) => (r.active = null)), expect: [['structure', 'Patient.active']] },
  // array or single value
  { name: 'single value where an array belongs', resource: change(patient, (r) => (r.name = r.name[0])), expect: [['structure', 'Patient.name']] },
  { name: 'array where a single value belongs', resource: change(patient, (r) => (r.gender = ['female'])), expect: [['structure', 'Patient.gender']] },
  { name: 'string where a primitive array belongs', resource: change(patient, (r) => (r.name[0].given = 'Ada')), expect: [['structure', 'Patient.name[0].given']] },
  { name: 'array where a complex single belongs', resource: change(observation, (r) => (r.code = [r.code])), expect: [['structure', 'Observation.code']] },
  { name: 'string where an object belongs', resource: change(transaction, (r) => (r.entry[2].resource.subject = 'Patient/1')), expect: [['structure', 'Bundle.entry[2].resource.subject']] },
  // cardinality
  { name: 'missing Observation.code', resource: change(observation, (r) => delete r.code), expect: [['required', 'Observation.code']] },
  { name: 'missing ServiceRequest.intent', resource: change(serviceRequest, (r) => delete r.intent), expect: [['required', 'ServiceRequest.intent']] },
  { name: 'missing required element of a backbone', resource: change(claim, (r) => delete r.item[0].sequence), expect: [['required', 'Claim.item[0].sequence']] },
  { name: 'missing Extension.url', resource: change(patient, (r) => delete r._birthDate.extension[0].url), expect: [['required', 'Patient.birthDate.extension[0].url']] },
  { name: 'missing required choice', resource: { resourceType: 'MedicationRequest', status: 'active', intent: 'order', subject: { reference: 'Patient/1' } }, expect: [['required', 'MedicationRequest.medication']] },
  // choice types
  { name: 'choice with a type the element does not allow', resource: change(observation, (r) => { delete r.valueQuantity; r.valueReference = { reference: 'Patient/1' }; }), expect: [['structure', 'Observation.valueReference']] },
  { name: 'choice with a made-up type', resource: change(observation, (r) => (r.valueFoo = 1)), expect: [['structure', 'Observation.valueFoo']] },
  { name: 'two types of one choice', resource: change(observation, (r) => (r.valueString = 'high')), expect: [['structure', 'Observation.value']] },
  { name: 'the bare choice name', resource: change(observation, (r) => (r.value = 1)), expect: [['structure', 'Observation.value']] },
  // primitive extensions
  { name: '_birthDate alone is fine', resource: change(patient, (r) => delete r.birthDate), expect: [] },
  { name: '_birthDate not an object', resource: change(patient, (r) => (r._birthDate = 'x')), expect: [['structure', 'Patient.birthDate']] },
  { name: 'unknown _ property', resource: change(patient, (r) => (r._foo = { id: 'a', extension: [] })), expect: [['structure', 'Patient._foo']] },
  { name: '_ companion of a complex element', resource: change(patient, (r) => (r._name = [{ id: 'x' }])), expect: [['structure', 'Patient._name']] },
  { name: 'null in a primitive array with its extension', resource: change(patient, (r) => { r.name[0].given = [null, 'N.']; r.name[0]._given = [{ extension: [{ url: 'http://example.org/x', valueCode: 'masked' }] }, null]; }), expect: [] },
  { name: 'null in a primitive array without extension', resource: change(patient, (r) => (r.name[0].given = [null, 'N.'])), expect: [['structure', 'Patient.name[0].given[0]']] },
  { name: 'value and _ arrays of different lengths', resource: change(patient, (r) => (r.name[0]._given = [null])), expect: [['structure', 'Patient.name[0].given']] },
  // empties
  { name: 'empty string', resource: change(patient, (r) => (r.birthDate = '')), expect: [['value', 'Patient.birthDate']] },
  { name: 'empty object', resource: change(patient, (r) => (r.name[0] = {})), expect: [['invariant', 'Patient.name[0]']] },
  { name: 'object with only an id', resource: change(patient, (r) => (r.maritalStatus = { id: 'm' })), expect: [['invariant', 'Patient.maritalStatus']] },
  { name: 'empty array', resource: change(patient, (r) => (r.name = [])), expect: [['structure', 'Patient.name']] },
  { name: 'extension with both value and extensions (ext-1)', resource: change(patient, (r) => (r._birthDate.extension[0].extension = [{ url: 'a', valueString: 'b' }])), expect: [['invariant', 'Patient.birthDate.extension[0]']] },
  // contained resources and bundles
  { name: 'contained resource without resourceType', resource: change(patient, (r) => (r.contained = [{ id: 'x' }])), expect: [['required', 'Patient.contained[0]']] },
  { name: 'contained resource checked as its own type', resource: change(patient, (r) => (r.contained = [{ resourceType: 'Observation', id: 'o', status: 'bogus', code: { text: 'x' } }])), expect: [['code-invalid', 'Patient.contained[0].status']] },
  { name: 'bundle entry checked as its own type', resource: change(transaction, (r) => delete r.entry[2].resource.code), expect: [['required', 'Bundle.entry[2].resource.code']] },
  { name: 'bundle entry with an unknown type', resource: change(transaction, (r) => (r.entry[1].resource.resourceType = 'Order')), expect: [['invalid', 'Bundle.entry[1].resource']] },
  // references
  { name: 'reference with a space', resource: change(observation, (r) => (r.subject.reference = 'Patient/1 2')), expect: [['value', 'Observation.subject.reference']] },
  { name: 'reference without id', resource: change(observation, (r) => (r.subject.reference = 'Patient/')), expect: [['value', 'Observation.subject.reference']] },
  { name: 'reference to an unknown type', resource: change(observation, (r) => (r.basedOn[0].reference = 'Order/1')), expect: [['value', 'Observation.basedOn[0].reference']] },
  { name: 'reference to a type the element does not allow', resource: change(observation, (r) => (r.subject.reference = 'Practitioner/1')), expect: [['value', 'Observation.subject.reference']] },
  { name: 'reference that contradicts its type', resource: change(observation, (r) => (r.subject.type = 'Group')), expect: [['value', 'Observation.subject.reference']] },
  { name: 'malformed urn:uuid', resource: change(observation, (r) => (r.subject.reference = 'urn:uuid:1234')), expect: [['value', 'Observation.subject.reference']] },
  { name: 'reference to a contained resource that is not there', resource: change(observation, (r) => (r.device = { reference: '#dev' })), expect: [['value', 'Observation.device.reference']] },
  {
    name: 'contained resources may refer to each other and to the container',
    resource: change(observation, (r) => {
      r.contained = [{ resourceType: 'Device', id: 'dev', owner: { reference: '#org' }, patient: { reference: 'Patient/p1' } }, { resourceType: 'Organization', id: 'org', name: 'Lab' }];
      r.device = { reference: '#dev' };
      r.subject = { reference: '#' };
    }),
    expect: [],
  },
  { name: 'malformed contained reference', resource: change(observation, (r) => (r.subject.reference = '#not ok')), expect: [['value', 'Observation.subject.reference']] },
  // nesting: element-typed parts of datatypes, recursive (contentReference) elements, resources in Parameters
  {
    name: 'unknown property inside Timing.repeat',
    resource: { resourceType: 'MedicationRequest', status: 'active', intent: 'order', subject: { reference: 'Patient/1' }, medicationCodeableConcept: { text: 'x' }, dosageInstruction: [{ timing: { repeat: { boundsPeriod: { start: '2024-01-01' }, foo: 1 } } }] },
    expect: [['structure', 'MedicationRequest.dosageInstruction[0].timing.repeat.foo']],
  },
  {
    name: 'recursive Questionnaire.item',
    resource: { resourceType: 'Questionnaire', status: 'active', item: [{ linkId: '1', type: 'group', item: [{ linkId: '1.1', type: 'group', item: [{ type: 'string' }] }] }] },
    expect: [['required', 'Questionnaire.item[0].item[0].item[0].linkId']],
  },
  {
    name: 'two values in one Observation.component',
    resource: change(observation, (r) => (r.component = [{ code: { text: 'sys' }, valueQuantity: { value: 120 }, valueString: 'x' }])),
    expect: [['structure', 'Observation.component[0].value']],
  },
  {
    name: 'resource inside Parameters',
    resource: { resourceType: 'Parameters', parameter: [{ name: 'p', resource: { resourceType: 'Patient', gender: 'x' } }] },
    expect: [['code-invalid', 'Parameters.parameter[0].resource.gender']],
  },
  // required bindings
  { name: 'Observation.status bogus', resource: change(observation, (r) => (r.status = 'bogus')), expect: [['code-invalid', 'Observation.status']] },
  { name: 'Patient.gender bogus', resource: change(patient, (r) => (r.gender = 'bogus')), expect: [['code-invalid', 'Patient.gender']] },
  { name: 'Task.status bogus', resource: change(task, (r) => (r.status = 'bogus')), expect: [['code-invalid', 'Task.status']] },
  { name: 'ServiceRequest.priority whenever', resource: change(serviceRequest, (r) => (r.priority = 'whenever')), expect: [['code-invalid', 'ServiceRequest.priority']] },
  { name: 'codes are case-sensitive', resource: change(patient, (r) => (r.gender = 'Female')), expect: [['code-invalid', 'Patient.gender']] },
  { name: 'binding inside a datatype', resource: change(observation, (r) => (r.valueQuantity.comparator = '<<')), expect: [['code-invalid', 'Observation.valueQuantity.comparator']] },
  { name: 'binding inside a backbone in a bundle', resource: change(transaction, (r) => (r.entry[0].request.method = 'FETCH')), expect: [['code-invalid', 'Bundle.entry[0].request.method']] },
  {
    name: 'CodeableConcept binding, system matches',
    resource: { resourceType: 'Condition', subject: { reference: 'Patient/1' }, clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'bogus' }] } },
    expect: [['code-invalid', 'Condition.clinicalStatus.coding[0].code']],
  },
  {
    name: 'CodeableConcept binding, other system is left alone',
    resource: { resourceType: 'Condition', subject: { reference: 'Patient/1' }, clinicalStatus: { coding: [{ system: 'http://example.org/local', code: 'bogus' }] } },
    expect: [],
  },
];

for (const c of cases) {
  test(`${c.name}: ${c.expect.map((e) => e.join(' at ')).join('; ') || 'no issues'}`, () => {
    assert.deepEqual(found(c.resource, c.resourceType), c.expect);
  });
}

test('valid reference forms pass', () => {
  for (const ref of ['Patient/123', 'Patient/123/_history/2', uuid, 'urn:oid:1.2.840.10008', 'https://fhir.example.org/R4/Patient/9', '#', 'Patient?identifier=urn:allied:mrn|1']) {
    assert.deepEqual(found(change(observation, (r) => (r.subject.reference = ref))), [], ref);
  }
  const withContained = change(observation, (r) => {
    r.contained = [{ resourceType: 'Patient', id: 'pt' }];
    r.subject = { reference: '#pt', type: 'http://hl7.org/fhir/StructureDefinition/Patient' };
  });
  assert.deepEqual(found(withContained), []);
});

test('issues say what is wrong in words a person understands', () => {
  const [issue] = validateResource(change(observation, (r) => (r.status = 'bogus')));
  assert.equal(issue.severity, 'error');
  assert.match(issue.message, /"bogus".*observation-status/);
  const [missing] = validateResource(change(observation, (r) => delete r.code));
  assert.match(missing.message, /Observation\.code is required/);
});

test('several problems are all reported, each with its own path', () => {
  const bad = change(patient, (r) => {
    r.gender = 'x';
    r.name[0].given[1] = 7;
    r.birthDate = '84-07-12';
  });
  assert.deepEqual(found(bad), [
    ['structure', 'Patient.name[0].given[1]'],
    ['code-invalid', 'Patient.gender'],
    ['value', 'Patient.birthDate'],
  ]);
});

test('deep nesting is reported, not a stack overflow', () => {
  let ext: Json = { url: 'http://example.org/leaf', valueString: 'x' };
  for (let i = 0; i < 5000; i++) ext = { url: 'http://example.org/n', extension: [ext] };
  const issues = validateResource({ resourceType: 'Patient', extension: [ext] });
  assert.equal(issues.length, 1);
  assert.equal(issues[0].code, 'structure');
  assert.match(issues[0].message, /nested more than/);
});

test('a flood of problems is capped', () => {
  const flood: Json = { resourceType: 'Patient' };
  for (let i = 0; i < 500; i++) flood[`bad${i}`] = i;
  const issues = validateResource(flood);
  assert.equal(issues.length, 101);
  assert.equal(issues[100].severity, 'warning');
});
