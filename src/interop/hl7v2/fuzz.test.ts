import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { readHl7 } from './parse.js';
import { readLabResult } from './result/read-result.js';
import { labResultToFhir } from './result/to-fhir.js';
import { readAck } from './ack/read-ack.js';
import { readOrderMessage } from './order/read-order.js';
import { MllpDecoder } from './mllp/framing.js';
import { validateResource } from '../../fhir/validation/index.js';

const corpus = new URL('../../../../shared/hl7-corpus/', import.meta.url);
const samples = ['oru', 'orm', 'oml', 'ack', 'batch', 'edge'].flatMap((k) => readdirSync(new URL(`${k}/`, corpus)).map((f) => readFileSync(new URL(`${k}/${f}`, corpus))));
const special = [0x0d, 0x0a, 0x7c, 0x5e, 0x7e, 0x5c, 0x26, 0x0b, 0x1c, 0x00, 0x22, 0x4d, 0x53, 0x48, 0xff];

const mutation = fc.record({
  file: fc.nat({ max: samples.length - 1 }),
  edits: fc.array(fc.record({ at: fc.nat(), kind: fc.constantFrom('set', 'insert', 'delete', 'dup'), byte: fc.oneof(fc.constantFrom(...special), fc.integer({ min: 0, max: 255 })), len: fc.integer({ min: 1, max: 64 }) }), { minLength: 1, maxLength: 8 }),
});

function mutate(src: Buffer, edits: { at: number; kind: string; byte: number; len: number }[]): Buffer {
  let b = Buffer.from(src);
  for (const e of edits) {
    const at = b.length === 0 ? 0 : e.at % b.length;
    if (e.kind === 'set' && b.length) b[at] = e.byte;
    else if (e.kind === 'insert') b = Buffer.concat([b.subarray(0, at), Buffer.from([e.byte]), b.subarray(at)]);
    else if (e.kind === 'delete') b = Buffer.concat([b.subarray(0, at), b.subarray(at + e.len)]);
    else b = Buffer.concat([b.subarray(0, at + e.len), b.subarray(at)]);
  }
  return b;
}

/** Everything a received message goes through; any exception here is a bug. */
function digest(input: Buffer): void {
  const r = readHl7(input);
  for (const m of r.messages) {
    if (!m.ok) {
      assert.equal(typeof m.error.message, 'string');
      continue;
    }
    const msg = m.message;
    msg.toString();
    msg.get('PID-3[1].1');
    msg.get('OBX[2]-5.2.1');
    const lr = readLabResult(msg);
    if (lr.ok) labResultToFhir(lr.result, { patient: { reference: 'Patient/x' } });
    readAck(msg);
    readOrderMessage(msg);
  }
}

test('random mutations of corpus messages never throw and finish quickly', () => {
  fc.assert(fc.property(mutation, ({ file, edits }) => {
    const input = mutate(samples[file] as Buffer, edits);
    const started = Date.now();
    digest(input);
    new MllpDecoder(4096).push(input);
    assert.ok(Date.now() - started < 2000, 'one message took over 2 s');
  }), { numRuns: 600 });
});

test('arbitrary bytes and strings never throw', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (a) => digest(Buffer.from(a))), { numRuns: 300 });
  fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => digest(Buffer.from(`MSH|^~\\&|${s}`))), { numRuns: 300 });
});

/**
 * Filing stores the Observations and DiagnosticReports built here without validating each one again
 * (it is the hot path of result ingest): whatever a lab sends that can be read as a result must
 * build into valid FHIR R4.
 */
function builtErrors(input: Buffer): string[] {
  const out: string[] = [];
  for (const m of readHl7(input).messages) {
    if (!m.ok) continue;
    const lr = readLabResult(m.message);
    if (!lr.ok) continue;
    const fhir = labResultToFhir(lr.result, { patient: { reference: 'Patient/p1' }, orders: lr.result.orders.map(() => ({ serviceRequest: { reference: 'ServiceRequest/s1' }, specimen: { reference: 'Specimen/x1' } })) });
    for (const r of [...fhir.observations, ...fhir.reports]) {
      for (const i of validateResource({ ...r, meta: { versionId: '1', lastUpdated: '2026-11-24T10:00:00Z' } })) if (i.severity === 'error') out.push(`${i.expression}: ${i.message}`);
    }
  }
  return out;
}

test('results built from mutated corpus messages are valid FHIR', () => {
  fc.assert(fc.property(mutation, ({ file, edits }) => assert.deepEqual(builtErrors(mutate(samples[file] as Buffer, edits)), [])), { numRuns: 800 });
});

test('results built from arbitrary OBX/OBR/NTE content are valid FHIR', () => {
  const text = fc.oneof(fc.string({ maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 20 }), fc.constantFrom('', ' ', '""', '  x  y ', '\t', 'a^b^LN', '^^^', '12.5', '<5', '^<^10', '1^:^2', '^10^-^20', '20261124', 'x&y', 'A^Image^JPEG^Base64^', '^^^^'));
  const types = fc.constantFrom('NM', 'ST', 'TX', 'FT', 'CE', 'CWE', 'SN', 'DT', 'TS', 'DTM', 'ED', 'RP', 'XX', '');
  fc.assert(
    fc.property(types, fc.array(text, { minLength: 10, maxLength: 10 }), (type, fields) => {
      const f = fields.map((x) => x.replace(/[\r\n|~\\]/g, ' '));
      const raw = [
        'MSH|^~\\&|L|LAB|A|t1|20261124101500||ORU^R01|C1|P|2.5.1',
        'PID|1||M1^^^T^MR',
        `OBR|1|P1|F1|${f[0]}|||${f[1]}|||||||||||||||${f[2]}|||${f[3]}`,
        `OBX|1|${type}|${f[4]}||${f[5]}|${f[6]}|${f[7]}|${f[8]}|||F`,
        `NTE|1||${f[9]}`,
      ].join('\r');
      assert.deepEqual(builtErrors(Buffer.from(raw)), [], raw);
    }),
    { numRuns: 1500 },
  );
});
