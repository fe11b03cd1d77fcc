import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inputIdOf, specimenSummary, timingSummary } from './format.js';

test('the specimen summary says container, volume, handling, fasting and timing in one line', () => {
  assert.equal(specimenSummary({ specimen: { container: 'SST_GOLD', volumeMl: 2, minVolumeMl: 1, handling: 'ambient' }, fasting: true, fastingHours: 8 }), 'sst gold 2 mL (min 1 mL), fasting 8 h');
  assert.equal(specimenSummary({ specimen: { container: 'FLUORIDE_GRAY', volumeMl: 1, handling: 'on_ice', protectFromLight: true, deliverWithinMinutes: 30 } }), 'fluoride gray 1 mL, on ice, protect from light, deliver within 30 min');
  assert.equal(specimenSummary({}), '');
  assert.equal(specimenSummary({ specimen: { container: 'CITRATE_LT_BLUE', volumeMl: 2.7 } }), 'citrate lt blue 2.7 mL');
  assert.equal(specimenSummary({ specimen: { container: 'CITRATE_LT_BLUE', volumeMl: 2.7 } }, () => 'Light blue, 3.2 % sodium citrate'), 'Light blue, 3.2 % sodium citrate 2.7 mL');
});

test('timed draws read as a window around the dose or the infusion', () => {
  assert.equal(timingSummary({ kind: 'trough', fromMinutes: -30, toMinutes: 0 }), 'trough 30-0 min before the dose');
  assert.equal(timingSummary({ kind: 'peak', fromMinutes: 30, toMinutes: 60 }), 'peak 30-60 min after the infusion');
});

test('a server error field finds its input', () => {
  assert.equal(inputIdOf('specimen.volumeMl'), 'cat-specimen-volumeMl');
  assert.equal(inputIdOf('[2].specimen.minVolumeMl'), 'cat-specimen-minVolumeMl');
  assert.equal(inputIdOf('timing.toMinutes'), 'cat-timing-toMinutes');
  assert.equal(inputIdOf(undefined), undefined);
});
