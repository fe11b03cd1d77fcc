import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readX12, readX12File } from '../index.js';
import { planAcknowledgements, writeAcknowledgements } from './ack999.js';
import { write837 } from './write837.js';
import { sampleClaim } from './sample.js';

const CORPUS = new URL('../../../../../shared/x12-corpus/', import.meta.url);
const path = (name: string): string => new URL(name, CORPUS).pathname;
const ta1Lines = (text: string): string[] => text.split(/~\n?/).filter((s) => s.startsWith('TA1*'));
const ack = (r: Parameters<typeof writeAcknowledgements>[0], mode: Parameters<typeof writeAcknowledgements>[1] = 'needed'): string =>
  writeAcknowledgements(r, mode, { interchangeControl: 7, groupControl: 7, lineBreaks: true });
const clean837 = (): string => write837([sampleClaim('T1')], { senderId: 'ALLIED', receiverId: 'PAYER', interchangeControl: 123456789, groupControl: 5, contact: { name: 'X', phone: '5555551212' } });

describe('TA1 interchange acknowledgement', () => {
  // pyx12 writes a TA1 into its expected acknowledgements: ours must give the same TA101-TA105
  for (const [file, expected] of [
    ['edge/pyx12__x12testdata_trailer_errors.txt', 'expected/pyx12__x12testdata_trailer_errors.expected997.txt'],
    ['edge/pyx12__x12testdata_fail_no_IEA.txt', 'expected/pyx12__x12testdata_fail_no_IEA.expected997.txt'],
    ['edge/pyx12__x12testdata_simple_837p.txt', 'expected/pyx12__x12testdata_simple_837p.expected997.txt'],
  ]) {
    test(`${file}: the TA1 agrees with pyx12 (${expected.split('/')[1]})`, async () => {
      const r = await readX12File(path(file));
      assert.deepEqual(ta1Lines(ack(r)), ta1Lines(readFileSync(path(expected), 'latin1')));
    });
  }

  test('an interchange the TA1 rejects gets no 999; one with only noted problems gets both', async () => {
    const rejected = await readX12File(path('edge/pyx12__x12testdata_trailer_errors.txt'));
    const plan = planAcknowledgements(rejected, 'needed');
    assert.deepEqual(plan.rejected, ['000484950']);
    assert.deepEqual(plan.groups, []);
    assert.match(ack(rejected), /^ISA\*.*~\nTA1\*000484950\*040820\*1133\*R\*018~\nIEA\*0\*000000007~\n$/);

    // IEA02 a well-formed number that does not match ISA13: accepted with errors (TA1 E 001), 999 still written
    const mismatched = await readX12(clean837().replace(/IEA\*1\*123456789~/, 'IEA*1*123456780~'));
    assert.deepEqual(mismatched.errors.map((e) => [e.code, e.position.segmentId, e.position.element]), [['control-number-mismatch', 'IEA', 2]]);
    const text = ack(mismatched);
    assert.deepEqual(ta1Lines(text), [`TA1*123456789*${mismatched.firstInterchange?.date}*${mismatched.firstInterchange?.time}*E*001`]);
    assert.match(text, /AK9\*A\*1\*1\*1~/);
  });

  test('bad ISA fields are positioned errors with their TA1 note, and the TA1 rejects the interchange', async () => {
    const text = clean837();
    const isa = text.slice(0, 106).split('*');
    isa[5] = 'QQ'; // not an interchange ID qualifier
    isa[15] = 'X'; // neither P nor T
    const r = await readX12(isa.join('*') + text.slice(106));
    const found = r.errors.filter((e) => e.code === 'isa-invalid').map((e) => [e.position.element, e.ackCode, e.position.segmentId, e.position.offset]);
    assert.deepEqual(found, [[5, '005', 'ISA', 0], [15, '020', 'ISA', 0]]);
    assert.match(r.errors[0].message, /ISA05 "QQ" is not an interchange ID qualifier/);
    assert.deepEqual(ta1Lines(ack(r)), [`TA1*123456789*${isa[9]}*${isa[10]}*R*005`]);
    // tolerant mode notes them instead: accepted with errors, and the 999 is written
    const tolerant = await readX12(isa.join('*') + text.slice(106), { tolerant: true });
    assert.deepEqual(tolerant.errors, []);
    assert.equal(ta1Lines(ack(tolerant))[0].split('*')[4], 'E');
  });

  test('a clean interchange gets a TA1 only when asked (ISA14 = 1 or --ta1), and reading our TA1 back gives its verdict', async () => {
    const r = await readX12(clean837());
    assert.deepEqual(ta1Lines(ack(r)), []);
    const only = ack(r, 'only');
    assert.deepEqual(ta1Lines(only), [`TA1*123456789*${r.firstInterchange?.date}*${r.firstInterchange?.time}*A*000`]);
    assert.doesNotMatch(only, /GS\*/);
    const back = await readX12(only);
    assert.deepEqual(back.errors.filter((e) => e.code !== 'no-transaction-set'), []);
    assert.deepEqual(back.acknowledgements.map((a) => [a.type, a.interchangeControl, a.status, a.noteCode, a.note]), [['TA1', '123456789', 'A', '000', 'No error']]);

    const rejected = await readX12(ack(await readX12File(path('edge/pyx12__x12testdata_fail_no_IEA.txt'))));
    assert.deepEqual(rejected.acknowledgements.map((a) => [a.type, a.status, a.noteCode]), [['TA1', 'R', '023']]);
  });

  test('a damaged TA1 read back is a positioned error', async () => {
    const text = ack(await readX12(clean837()), 'only').replace(/\*A\*000~/, '*Q*7~');
    const r = await readX12(text);
    const bad = r.errors.filter((e) => e.code === 'ta1-invalid').map((e) => [e.position.segmentId, e.position.element]);
    assert.deepEqual(bad, [['TA1', 4], ['TA1', 5]]);
  });
});
