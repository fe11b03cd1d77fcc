import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupByRound, type CollectionItem } from './collection.js';

const item = (taskId: string, group: 'stat' | 'timed' | 'round' | 'unscheduled', round?: string, start?: string): CollectionItem => ({
  taskId, version: 1, status: 'requested', priority: group === 'stat' ? 'stat' : 'routine', due: null, role: 'phlebotomist', description: '', orderId: null, orderCode: null, orderDisplay: null, patient: null,
  collection: { group, round: round ? { key: round, id: round.split('@')[0], name: `${round.split('@')[0]} round`, date: '2026-11-25', start: start! } : null, window: null, windowProblem: null, fasting: null, specimen: null },
});

test('STAT first, then timed draws, then rounds by start time, then orders no round covers', () => {
  const groups = groupByRound([
    item('a', 'round', '1100@2026-11-25', '2026-11-25T11:00:00Z'),
    item('b', 'unscheduled'),
    item('c', 'round', '0500@2026-11-25', '2026-11-25T05:00:00Z'),
    item('d', 'stat'),
    item('e', 'timed'),
    item('f', 'round', '1100@2026-11-25', '2026-11-25T11:00:00Z'),
  ], (r) => r.name);
  assert.deepEqual(groups.map((g) => g.title), ['STAT: now', 'Timed draws', '0500 round', '1100 round', 'No round (draw when due)']);
  assert.deepEqual(groups[3].items.map((i) => i.taskId), ['a', 'f'], 'rows keep the server order inside a round');
});
