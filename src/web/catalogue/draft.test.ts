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

test('a clock window is edited as local times and stored as minutes after midnight', () => {
  const cortisol = { code: 'LAB-CORTISOL-AM', display: 'Cortisol, morning', kind: 'lab' as const, performerRole: 'phlebotomist', coding: [], specimen: { container: 'SST_GOLD', volumeMl: 1 }, timing: { kind: 'clock' as const, fromMinutes: 420, toMinutes: 540 } };
  const d = draftOf(cortisol);
  assert.deepEqual([d.timing, d.fromMinutes, d.toMinutes], ['clock', '07:00', '09:00']);
  assert.deepEqual(entryOf({ ...d, fromMinutes: '06:30' }, cortisol).timing, { kind: 'clock', fromMinutes: 390, toMinutes: 540 });
  assert.equal(entryOf({ ...d, fromMinutes: 'early' }, cortisol).timing?.fromMinutes, 'early', 'the server names what is wrong');
});
