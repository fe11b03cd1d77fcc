import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ageFrom, displayAge } from './age.js';

const now = new Date(2025, 5, 15); // 15 June 2025, local time

test('ageFrom gives days, months or years as clinicians write them', () => {
  const cases: [string, string | null][] = [
    ['2025-06-15', '0 d'],
    ['2025-06-01', '14 d'],
    ['2025-05-16', '30 d'],
    ['2025-05-15', '1 mo'],
    ['2023-06-16', '23 mo'],
    ['2023-06-15', '2 y'],
    ['1980-06-16', '44 y'],
    ['1980-06-15', '45 y'],
    ['2025-07-01', null],
    ['1980', null],
    ['', null],
  ];
  for (const [birth, want] of cases) assert.equal(ageFrom(birth, now), want, birth);
});

test('displayAge prefers what the server computed', () => {
  assert.equal(displayAge(52, '1900-01-01'), '52 y');
  assert.equal(displayAge('3 mo', null), '3 mo');
  assert.equal(displayAge(null, null), null);
});
