import { test } from 'node:test';
import assert from 'node:assert/strict';
import { timedDrawWindow, windowState } from './timed-draw.js';

const trough = { kind: 'trough' as const, fromMinutes: -30, toMinutes: 0 };
const peak = { kind: 'peak' as const, fromMinutes: 30, toMinutes: 60 };

test('a trough is the 30 minutes before the dose; a peak 30-60 minutes after the infusion ends', () => {
  const t = timedDrawWindow(trough, { occurrenceDateTime: '2026-11-24T10:00:00Z' }, 'UTC');
  assert.deepEqual(t, { kind: 'trough', start: '2026-11-24T09:30:00.000Z', end: '2026-11-24T10:00:00.000Z', anchor: '2026-11-24T10:00:00.000Z', label: 'Trough: 30 min before the 10:00 dose' });
  const p = timedDrawWindow(peak, { occurrenceDateTime: '2026-11-24T10:00:00Z' }, 'Europe/London');
  assert.ok('start' in p && p.start === '2026-11-24T10:30:00.000Z' && p.end === '2026-11-24T11:00:00.000Z');
  assert.equal('label' in p && p.label, 'Peak: 30-60 min after the infusion ends at 10:00');
});

test('without the dose time there is no window, and the phlebotomist is told whom to ask', () => {
  assert.match((timedDrawWindow(trough, {}, 'UTC') as { missing: string }).missing, /ask the nurse when the next dose/);
  assert.match((timedDrawWindow(peak, {}, 'UTC') as { missing: string }).missing, /infusion ends/);
});

test('the state reads "opens in", "open now", "missed"; the dose time itself is too late', () => {
  const w = { start: '2026-11-24T09:30:00Z', end: '2026-11-24T10:00:00Z' };
  const at = (s: string) => windowState(w, Date.parse(s));
  assert.deepEqual(at('2026-11-24T09:10:00Z'), { state: 'opens-later', minutes: 20, text: 'opens in 20 min' });
  assert.equal(at('2026-11-24T07:00:00Z').text, 'opens in 2 h 30 min');
  assert.equal(at('2026-11-24T09:30:00Z').state, 'open');
  assert.equal(at('2026-11-24T09:45:00Z').text, 'open now, 15 min left');
  assert.equal(at('2026-11-24T10:00:00Z').state, 'missed', 'troughTimingOk: collectedAt < nextDoseAt');
  assert.equal(at('2026-11-24T10:25:00Z').text, 'missed: closed 25 min ago');
});
