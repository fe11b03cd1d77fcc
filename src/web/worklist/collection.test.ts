import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byPatient, elsewhereByGroup, groupByRound, roundCountText, wantedAt, type CollectionItem } from './collection.js';

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

test('a round shows one card per patient: STAT patients first, then earliest due, then bed order', () => {
  const p = (id: string, name: string) => ({ id, name, mrn: id, birthDate: null, gender: null }) as unknown as CollectionItem['patient'];
  const at = (taskId: string, patient: CollectionItem['patient'], bed: string, priority = 'routine', due = '2026-11-25T05:00:00Z') => ({ ...item(taskId, 'round', '0500@2026-11-25', '2026-11-25T05:00:00Z'), patient, priority, due, location: { id: bed, name: bed } });
  const ann = p('1', 'Ann'), bob = p('2', 'Bob'), cy = p('3', 'Cy'), di = p('4', 'Di');
  const cards = byPatient([
    at('a1', ann, 'Bed 10'), at('b1', bob, 'Bed 2'), at('a2', ann, 'Bed 10'), at('c1', cy, 'Bed 7', 'stat'),
    at('d1', di, 'Bed 1', 'routine', '2026-11-25T06:00:00Z'), at('a3', ann, 'Bed 10'),
  ], (i) => i.location?.name ?? null);
  assert.deepEqual(cards.map((c) => c.patient?.name), ['Cy', 'Bob', 'Ann', 'Di'], 'STAT, then 05:00 in bed order (2 before 10), then 06:00');
  assert.deepEqual(cards[2].items.map((i) => i.taskId), ['a1', 'a2', 'a3'], 'three orders, one card');
});

test('an order written before its round is wanted at the round\'s start, not at its earlier due time', () => {
  const early = { ...item('x', 'round', '0500@2026-11-25', '2026-11-25T05:00:00Z'), due: '2026-11-25T03:15:00Z' };
  const late = { ...item('y', 'round', '0500@2026-11-25', '2026-11-25T05:00:00Z'), due: '2026-11-25T05:30:00Z' };
  const none = { ...item('z', 'unscheduled'), due: '2026-11-25T03:15:00Z' };
  assert.equal(new Date(wantedAt(early)).toISOString(), '2026-11-25T05:00:00.000Z');
  assert.equal(new Date(wantedAt(late)).toISOString(), '2026-11-25T05:30:00.000Z');
  assert.equal(new Date(wantedAt(none)).toISOString(), '2026-11-25T03:15:00.000Z');
  const [card] = byPatient([early], () => 'Bed 1');
  assert.equal(new Date(card.earliest).toISOString(), '2026-11-25T05:00:00.000Z', 'the card says "first due 05:00"');
});

test('all rounds at once: a patient with a STAT order and a round order is told, on each card, of the other', () => {
  const ann = { id: '1', name: 'Ann', mrn: '1' } as unknown as CollectionItem['patient'];
  const bob = { id: '2', name: 'Bob', mrn: '2' } as unknown as CollectionItem['patient'];
  const groups = groupByRound([
    { ...item('s', 'stat'), patient: ann },
    { ...item('r1', 'round', '0500@2026-11-25', '2026-11-25T05:00:00Z'), patient: ann },
    { ...item('r2', 'round', '0500@2026-11-25', '2026-11-25T05:00:00Z'), patient: ann },
    { ...item('b', 'round', '0500@2026-11-25', '2026-11-25T05:00:00Z'), patient: bob },
  ], (r) => r.name);
  const also = elsewhereByGroup(groups);
  assert.deepEqual(also.get('stat')?.get('1'), [{ title: '0500 round', count: 2 }], 'the STAT card names the two round orders');
  assert.deepEqual(also.get('0500@2026-11-25')?.get('1'), [{ title: 'STAT: now', count: 1 }]);
  assert.equal(also.get('0500@2026-11-25')?.get('2'), undefined, 'a patient in one group only: nothing to say');
});

test('a round in the chooser says how many orders it lists, STAT ones included', () => {
  assert.equal(roundCountText({ count: 12, statCount: 2 }), '12 orders + 2 STAT');
  assert.equal(roundCountText({ count: 1, statCount: 0 }), '1 order');
});
