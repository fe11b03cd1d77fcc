import { test } from 'node:test';
import assert from 'node:assert/strict';
import { capSwatch } from './cap-colors.js';

test('every cap colour of the seed catalogue has a swatch', () => {
  for (const c of ['bottle', 'light blue', 'red', 'gold / tiger', 'dark green', 'light green', 'lavender', 'pink', 'grey']) {
    assert.equal(capSwatch(c).known, true, c);
  }
});

test('light blue (citrate) and lavender (EDTA) look different', () => {
  assert.notEqual(capSwatch('light blue').fill, capSwatch('lavender').fill);
});

test('a tiger top is gold with a stripe', () => {
  const s = capSwatch('Gold / tiger');
  assert.equal(s.fill, capSwatch('gold').fill);
  assert.ok(s.stripe);
});

test('an unknown colour is neutral and says it is unknown', () => {
  assert.deepEqual(capSwatch('chartreuse').known, false);
  assert.equal(capSwatch(null).known, false);
});
