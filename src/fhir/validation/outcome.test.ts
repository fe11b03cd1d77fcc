import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FhirError } from '../errors.js';
import { assertValidResource, hasErrors, operationOutcome, validateResource } from './index.js';

test('issues become an R4 OperationOutcome naming each FHIRPath', () => {
  const issues = validateResource({ resourceType: 'Observation', status: 'bogus' });
  assert.deepEqual(operationOutcome(issues), {
    resourceType: 'OperationOutcome',
    issue: [
      { severity: 'error', code: 'code-invalid', diagnostics: issues[0].message, expression: ['Observation.status'] },
      { severity: 'error', code: 'required', diagnostics: issues[1].message, expression: ['Observation.code'] },
    ],
  });
  assert.equal(hasErrors(issues), true);
});

test('the outcome is itself a valid OperationOutcome', () => {
  const issues = validateResource({ resourceType: 'Patient', gender: 'x', foo: 1, name: [{}] });
  assert.equal(issues.length, 3);
  assert.deepEqual(validateResource(operationOutcome(issues)), []);
  assert.deepEqual(validateResource(operationOutcome([])), []);
});

test('no issues: an informational outcome, and no errors', () => {
  assert.equal(operationOutcome([]).issue[0].severity, 'information');
  assert.equal(hasErrors([]), false);
  assert.equal(hasErrors([{ severity: 'warning', code: 'invalid', message: 'm', expression: 'Patient' }]), false);
});

test('assertValidResource throws a 400 FhirError with the OperationOutcome, and passes valid resources', () => {
  assert.doesNotThrow(() => assertValidResource({ resourceType: 'Patient', gender: 'female' }, { resourceType: 'Patient' }));
  assert.throws(
    () => assertValidResource({ resourceType: 'Task', status: 'bogus', intent: 'order' }),
    (e: unknown) => {
      assert.ok(e instanceof FhirError);
      assert.equal(e.status, 400);
      assert.deepEqual(e.toOperationOutcome().issue?.map((i) => [i.code, i.expression]), [['code-invalid', ['Task.status']]]);
      return true;
    },
  );
});
