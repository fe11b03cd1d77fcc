import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axisTicks, customPeriod, minutesText, presetPeriod } from './period.js';

test('7 days is today and the six days before it, ending now', () => {
  const now = new Date(2026, 2, 10, 14, 30);
  const p = presetPeriod('7d', now);
  assert.equal(new Date(p.from).getDate(), 4);
  assert.equal(new Date(p.from).getHours(), 0);
  assert.equal(p.to, now.toISOString());
});

test('a custom range includes its last day; a backwards range is no range', () => {
  const p = customPeriod('2026-03-01', '2026-03-01');
  assert.ok(p);
  assert.equal(Date.parse(p.to) - Date.parse(p.from), 86_400_000);
  assert.equal(customPeriod('2026-03-02', '2026-03-01'), null);
  assert.equal(customPeriod('', '2026-03-01'), null);
});

test('minutes read the way people say them', () => {
  assert.equal(minutesText(null), '—');
  assert.equal(minutesText(34.4), '34 min');
  assert.equal(minutesText(125), '2 h 5 min');
  assert.equal(minutesText(120), '2 h');
  assert.equal(minutesText(27 * 60), '1 d 3 h');
});

test('the axis ends on a round number above the largest value', () => {
  const a = axisTicks(47);
  assert.ok(a.end >= 47);
  assert.ok(a.ticks.length >= 2 && a.ticks.length <= 6);
  assert.equal(a.ticks[0], 0);
  assert.equal(a.ticks.at(-1), a.end);
  assert.deepEqual(axisTicks(0).ticks, [0, 5]);
});
