import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lastClockTime } from './last-clock-time.js';

test('"fasting since 22:00" asked at 06:00 means last night; "since 05:30" means this morning', () => {
  const now = new Date(2026, 10, 25, 6, 0);
  assert.equal(lastClockTime('22:00', now), new Date(2026, 10, 24, 22, 0).toISOString());
  assert.equal(lastClockTime('05:30', now), new Date(2026, 10, 25, 5, 30).toISOString());
  assert.equal(lastClockTime('06:00', now), now.toISOString(), 'now is not the future');
});
