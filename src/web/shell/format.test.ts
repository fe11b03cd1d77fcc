import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDateTime, formatTime } from './format.js';

const at = (h: number, m: number, dayOffset = 0, base = new Date(2026, 10, 24, 12, 0)) => new Date(base.getFullYear(), base.getMonth(), base.getDate() + dayOffset, h, m);
const now = at(12, 0);

test('times are 24-hour: the 05:00 round and a 17:30 dose read as such, never AM/PM', () => {
  assert.equal(formatTime(at(5, 0).toISOString(), now), '05:00');
  assert.equal(formatTime(at(17, 30).toISOString(), now), '17:30');
  assert.equal(formatTime(at(0, 15).toISOString(), now), '00:15');
  assert.doesNotMatch(formatDateTime(at(17, 30).toISOString()), /AM|PM|am|pm/);
  assert.match(formatDateTime(at(17, 30).toISOString()), /17:30/);
});

test('a time on another day carries its date; this year without the year', () => {
  const yesterday = formatTime(at(23, 40, -1).toISOString(), now);
  assert.match(yesterday, /23:40$/);
  assert.match(yesterday, /23/);
  assert.notEqual(yesterday, '23:40');
  assert.doesNotMatch(yesterday, /2026/);
  assert.match(formatTime(new Date(2025, 11, 31, 6, 5).toISOString(), now), /2025.*06:05$/);
  assert.equal(formatTime(null), '—');
  assert.equal(formatTime('not a time'), 'not a time');
});
