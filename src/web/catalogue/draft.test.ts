import { test } from 'node:test';
import assert from 'node:assert/strict';
import { draftOf, entryOf } from './draft.js';
import type { Orderable } from './models.js';

const culture: Orderable = {
  code: 'LAB-BLOOD-CULTURE', display: 'Blood culture set', kind: 'lab', performerRole: 'phlebotomist',
  coding: [{ system: 'http://loinc.org', code: '600-7', display: 'Bacteria identified in Blood by Culture' }],
  specimen: { container: 'BC_AEROBIC', volumeMl: 10, handling: 'ambient', deliverWithinMinutes: 120, stabilityMinutes: 120, additionalContainers: [{ container: 'BC_ANAEROBIC', volumeMl: 10 }] },
  labTestCode: 'BLOOD_CULTURE', status: 'active',
};

test('an entry opened and saved unchanged is the same entry', () => {
  assert.deepEqual(entryOf(draftOf(culture), culture), culture);
});

test('an edited volume and a new trough window reach the entry; unreadable numbers go to the server as typed', () => {
  const d = { ...draftOf(culture), volumeMl: '8,5', timing: 'trough' as const, fromMinutes: '-30', toMinutes: '0' };
  const e = entryOf(d, culture);
  assert.equal(e.specimen?.volumeMl, 8.5);
  assert.deepEqual(e.timing, { kind: 'trough', fromMinutes: -30, toMinutes: 0 });
  assert.equal(entryOf({ ...d, volumeMl: 'lots' }, culture).specimen?.volumeMl, 'lots' as unknown as number);
});

test('a new entry takes its code and coding from the form', () => {
  const d = { ...draftOf(null), code: 'LAB-VITD', display: 'Vitamin D', codingCode: '62292-8', codingDisplay: '25-OH vitamin D', volumeMl: '1' };
  const e = entryOf(d, null);
  assert.deepEqual([e.code, e.kind, e.performerRole, e.coding[0].code, e.specimen?.container, e.specimen?.volumeMl], ['LAB-VITD', 'lab', 'phlebotomist', '62292-8', 'SST_GOLD', 1]);
});
