import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidNpi, luhnCheckDigit, npiFromBase } from './npi.js';
import { createRng, idFactory } from './random.js';

test('the CMS worked example NPI 1234567893 is valid and its neighbours are not', () => {
  assert.equal(npiFromBase('123456789'), '1234567893');
  assert.ok(isValidNpi('1234567893'));
  assert.ok(!isValidNpi('1234567890'));
  assert.ok(!isValidNpi('123456789'));
  assert.ok(!isValidNpi('3234567893'));
});

test('the Luhn check digit of 7992739871 is 3', () => {
  assert.equal(luhnCheckDigit('7992739871'), 3);
});

test('one seed gives one sequence; another seed gives another', () => {
  const a = createRng(42);
  const b = createRng(42);
  const c = createRng(43);
  const seqA = Array.from({ length: 20 }, () => a.next());
  assert.deepEqual(seqA, Array.from({ length: 20 }, () => b.next()));
  assert.notDeepEqual(seqA, Array.from({ length: 20 }, () => c.next()));
  for (const x of seqA) assert.ok(x >= 0 && x < 1);
});

test('int stays inside its bounds and reaches both ends', () => {
  const rng = createRng(7);
  const seen = new Set<number>();
  for (let i = 0; i < 500; i++) {
    const n = rng.int(1, 4);
    assert.ok(n >= 1 && n <= 4);
    seen.add(n);
  }
  assert.deepEqual([...seen].sort(), [1, 2, 3, 4]);
});

test('ids are UUID-shaped, stable per key, and differ per key, tenant and seed', () => {
  const ids = idFactory('tenant-a', 1);
  const id = ids('Patient:0:0');
  assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(ids('Patient:0:0'), id);
  assert.notEqual(ids('Patient:1:0'), id);
  assert.notEqual(idFactory('tenant-b', 1)('Patient:0:0'), id);
  assert.notEqual(idFactory('tenant-a', 2)('Patient:0:0'), id);
  const many = new Set(Array.from({ length: 20_000 }, (_, i) => ids(`ServiceRequest:${i}:0`)));
  assert.equal(many.size, 20_000);
});
