import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fastingFacts, specimenFastingStatus } from './fasting.js';

const now = Date.parse('2026-11-24T07:00:00Z');
const report = (status: 'fasting' | 'not-fasting', lastIntakeAt: string | null) => ({ status, lastIntakeAt, recordedAt: '2026-11-24T06:50:00Z', observationId: 'o1' });

test('fasting since 22:00 is 9 h: satisfied for an 8 h fast, and the specimen says F', () => {
  const f = fastingFacts(report('fasting', '2026-11-23T22:00:00Z'), 8, now, 'UTC');
  assert.equal(f.satisfied, true);
  assert.equal(f.text, 'Fasting since 22:00 (9 h)');
  assert.equal(f.consequence, null);
  assert.equal(specimenFastingStatus(f)?.coding?.[0].code, 'F');
});

test('too short a fast says until when to wait, and what else to do', () => {
  const f = fastingFacts(report('fasting', '2026-11-24T03:00:00Z'), 8, now, 'UTC');
  assert.equal(f.satisfied, false);
  assert.equal(f.text, 'Fasting since 03:00 (4 h of 8 h)');
  assert.match(f.consequence!, /wait until 11:00/);
});

test('not fasting: not a fasting sample (NF); nobody asked: NG', () => {
  const f = fastingFacts(report('not-fasting', '2026-11-24T06:30:00Z'), 8, now, 'UTC');
  assert.equal(f.text, 'Not fasting (ate at 06:30)');
  assert.match(f.consequence!, /Not a fasting sample/);
  assert.equal(specimenFastingStatus(f)?.coding?.[0].code, 'NF');
  const unknown = fastingFacts(undefined, 8, now, 'UTC');
  assert.equal(unknown.status, 'unknown');
  assert.match(unknown.text, /ask when the patient last ate/);
  assert.equal(specimenFastingStatus(unknown)?.coding?.[0].code, 'NG');
});
