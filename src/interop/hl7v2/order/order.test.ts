import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { parseHl7Message } from '../parse.js';
import { writeOrderMessage } from './write-order.js';
import { readOrderMessage } from './read-order.js';
import { DEFAULT_OML_PROFILE, DEFAULT_ORM_PROFILE, type LabProfile } from './profile.js';
import type { OrderMessage } from './models.js';
import { sampleOrder } from './sample-order.js';

const normal = (v: unknown) => JSON.parse(JSON.stringify(v));

describe('ORM^O01 / OML^O21 writer', () => {
  test('ORM^O01 has the segments the profile asks for, in 2.5.1 order', () => {
    const w = writeOrderMessage(sampleOrder, DEFAULT_ORM_PROFILE);
    assert.ok(w.ok);
    assert.deepEqual(w.text.split('\r').map((s) => s.slice(0, 3)), ['MSH', 'PID', 'PV1', 'IN1', 'ORC', 'OBR', 'NTE', 'DG1']);
    const p = parseHl7Message(w.text);
    assert.ok(p.ok);
    assert.equal(p.message.get('MSH-9.3'), 'ORM_O01');
    assert.equal(p.message.get('PID-5'), "O'Brien|Smith");
    assert.equal(p.message.get('OBR-4.1'), '2345-7');
    assert.equal(p.message.get('ORC-7.6'), 'S');
    assert.equal(p.message.get('DG1-3.3'), 'I10C');
  });
  test('OML^O21 carries SPM with id, type and collection time', () => {
    const w = writeOrderMessage(sampleOrder, DEFAULT_OML_PROFILE);
    assert.ok(w.ok);
    const p = parseHl7Message(w.text);
    assert.ok(p.ok);
    assert.equal(p.message.get('SPM-2'), 'TUBE-1');
    assert.equal(p.message.get('SPM-4'), 'SER');
    assert.equal(p.message.get('SPM-17'), '20260301090000-0500');
  });
  const quirky: LabProfile = {
    ...DEFAULT_ORM_PROFILE, id: 'acme', segments: { dg1: true },
    sendingFacility: ['ALLIED', '2.16.840.1.113883.3.1', 'ISO'], placerNumber: { prefix: 'AL', padTo: 8, namespace: 'ALLIED' },
    obr4: 'local-with-loinc', testCodes: { '2345-7': { code: 'GLU', display: 'Glucose' } },
  };
  test('profile quirks: MSH-4 components, placer number format, local code with LOINC alternate, segments left out', () => {
    const w = writeOrderMessage(sampleOrder, quirky);
    assert.ok(w.ok);
    const p = parseHl7Message(w.text);
    assert.ok(p.ok);
    const m = p.message;
    assert.equal(m.get('MSH-4.2'), '2.16.840.1.113883.3.1');
    assert.equal(m.get('ORC-2'), 'AL00000042');
    assert.equal(m.get('ORC-2.2'), 'ALLIED');
    assert.deepEqual([m.get('OBR-4.1'), m.get('OBR-4.3'), m.get('OBR-4.4'), m.get('OBR-4.6')], ['GLU', 'L', '2345-7', 'LN']);
    assert.equal(m.segment('PV1'), undefined);
    assert.equal(m.segment('NTE'), undefined);
    const back = readOrderMessage(m, quirky);
    assert.ok(back.ok);
    assert.equal(back.order.orders[0]?.test.code, '2345-7');
    assert.equal(back.order.orders[0]?.placerOrderNumber, '00000042');
  });
  test('a test the lab profile cannot code is refused, naming the test and the profile', () => {
    const w = writeOrderMessage({ ...sampleOrder, orders: [{ ...sampleOrder.orders[0]!, test: { code: '718-7' } }] }, { ...quirky, obr4: 'local' });
    assert.equal(w.ok, false);
    if (w.ok) return;
    assert.equal(w.issues[0]?.code, 'unmapped-test-code');
    assert.match(w.issues[0]?.message ?? '', /718-7.*acme/);
  });
});

describe('writer output re-parses to an equal model (fast-check)', () => {
  const text = fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom('a', 'Z', '9', ' ', '|', '^', '~', '\\', '&', '\n', 'é', '#', '"x') }).filter((s) => s.trim() === s && s !== '""' && !s.includes('\n\n') && s.trim() !== '');
  const code = fc.stringMatching(/^[A-Z0-9][A-Z0-9.-]{0,7}$/);
  const dt = fc.date({ min: new Date('1990-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }).map((d) => `${d.toISOString().slice(0, 19)}+00:00`);
  const order = fc.record({
    controlId: code,
    sentAt: dt,
    patient: fc.record({
      identifiers: fc.array(fc.record({ value: code, type: fc.constantFrom('MR', 'PI') }), { minLength: 1, maxLength: 3 }),
      name: fc.record({ family: text, given: fc.array(text.filter((s) => !s.includes(' ')), { minLength: 1, maxLength: 2 }) }),
      birthDate: fc.date({ min: new Date('1900-01-01'), max: new Date('2025-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      sex: fc.constantFrom('F', 'M', 'U'),
    }),
    orderingProvider: fc.record({ id: code, family: text }),
    orders: fc.array(fc.record({
      placerOrderNumber: code,
      test: fc.record({ code, display: text, system: fc.constant('LN') }),
      priority: fc.constantFrom('S' as const, 'A' as const, 'R' as const),
      collectedAt: dt,
      specimen: fc.record({ id: code, type: fc.record({ code: fc.constantFrom('BLD', 'SER', 'UR'), system: fc.constant('HL70487') }), collectedAt: dt }),
      diagnoses: fc.array(fc.record({ code, system: fc.constant('I10C') }), { minLength: 1, maxLength: 2 }),
      notes: fc.array(text, { minLength: 1, maxLength: 2 }),
    }), { minLength: 1, maxLength: 3 }),
  });
  test('OML^O21 round trip', () => {
    fc.assert(fc.property(order, (o) => {
      const w = writeOrderMessage(o as OrderMessage, DEFAULT_OML_PROFILE);
      assert.ok(w.ok);
      const p = parseHl7Message(w.text);
      assert.ok(p.ok, p.ok ? '' : p.error.message);
      const back = readOrderMessage(p.message, DEFAULT_OML_PROFILE);
      assert.ok(back.ok);
      const expected = normal({ ...o, orderingProvider: o.orderingProvider, orders: o.orders.map((i) => ({ ...i, orderControl: 'NW' })) });
      assert.deepEqual(normal(back.order), expected);
    }), { numRuns: 150 });
  });
});

describe('peer: Debian python3-hl7 reads our ORM^O01', () => {
  test('PID-5, OBR-4 and the segment list as python-hl7 sees them', (t) => {
    const probe = spawnSync('/usr/bin/python3', ['-c', 'import hl7'], { encoding: 'utf8' });
    if (probe.status !== 0) return t.skip('python3-hl7 is not installed (CI installs the Debian package)');
    const w = writeOrderMessage(sampleOrder, DEFAULT_ORM_PROFILE);
    assert.ok(w.ok);
    const script = [
      'import hl7, sys, json',
      'm = hl7.parse(sys.stdin.read())',
      'print(json.dumps({"ids": [str(s[0]) for s in m], "family": str(m.segment("PID")[5][0][0]), "given": str(m.segment("PID")[5][0][1]),',
      ' "obr4": str(m.segment("OBR")[4][0][0]), "obr4sys": str(m.segment("OBR")[4][0][2]), "type": str(m.segment("MSH")[9]), "ctrl": str(m.segment("MSH")[10])}))',
    ].join('\n');
    const r = spawnSync('/usr/bin/python3', ['-c', script], { input: w.text, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const seen = JSON.parse(r.stdout);
    assert.deepEqual(seen.ids, ['MSH', 'PID', 'PV1', 'IN1', 'ORC', 'OBR', 'NTE', 'DG1']);
    assert.equal(seen.family, "O'Brien\\F\\Smith"); // python-hl7 leaves escapes as sent
    assert.equal(seen.given, 'Ann');
    assert.equal(seen.obr4, '2345-7');
    assert.equal(seen.obr4sys, 'LN');
    assert.equal(seen.type, 'ORM^O01^ORM_O01');
    assert.equal(seen.ctrl, 'ALLIED-0001');
  });
});
