import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanScan, mismatchReasons } from './identity.js';

test('the reasons come from the answer when it lists them', () => {
  assert.deepEqual(mismatchReasons({ reasons: ['a', 'b'] }, 'Stop: x'), ['a', 'b']);
});

test('without a list, the message is split into reasons', () => {
  assert.deepEqual(mismatchReasons(undefined, 'Stop: The wristband belongs to another patient; The date of birth given does not match the record'),
    ['The wristband belongs to another patient', 'The date of birth given does not match the record']);
});

test('a scan keeps only the label text', () => {
  assert.equal(cleanScan('  MRN-5150\r\n'), 'MRN-5150');
});
