import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateResource } from '../../fhir/validation/index.js';
import { DEMO_DEFAULT_PATIENTS, demoOrganisation, demoPatients } from './index.js';

test('every demo resource is valid FHIR R4 (no validation errors)', () => {
  const resources = [
    ...demoOrganisation({ tenant: 'demo' }).resources,
    ...[...demoPatients({ tenant: 'demo', count: DEMO_DEFAULT_PATIENTS })].flat(),
  ];
  const errors = resources.flatMap((r) =>
    validateResource(r).filter((i) => i.severity === 'error').map((i) => `${r.resourceType}/${r.id} ${i.expression}: ${i.message}`),
  );
  assert.deepEqual(errors.slice(0, 20), []);
});
