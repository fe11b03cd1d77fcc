import { test } from 'node:test';
import assert from 'node:assert/strict';
import { roundFor, validateCollectionSettings } from './rounds.js';
import { zonedInstant } from './zoned-time.js';

const settings = validateCollectionSettings({
  timeZone: 'America/Chicago',
  rounds: [
    { id: '0500', name: '05:00 ward round', time: '05:00', locations: [] },
    { id: '1100', name: '11:00 round', time: '11:00', locations: ['ward-3w'] },
  ],
});
const at = (s: string) => Date.parse(s);

test('an order goes to the first round at or after its time, in the organisation\'s zone', () => {
  // 04:30 Chicago (CST, UTC-6) on 24 Nov = 10:30Z
  assert.equal(roundFor(settings, at('2026-11-24T10:30:00Z'), ['ward-3w'])?.key, '0500@2026-11-24');
  assert.equal(roundFor(settings, at('2026-11-24T10:30:00Z'), ['ward-3w'])?.start, '2026-11-24T11:00:00.000Z');
  // 06:00 Chicago: the 11:00 round covers 3 West
  assert.equal(roundFor(settings, at('2026-11-24T12:00:00Z'), ['ward-3w'])?.key, '1100@2026-11-24');
  // ...but not the ICU, whose next round is tomorrow's 05:00
  assert.equal(roundFor(settings, at('2026-11-24T12:00:00Z'), ['icu'])?.key, '0500@2026-11-25');
  // 23:00 Chicago on 24 Nov is 05:00Z on the 25th: the round is the 25th local
  assert.equal(roundFor(settings, at('2026-11-25T05:00:00Z'), ['icu'])?.key, '0500@2026-11-25');
});

test('a location with no round has none', () => {
  const only = validateCollectionSettings({ timeZone: 'UTC', rounds: [{ id: 'icu', time: '10:30', locations: ['Location/icu'] }] });
  assert.equal(only.rounds[0].locations[0], 'icu', 'Location/ prefix dropped');
  assert.equal(roundFor(only, at('2026-11-24T08:00:00Z'), ['clinic']), null);
});

test('zoned times survive a daylight-saving change', () => {
  // US DST ended 1 Nov 2026: 05:00 on 31 Oct is CDT (UTC-5), on 2 Nov CST (UTC-6)
  assert.equal(new Date(zonedInstant('2026-10-31', '05:00', 'America/Chicago')).toISOString(), '2026-10-31T10:00:00.000Z');
  assert.equal(new Date(zonedInstant('2026-10-31', '05:00', 'America/Chicago', 2)).toISOString(), '2026-11-02T11:00:00.000Z');
});

test('bad settings name the field and how to fix it', () => {
  const cases: [unknown, string, RegExp][] = [
    [[], '', /JSON object/],
    [{ timeZone: 'Nowhere/Else' }, 'timeZone', /IANA/],
    [{ fastingHours: 30 }, 'fastingHours', /0 to 24/],
    [{ rounds: {} }, 'rounds', /list/],
    [{ rounds: [{ id: 'a b', time: '05:00' }] }, 'rounds[0].id', /letters/],
    [{ rounds: [{ id: 'a', time: '5am' }] }, 'rounds[0].time', /24-hour/],
    [{ rounds: [{ id: 'a', time: '05:00', locations: [3] }] }, 'rounds[0].locations', /Location ids/],
    [{ rounds: [{ id: 'a', time: '05:00' }, { id: 'a', time: '06:00' }] }, 'rounds[1].id', /Two rounds/],
  ];
  for (const [input, field, message] of cases) {
    assert.throws(() => validateCollectionSettings(input), (e: Error & { field?: string }) => e.field === field && message.test(e.message), JSON.stringify(input));
  }
});
