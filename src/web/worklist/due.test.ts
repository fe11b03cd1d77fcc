import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byUrgency, relativeDue } from './due.js';

const now = Date.parse('2025-06-15T12:00:00Z');

test('relativeDue says how long until, or how long overdue', () => {
  const cases: [string | null, string | null, boolean][] = [
    ['2025-06-15T12:25:00Z', 'in 25 min', false],
    ['2025-06-15T12:00:20Z', 'due now', false],
    ['2025-06-15T11:50:00Z', '10 min overdue', true],
    ['2025-06-15T14:30:00Z', 'in 2 h 30 min', false],
    ['2025-06-15T09:00:00Z', '3 h overdue', true],
    ['2025-06-18T12:00:00Z', 'in 3 d', false],
    ['2025-06-14T19:00:00Z', '17 h overdue', true],
    ['2025-06-13T19:00:00Z', '1 d 17 h overdue', true],
    ['2025-06-25T14:00:00Z', 'in 10 d', false],
    [null, null, false],
    ['not a date', null, false],
  ];
  for (const [due, text, overdue] of cases) {
    const r = relativeDue(due, now);
    assert.equal(r?.text ?? null, text, String(due));
    if (r) assert.equal(r.overdue, overdue, String(due));
  }
});

test('byUrgency puts STAT first, then the earliest due, undated last', () => {
  const items = [
    { id: 'routine-late', priority: 'routine', due: '2025-06-15T15:00:00Z' },
    { id: 'none', priority: 'routine', due: null },
    { id: 'stat-late', priority: 'stat', due: '2025-06-15T13:00:00Z' },
    { id: 'urgent-early', priority: 'urgent', due: '2025-06-15T12:10:00Z' },
    { id: 'stat-early', priority: 'stat', due: '2025-06-15T12:05:00Z' },
  ];
  assert.deepEqual(items.sort(byUrgency).map((i) => i.id), ['stat-early', 'stat-late', 'urgent-early', 'routine-late', 'none']);
});
