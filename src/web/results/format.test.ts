import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flagLabel, shownFlag, sparkGeometry, trendText, waitingText } from './format.js';

test('flags read as words; a value outside its range is flagged even when the lab sent no flag', () => {
  assert.equal(flagLabel('HH'), 'Critical high');
  assert.equal(flagLabel('XYZ'), 'XYZ');
  assert.equal(shownFlag({ flags: ['N'], numeric: 4, low: 3.5, high: 5.1 }), null);
  assert.equal(shownFlag({ flags: [], numeric: 5.6, low: 3.5, high: 5.1 }), 'H');
  assert.equal(shownFlag({ flags: [], numeric: 3.1, low: 3.5, high: 5.1 }), 'L');
  assert.equal(shownFlag({ flags: ['HH'], numeric: 6.6, low: 3.5, high: 5.1 }), 'HH');
  assert.equal(shownFlag({ flags: [], numeric: null, low: null, high: null }), null);
});

test('a trend chart puts the oldest point left, higher values higher, and shades the reference range', () => {
  const g = sparkGeometry({ points: [{ at: '2026-11-22T05:30:00Z', value: 4.1, flags: [] }, { at: '2026-11-23T05:30:00Z', value: 6.5, flags: ['HH'] }], low: 3.5, high: 5.1 }, 100, 40, 4);
  assert.equal(g.dots[0].x, 4);
  assert.equal(g.dots[1].x, 96);
  assert.ok(g.dots[1].y < g.dots[0].y, 'the higher value is drawn higher');
  assert.equal(g.dots[0].outside, false);
  assert.equal(g.dots[1].outside, true);
  assert.ok(g.band && g.band.y > 4 && g.band.y + g.band.height <= 36.01, 'the range band sits inside the chart');
  assert.match(g.path, /^M4 [\d.]+ L96 [\d.]+$/);
  // every point inside the drawing area
  for (const d of g.dots) assert.ok(d.y >= 4 && d.y <= 36);
});

test('equal values and one instant still draw (no division by zero)', () => {
  const g = sparkGeometry({ points: [{ at: '2026-11-23T05:30:00Z', value: 2, flags: [] }, { at: '2026-11-23T05:30:00Z', value: 2, flags: [] }], low: null, high: null });
  for (const d of g.dots) assert.ok(Number.isFinite(d.x) && Number.isFinite(d.y));
  assert.equal(g.band, null);
  assert.equal(trendText({ display: 'Potassium', unit: 'mmol/L', points: [{ at: 'a', value: 4.1, flags: [] }, { at: 'b', value: 6.5, flags: [] }] }), 'Potassium: 4.1 → 6.5 mmol/L');
});

test('an unacknowledged notice says how long it has waited', () => {
  const now = Date.parse('2026-11-25T06:00:00Z');
  assert.equal(waitingText('2026-11-25T05:18:00Z', now), 'waiting 42 min');
  assert.equal(waitingText('2026-11-25T03:55:00Z', now), 'waiting 2 h 5 min');
  assert.equal(waitingText('2026-11-25T06:00:10Z', now), 'just now');
  assert.equal(waitingText(null, now), null);
});
