import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readX12, write999, type X12ReadResult } from './index.js';
import { write837 } from './writer/write837.js';
import { sampleClaim } from './writer/sample.js';

const clean837 = (): string => write837([sampleClaim('S1')], { senderId: 'ALLIED', receiverId: 'PAYER', interchangeControl: 1, groupControl: 1, contact: { name: 'X', phone: '5555551212' }, lineBreaks: true });
const found = (r: X12ReadResult): [string, string, number | undefined, string | undefined][] => r.errors.map((e) => [e.code, e.position.segmentId, e.position.element, e.ackCode]);
const replaceOnce = (text: string, from: string, to: string): string => {
  assert.ok(text.includes(from), `the sample has ${from}`);
  return text.replace(from, to);
};

const REMIT = [
  'ISA*00*          *00*          *ZZ*PAYER          *ZZ*ALLIED         *240105*1200*^*00501*000000001*0*P*:~',
  'GS*HP*PAYER*ALLIED*20240105*1200*1*X*005010X221A1~', 'ST*835*0001*005010X221A1~',
  'BPR*I*95*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20240105~', 'TRN*1*TRACE1*1512345678~',
  'N1*PR*ACME HEALTH PLAN~', 'N3*1 PAYER WAY~', 'N4*CHICAGO*IL*60601~', 'N1*PE*ALLIED CLINIC*XX*1234567893~', 'LX*1~',
  'CLP*C1*1*150*95*20*12*P1*11*1~', 'CAS*PR*1*20~', 'NM1*QC*1*DOE*JANE****MI*M1~', 'SVC*HC:94640*150*95**1~', 'CAS*CO*45*35~',
  'SE*14*0001~', 'GE*1*1~', 'IEA*1*000000001~',
].join('\n');

describe('X12 syntax notes (inter-element rules)', () => {
  test('the clean samples break none', async () => {
    assert.deepEqual((await readX12(clean837())).errors, []);
    assert.deepEqual((await readX12(REMIT)).errors, []);
  });

  test('P0809: an NM1 with an ID qualifier but no ID is an error at NM109, IK4 code 2 in the 999', async () => {
    const r = await readX12(replaceOnce(clean837(), 'NM1*PR*2*ACME HEALTH PLAN*****PI*99999~', 'NM1*PR*2*ACME HEALTH PLAN*****PI~'));
    assert.deepEqual(found(r), [['element-conditional', 'NM1', 9, '2']]);
    assert.match(r.errors[0].message, /^NM109 is required because NM108 is present \(syntax note P0809/);
    // IK303: the payer NM1 is in loop 2010BB
    assert.match(write999(r, { interchangeControl: 2, groupControl: 2 }), /IK3\*NM1\*\d+\*2010BB\*8~IK4\*9\*\*2~IK5\*R/);
  });

  test('R0203: a REF with neither REF02 nor REF03; E0207 and C0704: an N4 with both a state and a country subdivision, and no country', async () => {
    let text = replaceOnce(clean837(), 'REF*EI*123456789~', 'REF*EI~');
    text = replaceOnce(text, 'N4*SPRINGFIELD*IL*62701~', 'N4*SPRINGFIELD*IL*62701****ON~');
    const r = await readX12(text);
    // N407 also needs N404 (C0704: a country subdivision belongs to a country)
    assert.deepEqual(found(r), [['element-conditional', 'REF', 2, '2'], ['element-exclusion', 'N4', 7, '10'], ['element-conditional', 'N4', 4, '2']]);
    assert.match(r.errors[0].message, /^REF02 or REF03 is required/);
    assert.match(r.errors[1].message, /^N407 must not be sent with N402 \(syntax note E0207/);
  });

  test('C0605 and L050607 in an 835 CAS: a second reason without its amount', async () => {
    const r = await readX12(replaceOnce(REMIT, 'CAS*CO*45*35~', 'CAS*CO*45*35**253~'));
    const codes = found(r).filter(([code]) => code.startsWith('element-'));
    assert.deepEqual(codes, [['element-conditional', 'CAS', 6, '2']]);
    assert.match(r.errors[0].message, /CAS06 or CAS07 is required because CAS05 is present \(syntax note L050607\)/);
  });

  test('code lists the 5010 guides fix: CLM09, SV103 and SBR09 outside their lists are errors in a 5010 set', async () => {
    let text = replaceOnce(clean837(), '*Y*A*Y*Y~', '*Y*A*Y*Z~');
    text = replaceOnce(text, 'SV1*HC:94640*100*UN*', 'SV1*HC:94640*100*XX*');
    text = replaceOnce(text, 'SBR*P*18*******CI~', 'SBR*P*18*******QQ~');
    const r = await readX12(text);
    assert.deepEqual(found(r).filter(([code]) => code === 'element-invalid-code').map(([, id, n]) => `${id}${n}`), ['SBR9', 'CLM9', 'SV13']);
    assert.match(r.errors.find((e) => e.position.segmentId === 'CLM')?.message ?? '', /CLM09 "Z" is not a valid code here \(expected one of I, Y\)/);
  });

  test('CLP06 follows the 835 guide\'s claim filing indicator list: CI (an 837 SBR09 code) is an error, LI (liability) is fine', async () => {
    const r = await readX12(replaceOnce(REMIT, 'CLP*C1*1*150*95*20*12*', 'CLP*C1*1*150*95*20*CI*'));
    assert.deepEqual(found(r), [['element-invalid-code', 'CLP', 6, '7']]);
    assert.match(r.errors[0].message, /^CLP06 "CI" is not a valid code here \(expected one of 12, 13, /);
    assert.equal(r.errors[0].position.loop, '2100');
    assert.deepEqual((await readX12(replaceOnce(REMIT, 'CLP*C1*1*150*95*20*12*', 'CLP*C1*1*150*95*20*LI*'))).errors, []);
  });
});
