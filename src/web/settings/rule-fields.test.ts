import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldOfError, messageAtField, valueAt, withValueAt } from './rule-fields.js';

test('a value is set deep inside the override without touching its other keys', () => {
  const over = { phlebotomy: { citrateMinFillPct: 92, pediatric: { pct24h: 2 } }, imaging: { x: 1 } };
  const next = withValueAt(over, ['phlebotomy', 'pediatric', 'pct30d'], 8);
  assert.deepEqual(next, { phlebotomy: { citrateMinFillPct: 92, pediatric: { pct24h: 2, pct30d: 8 } }, imaging: { x: 1 } });
  assert.deepEqual(over.phlebotomy.pediatric, { pct24h: 2 }, 'the old override is unchanged');
  assert.equal(valueAt(next, ['phlebotomy', 'pediatric', 'pct30d']), 8);
});

test('going back to the default removes the key and empty parents', () => {
  assert.deepEqual(withValueAt({ phlebotomy: { pediatric: { pct24h: 2 } } }, ['phlebotomy', 'pediatric', 'pct24h'], undefined), {});
});

test('an error path names the field it is about', () => {
  assert.equal(fieldOfError('config.phlebotomy.citrateMinFillPct'), 'phlebotomy.citrateMinFillPct');
  assert.equal(fieldOfError('config.phlebotomy.pediatric.pct24h'), 'phlebotomy.pediatric.pct24h');
  assert.equal(fieldOfError('config.imaging.other'), undefined);
});

test('the message at a field leaves out the path', () => {
  assert.equal(messageAtField('config.phlebotomy.citrateMinFillPct: expected a percentage from 0 to 100, got 150'), 'Expected a percentage from 0 to 100, got 150');
  assert.equal(messageAtField('Only administrators may change it'), 'Only administrators may change it');
});
