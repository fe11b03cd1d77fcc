import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../api.js';
import { orderErrors } from './field-errors.js';

test('a 422 lands next to the field it names, however the path is written', () => {
  for (const field of ['reasonCode', 'body.reasonCode', '/reasonCode']) {
    const e = orderErrors(new ApiError(422, 'invalid', 'R69.9X is not an ICD-10-CM code', field));
    assert.deepEqual(e, { fields: { reasonCode: 'R69.9X is not an ICD-10-CM code' } });
  }
});

test('errors without a known field are shown for the whole form', () => {
  assert.equal(orderErrors(new ApiError(422, 'invalid', 'Unknown patient', 'patientId')).form, 'Unknown patient');
  assert.equal(orderErrors(new ApiError(422, 'invalid', 'Bad', 'elsewhere')).form, 'Bad');
  assert.match(orderErrors(new ApiError(403, 'forbidden', 'physician only')).form ?? '', /may not place orders/);
  assert.ok(orderErrors(new Error('x')).form);
});
