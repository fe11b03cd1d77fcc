import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validExamples } from './examples.js';
import { isResourceType, resourceTypes, validateResource } from './index.js';

for (const [name, resource] of Object.entries(validExamples)) {
  test(`a valid ${resource.resourceType} (${name}) has no issues`, () => {
    assert.deepEqual(validateResource(resource), []);
    assert.deepEqual(validateResource(JSON.parse(JSON.stringify(resource))), []);
  });
}

test('a resource passes when the caller expects its own type', () => {
  assert.deepEqual(validateResource(validExamples.patient, { resourceType: 'Patient' }), []);
});

test('a value set that cannot be expanded from the definitions is not enforced (MIME types, currencies)', () => {
  const media = {
    resourceType: 'DocumentReference',
    status: 'current',
    content: [{ attachment: { contentType: 'application/x-allied-label', data: 'QWxsaWVk' } }],
  };
  assert.deepEqual(validateResource(media), []);
  const charge = { ...validExamples.claim, total: { value: 1, currency: 'XXZ' } };
  assert.deepEqual(validateResource(charge), []);
});

test('resource types come from the R4 definitions', () => {
  const types = resourceTypes();
  for (const t of ['Patient', 'Observation', 'ServiceRequest', 'Task', 'Specimen', 'Claim', 'ExplanationOfBenefit', 'Bundle', 'AuditEvent']) {
    assert.ok(types.includes(t), t);
    assert.ok(isResourceType(t), t);
  }
  for (const t of ['Resource', 'DomainResource', 'HumanName', 'patient', 'Foo', '']) assert.equal(isResourceType(t), false, t);
  assert.ok(types.length >= 145);
});
