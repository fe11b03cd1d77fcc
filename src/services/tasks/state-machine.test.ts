import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTransition, taskStatuses, taskTransitions } from './state-machine.js';

test('the happy path is legal step by step', () => {
  for (const [from, to] of [['requested', 'accepted'], ['accepted', 'in-progress'], ['in-progress', 'completed']]) {
    assert.equal(checkTransition(from, to).ok, true, `${from} -> ${to}`);
  }
});

test('skipping straight from requested to completed is refused with the legal next steps', () => {
  const r = checkTransition('requested', 'completed');
  assert.equal(r.ok, false);
  assert.equal(r.code, 'illegal-transition');
  assert.match(r.message!, /From "requested" it can go to: accepted/);
});

test('final states cannot be left', () => {
  for (const s of ['completed', 'cancelled', 'failed']) {
    for (const to of taskStatuses) assert.equal(checkTransition(s, to, 'x').ok, false, `${s} -> ${to}`);
  }
});

test('hold, cancel and fail need a reason', () => {
  for (const to of ['on-hold', 'cancelled', 'failed']) {
    assert.equal(checkTransition('accepted', to).code, 'reason-required');
    assert.equal(checkTransition('accepted', to, 'patient in dialysis').ok, true);
  }
});

test('an unknown status is named', () => {
  assert.match(checkTransition('requested', 'bogus').message!, /"bogus" is not a task status/);
});

test('every target in the table is itself a known status', () => {
  for (const targets of Object.values(taskTransitions)) for (const t of targets) assert.ok(taskStatuses.includes(t));
});
