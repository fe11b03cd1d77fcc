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

const morning = { kind: 'clock' as const, fromMinutes: 7 * 60, toMinutes: 9 * 60 };

test('a morning cortisol is drawn 07:00-09:00 by the local clock, not relative to a dose', () => {
  // ordered the evening before (New York, UTC-5 in November): tomorrow's window
  const w = timedDrawWindow(morning, { authoredOn: '2026-11-24T23:00:00Z' }, 'America/New_York');
  assert.deepEqual(w, { kind: 'clock', start: '2026-11-25T12:00:00.000Z', end: '2026-11-25T14:00:00.000Z', anchor: '2026-11-25T12:00:00.000Z', label: 'Morning draw by the clock: 07:00-09:00 on 2026-11-25' });
  // ordered at 06:10 local: this morning's window has not closed
  const today = timedDrawWindow(morning, { authoredOn: '2026-11-25T11:10:00Z' }, 'America/New_York') as { start: string };
  assert.equal(today.start, '2026-11-25T12:00:00.000Z');
  // ordered at 09:30 local: this morning's window has closed, so tomorrow's
  const tomorrow = timedDrawWindow(morning, { authoredOn: '2026-11-25T14:30:00Z' }, 'America/New_York') as { start: string };
  assert.equal(tomorrow.start, '2026-11-26T12:00:00.000Z');
  // a requested day wins, and a clock window never asks for a dose time
  const asked = timedDrawWindow(morning, { occurrenceDateTime: '2026-11-27T15:00:00Z' }, 'Europe/London') as { start: string; end: string };
  assert.deepEqual([asked.start, asked.end], ['2026-11-27T07:00:00.000Z', '2026-11-27T09:00:00.000Z']);
  assert.equal(windowState(asked, Date.parse('2026-11-27T05:00:00Z')).text, 'opens in 2 h', 'seen on the 05:00 round');
});
