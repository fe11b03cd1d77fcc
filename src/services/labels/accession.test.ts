import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  containerId,
  DICOM_ACCESSION_MAX_LENGTH,
  displayAccession,
  displayContainerId,
  formatAccession,
  isValidAccession,
  isValidContainerId,
  parseAccession,
  parseContainerId,
} from './accession.js';
import { LabelError } from './errors.js';

test('formatAccession: table', () => {
  // Expected values computed independently (Python integers: 98 - body*100 mod 97, letters as base-36 digits).
  const rows: { input: Parameters<typeof formatAccession>[0]; want: string }[] = [
    { input: { sequence: 1234, date: '2025-03-10' }, want: 'A25000123455' },
    { input: { sequence: 1, date: '2024-12-31T23:59:00-05:00' }, want: 'A24000000105' },
    { input: { sequence: 9_999_999, date: '2099-01-01', prefix: 'RD' }, want: 'RD99999999914' },
    // A Date is read in UTC unless the site's time zone is given: 05:00Z on 1 January is still 2025 in Chicago.
    { input: { sequence: 7, date: new Date('2026-01-01T05:00:00Z') }, want: 'A26000000716' },
    { input: { sequence: 7, date: new Date('2026-01-01T05:00:00Z'), timeZone: 'America/Chicago' }, want: 'A25000000750' },
  ];
  for (const { input, want } of rows) {
    const got = formatAccession(input);
    assert.equal(got, want, JSON.stringify(input));
    assert.ok(isValidAccession(got));
    assert.ok(got.length <= DICOM_ACCESSION_MAX_LENGTH);
  }
});

test('formatAccession refuses what it cannot number', () => {
  const bad: [Parameters<typeof formatAccession>[0], string][] = [
    [{ sequence: 0, date: '2025-01-01' }, 'sequence'],
    [{ sequence: 10_000_000, date: '2025-01-01' }, 'sequence'],
    [{ sequence: 1.5, date: '2025-01-01' }, 'sequence'],
    [{ sequence: 1, date: '2025-01-01', prefix: 'a' }, 'prefix'],
    [{ sequence: 1, date: '2025-01-01', prefix: 'ABC' }, 'prefix'],
    [{ sequence: 1, date: 'yesterday' }, 'date'],
    [{ sequence: 1, date: new Date('x') }, 'date'],
    [{ sequence: 1, date: new Date(), timeZone: 'Mars/Olympus' }, 'timeZone'],
  ];
  for (const [input, field] of bad) {
    assert.throws(() => formatAccession(input), (e: unknown) => e instanceof LabelError && e.field === field && e.status === 422, JSON.stringify(input));
  }
});

test('parseAccession: table of accepted and refused text', () => {
  const ok = parseAccession(' a25-0001234-55 ');
  assert.deepEqual(ok, { ok: true, value: { accession: 'A25000123455', prefix: 'A', yearOfCentury: 25, sequence: 1234, checkDigits: '55' } });
  assert.equal(displayAccession('A25000123455'), 'A25 0001234 55');
  assert.equal(parseAccession('A25 0001234 55').ok, true);
  const refused: [string, string][] = [
    ['', 'accession-format'],
    ['A2500012345', 'accession-format'], // a digit short
    ['250001234555', 'accession-format'], // no prefix
    ['A25000123456', 'accession-check'], // last digit mistyped
    ['A25000213455', 'accession-check'], // 1 and 2 swapped
    ['B25000123455', 'accession-check'], // prefix mistyped
  ];
  for (const [text, code] of refused) {
    const r = parseAccession(text);
    assert.equal(r.ok, false, text);
    if (!r.ok) {
      assert.equal(r.error.code, code, text);
      assert.match(r.error.message, /accession/i);
    }
  }
});

test('containerId: tube suffix with its own check digit; grouped display parses back', () => {
  const acc = 'A25000123455';
  assert.equal(containerId(acc, 1), 'A25000123455014');
  assert.equal(displayContainerId('A25000123455014'), 'A25 0001234 55 01 4');
  const parsed = parseContainerId('A25 0001234 55 01 4');
  assert.ok(parsed.ok);
  if (parsed.ok) {
    assert.equal(parsed.value.tubeNumber, 1);
    assert.equal(parsed.value.accession.sequence, 1234);
  }
  assert.throws(() => containerId(acc, 0), LabelError);
  assert.throws(() => containerId(acc, 100), LabelError);
  assert.throws(() => containerId('A25000123456', 1), (e: unknown) => e instanceof LabelError && e.code === 'accession-check');
  const codes = ['A25000123455004', 'A2500012345501', 'A25000123455015', 'A25000123455104'].map((t) => {
    const r = parseContainerId(t);
    return r.ok ? 'ok' : r.error.code;
  });
  assert.deepEqual(codes, ['container-format', 'container-format', 'container-check', 'container-check']);
  // An accession is not a container id, and a container id is not an accession.
  assert.equal(isValidContainerId(acc), false);
  assert.equal(isValidAccession('A25000123455014'), false);
});

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const accessionArb = fc
  .record({
    sequence: fc.integer({ min: 1, max: 9_999_999 }),
    year: fc.integer({ min: 2000, max: 2099 }),
    prefix: fc.stringMatching(/^[A-Z]{1,2}$/),
  })
  .map(({ sequence, year, prefix }) => formatAccession({ sequence, date: `${year}-06-15`, prefix }));

function substitutions(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) for (const ch of ALPHABET) if (ch !== s[i]) out.push(s.slice(0, i) + ch + s.slice(i + 1));
  return out;
}
function adjacentSwaps(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < s.length; i++) if (s[i] !== s[i + 1]) out.push(s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2));
  return out;
}

test('property: every single-character substitution of an accession is detected', () => {
  fc.assert(fc.property(accessionArb, (acc) => substitutions(acc).every((t) => !isValidAccession(t))), { numRuns: 300 });
});

test('property: every adjacent transposition of an accession is detected', () => {
  fc.assert(fc.property(accessionArb, (acc) => adjacentSwaps(acc).every((t) => !isValidAccession(t))), { numRuns: 500 });
});

test('property: every substitution and adjacent transposition of a container id is detected', () => {
  const arb = fc.tuple(accessionArb, fc.integer({ min: 1, max: 99 })).map(([a, n]) => containerId(a, n));
  fc.assert(fc.property(arb, (id) => [...substitutions(id), ...adjacentSwaps(id)].every((t) => !isValidContainerId(t))), { numRuns: 300 });
});

test('property: format -> parse round-trips, through the grouped display too', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 9_999_999 }), fc.integer({ min: 2000, max: 2099 }), fc.stringMatching(/^[A-Z]{1,2}$/), fc.integer({ min: 1, max: 99 }), (sequence, year, prefix, tube) => {
      const acc = formatAccession({ sequence, date: `${year}-01-01`, prefix });
      const p = parseAccession(displayAccession(acc).toLowerCase());
      assert.ok(p.ok);
      if (!p.ok) return;
      assert.deepEqual([p.value.accession, p.value.prefix, p.value.yearOfCentury, p.value.sequence], [acc, prefix, year % 100, sequence]);
      const id = containerId(acc, tube);
      const c = parseContainerId(displayContainerId(id));
      assert.ok(c.ok && c.value.containerId === id && c.value.tubeNumber === tube && c.value.accession.accession === acc);
      assert.match(id, /^[A-Z]{1,2}[0-9]{14}$/); // Code 128 subset C after the prefix
    }),
  );
});
