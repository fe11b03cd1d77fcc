import { test } from 'node:test';
import assert from 'node:assert/strict';
import { taskTransitions, reasonRequired, type TaskStatus } from '../../services/tasks/state-machine.js';
import { nextSteps } from './next-steps.js';

test('every button is a legal transition, and asks for a reason exactly when the server needs one', () => {
  for (const from of Object.keys(taskTransitions) as TaskStatus[]) {
    for (const step of nextSteps(from)) {
      assert.ok(taskTransitions[from].includes(step.to), `${from} -> ${step.to} offered but illegal`);
      assert.equal(step.needsReason, reasonRequired.has(step.to), `${from} -> ${step.to} reason prompt`);
    }
  }
});

test('open tasks can always move forward, be held or cancelled; finished ones offer nothing', () => {
  assert.deepEqual(nextSteps('requested').map((s) => s.label), ['Accept', 'Hold', 'Cancel']);
  assert.deepEqual(nextSteps('in-progress').map((s) => s.label), ['Complete', 'Hold', 'Cancel']);
  assert.equal(nextSteps('on-hold')[0].label, 'Resume');
  for (const done of ['completed', 'cancelled', 'failed']) assert.deepEqual(nextSteps(done), []);
});
