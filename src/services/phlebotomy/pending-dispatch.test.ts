import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stabilityOf } from './pending-dispatch.js';

test('the tightest stability limit of a specimen\'s tests decides, and warns before it runs out', () => {
  const limits = [{ what: 'CBC', minutes: 1440 }, { what: 'Ammonia', minutes: 60 }];
  assert.equal(stabilityOf(limits, 10)?.level, 'ok');
  assert.equal(stabilityOf(limits, 10)?.text, '50 min left (Ammonia: 60 min)');
  assert.equal(stabilityOf(limits, 46)?.level, 'soon');
  assert.equal(stabilityOf(limits, 46)?.text, 'Send now: 14 min left of 60 min for Ammonia');
  assert.equal(stabilityOf(limits, 60)?.level, 'exceeded');
  assert.match(stabilityOf(limits, 75)!.text, /Stability exceeded: Ammonia keeps 60 min and this was collected 75 min ago/);
  assert.equal(stabilityOf([], 500), null, 'no known limit, no warning');
});
