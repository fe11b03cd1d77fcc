import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readX12, readX12File } from '../index.js';
import { write999 } from './ack999.js';
import { write837 } from './write837.js';
import { sampleClaim } from './sample.js';

const CORPUS = new URL('../../../../../shared/x12-corpus/', import.meta.url);
const path = (name: string): string => new URL(name, CORPUS).pathname;
const ackOf = async (file: string, tolerant = false): Promise<string[]> => {
  const r = await readX12File(path(file), { tolerant });
  return write999(r, { interchangeControl: 1, groupControl: 1, lineBreaks: true }).trim().split('\n');
};
const pick = (lines: string[], ids: string[]): string[] => lines.filter((l) => ids.includes(l.split('*')[0])).map((l) => l.replace(/~$/, ''));

describe('999 for a received file', () => {
  test('accepted: our own 837 gets IK5*A and AK9*A, and the 999 reads back clean', async () => {
    const text = write837([sampleClaim('K1')], { senderId: 'A', receiverId: 'B', interchangeControl: 9, groupControl: 9, contact: { name: 'X', phone: '1' } });
    const ack = write999(await readX12(text), { interchangeControl: 1, groupControl: 1 });
    const back = await readX12(ack);
    assert.deepEqual(back.errors, []);
    assert.equal(back.acknowledgements[0].status, 'A');
    assert.deepEqual(back.acknowledgements[0].sets.map((s) => [s.status, s.control]), [['A', '0001']]);
  });

  test('rejected with IK3/IK4 details for missing elements (imsweb), IK303 naming each segment\'s loop', async () => {
    const lines = await ackOf('edge/imsweb__x12_missing_elements.txt', true);
    // NM102 (receiver, 1000B) and CLM05 (2300) are empty; the HL numbering (2000B) and SE01 defects tolerant mode lets through are noted too
    assert.deepEqual(pick(lines, ['IK3', 'IK4', 'IK5', 'AK9']), ['IK3*NM1*5*1000B*8', 'IK4*2**1', 'IK3*HL*25*2000B*8', 'IK4*1**I12', 'IK4*2**I12', 'IK3*CLM*29*2300*8', 'IK4*5**1', 'IK5*R*4*5', 'AK9*R*1*1*0']);
  });

  test('a 999 naming six-character loops (2010AA, 2000B) in IK303 reads back clean, notes and all', async () => {
    for (const file of ['edge/imsweb__x12_missing_elements.txt', 'edge/imsweb__x12_segments_out_of_order.txt']) {
      const r = await readX12File(path(file), { tolerant: true });
      const back = await readX12(write999(r, { interchangeControl: 1, groupControl: 1 }));
      assert.deepEqual(back.errors, [], file);
      const loops = back.acknowledgements[0].sets.flatMap((s) => s.errors.map((e) => e.loop));
      assert.ok(loops.some((l) => l !== undefined && l.length > 4), `${file}: ${loops.join(' ')}`);
    }
  });

  test('structure errors carry the loop: required loop missing, segment out of order', async () => {
    const missing = pick(await ackOf('edge/imsweb__x12_loop_errors3_missing_loops.txt', true), ['IK3']);
    assert.ok(missing.some((l) => /^IK3\*NM1\*\d+\*2000A\*3$/.test(l)), missing.join(' '));
    const order = pick(await ackOf('edge/imsweb__x12_segments_out_of_order.txt', true), ['IK3']);
    assert.deepEqual(order, ['IK3*N4*10*2010AA*7', 'IK3*N3*15*2010AB*7', 'IK3*HL*25*2000B*8']);
  });

  test('IK303 is empty for a segment at the transaction set\'s own level (not in a loop)', async () => {
    const text = write837([sampleClaim('K2')], { senderId: 'A', receiverId: 'B', interchangeControl: 9, groupControl: 9, contact: { name: 'X', phone: '1' } });
    const r = await readX12(text.replace(/BHT\*0019\*00\*/, 'BHT*0019**'));
    assert.deepEqual(pick(write999(r, { interchangeControl: 1, groupControl: 1, lineBreaks: true }).trim().split('\n'), ['IK3', 'IK4']), ['IK3*BHT*2**8', 'IK4*2**1']);
  });

  // pyx12 publishes the 997 it expects for these inputs; we answer with a 999 and agree on the verdicts.
  test('agrees with pyx12: trailer errors reject the first set (code 4) and accept the second', async () => {
    const lines = pick(await ackOf('edge/pyx12__x12testdata_trailer_errors.txt'), ['AK2', 'IK5', 'AK9']);
    assert.deepEqual(lines.slice(0, 4).map((l) => l.split('*').slice(0, 3).join('*')), ['AK2*837*300207436', 'IK5*R*4', 'AK2*837*300207437', 'IK5*A']);
    assert.match(lines[4], /^AK9\*P\*2\*2\*1/);
  });

  test('agrees with pyx12: missing IEA with SE*0 rejects the set with code 4', async () => {
    const lines = pick(await ackOf('edge/pyx12__x12testdata_fail_no_IEA.txt'), ['IK5', 'AK9']);
    assert.match(lines[0], /^IK5\*R\*.*4/);
    assert.match(lines[1], /^AK9\*R\*1\*1\*0/);
  });

  test('agrees with pyx12: clean 4010 files are accepted', async () => {
    for (const file of ['edge/pyx12__x12testdata_835id.txt', 'edge/pyx12__x12testdata_simple_837p.txt']) {
      assert.deepEqual(pick(await ackOf(file), ['IK5', 'AK9']), ['IK5*A', 'AK9*A*1*1*1'], file);
    }
  });

  test('agrees with pyx12: ST02/SE02 mismatch ("300145997 ") rejects with code 3', async () => {
    const lines = pick(await ackOf('edge/pyx12__x12testdata_ele.txt', true), ['IK5']);
    assert.match(lines[0], /^IK5\*R\*3/);
  });

  test('tolerant mode turns bookkeeping defects into "accepted with errors" (E)', async () => {
    const lines = pick(await ackOf('edge/pyx12__x12testdata_trailer_errors.txt', true), ['IK5']);
    assert.deepEqual(lines.map((l) => l.split('*')[1]), ['E', 'A']);
  });
});
