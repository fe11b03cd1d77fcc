import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { collectX12, readX12File, ReadJsonWriter, toReadJson, type ReadX12Options, type X12ReadResult } from './index.js';
import { retained } from './live-memory.js';
import { readX12Events } from './reader.js';
import { IdSet } from './models/stream.js';


const ISA = 'ISA*00*          *00*          *ZZ*PAYER          *ZZ*ALLIED         *240105*1200*^*00501*000000001*0*P*:~\n';

/**
 * One interchange holding a single ST..SE: `head` (GS, ST and the set's opening segments), then
 * `item(i)` for i < count, then `tail`, produced 2,000 items a chunk (never whole in memory). SE01
 * counts the set's segments unless `seCount` says otherwise (to test a wrong count).
 */
function* oneSet(opts: { envelope?: string; head: string[]; count: number; item: (i: number) => string[]; tail?: string[]; seCount?: number }): Generator<Buffer> {
  const { envelope = ISA, head, count, item, tail = [] } = opts;
  yield Buffer.from(envelope + head.join('\n') + '\n');
  let segments = head.length - 1; // GS is outside the set
  for (let start = 0; start < count; start += 2000) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(count, start + 2000); i++) lines.push(...item(i));
    segments += lines.length;
    yield Buffer.from(lines.join('\n') + '\n');
  }
  segments += tail.length;
  yield Buffer.from([...tail, `SE*${opts.seCount ?? segments + 1}*0001~`, 'GE*1*1~', 'IEA*1*000000001~'].join('\n') + '\n');
}

/** One 835 with `claims` CLP loops in a single ST..SE. */
function huge835(claims: number, seCount?: number, payment = 95 * claims): Generator<Buffer> {
  return oneSet({
    head: [
      'GS*HP*PAYER*ALLIED*20240105*1200*1*X*005010X221A1~', 'ST*835*0001*005010X221A1~',
      `BPR*I*${payment.toFixed(2)}*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20240105~`,
      'TRN*1*TRACE1*1512345678~', 'N1*PR*ACME HEALTH PLAN~', 'N3*1 PAYER WAY~', 'N4*CHICAGO*IL*60601~', 'N1*PE*ALLIED CLINIC*XX*1234567893~', 'LX*1~',
    ],
    count: claims,
    item: (i) => [`CLP*C${i}*1*150*95*20*12*P${i}*11*1~`, 'CAS*PR*1*20~', `NM1*QC*1*DOE*JANE****MI*M${i}~`,
      'SVC*HC:94640*100*65**1~', 'DTM*472*20240105~', 'CAS*CO*45*25~', `REF*6R*C${i}-1~`,
      'SVC*HC:94760:59*50*30**1~', 'DTM*472*20240105~', 'CAS*CO*45*20~', `REF*6R*C${i}-2~`],
    seCount,
  });
}

/** One 837P with `claims` claims in a single ST..SE, 50 claims per subscriber (the guide allows 100 per 2000B). */
function huge837(claims: number): Generator<Buffer> {
  return oneSet({
    envelope: ISA.replace('PAYER          *ZZ*ALLIED        ', 'ALLIED         *ZZ*PAYER         '),
    head: [
      'GS*HC*ALLIED*PAYER*20240105*1200*1*X*005010X222A1~', 'ST*837*0001*005010X222A1~', 'BHT*0019*00*1*20240105*1200*CH~',
      'NM1*41*2*ALLIED BILLING*****46*ALLIED01~', 'PER*IC*BILLING*TE*5555551212~', 'NM1*40*2*CLEARINGHOUSE*****46*CH0001~',
      'HL*1**20*1~', 'NM1*85*2*ALLIED CLINIC*****XX*1234567893~', 'N3*1 MAIN ST~', 'N4*SPRINGFIELD*IL*627040001~', 'REF*EI*123456789~',
    ],
    count: claims,
    item: (i) => [
      ...(i % 50 === 0 ? [`HL*${i / 50 + 2}*1*22*0~`, 'SBR*P*18*******CI~', `NM1*IL*1*DOE*JANE****MI*W${i}~`, 'NM1*PR*2*ACME HEALTH PLAN*****PI*99999~'] : []),
      `CLM*K${i}*150***11:B:1*Y*A*Y*Y~`, 'HI*ABK:J4520*ABF:R0602~', 'LX*1~', 'SV1*HC:94640*100*UN*1*11**1~', 'DTP*472*D8*20240105~',
      `REF*6R*K${i}-1~`, 'LX*2~', 'SV1*HC:94760:59*50*UN*1***1:2~', 'DTP*472*D8*20240105~', `REF*6R*K${i}-2~`,
    ],
  });
}

/** One 277CA acknowledging `claims` claims (one patient level each) in a single ST..SE. */
function huge277ca(claims: number): Generator<Buffer> {
  return oneSet({
    head: [
      'GS*HN*PAYER*ALLIED*20240105*1200*1*X*005010X214~', 'ST*277*0001*005010X214~', 'BHT*0085*08*0001*20240105*1200*TH~',
      'HL*1**20*1~', 'NM1*PR*2*ACME HEALTH PLAN*****PI*99999~', 'TRN*1*BATCH1~', 'DTP*050*D8*20240105~', 'DTP*009*D8*20240105~',
      'HL*2*1*21*1~', 'NM1*41*2*ALLIED BILLING*****46*ALLIED01~', 'TRN*2*0001~', `STC*A1:20*20240105*WQ*${(150 * claims).toFixed(2)}~`,
      'HL*3*2*19*1~', 'NM1*85*2*ALLIED CLINIC*****XX*1234567893~', 'TRN*1*0~',
    ],
    count: claims,
    item: (i) => [`HL*${i + 4}*3*PT~`, `NM1*QC*1*DOE${i % 97}*JANE****MI*M${i}~`, `TRN*2*K${i}~`, 'STC*A2:20*20240105*WQ*150~', `REF*1K*P${i}~`, 'DTP*472*D8*20240105~'],
  });
}

/** One 271 answering `subscribers` subscribers (two benefits each) in a single ST..SE. */
function huge271(subscribers: number): Generator<Buffer> {
  return oneSet({
    head: [
      'GS*HB*PAYER*ALLIED*20240105*1200*1*X*005010X279A1~', 'ST*271*0001*005010X279A1~', 'BHT*0022*11*BATCH1*20240105*1200~',
      'HL*1**20*1~', 'NM1*PR*2*ACME HEALTH PLAN*****PI*99999~', 'HL*2*1*21*1~', 'NM1*1P*2*ALLIED CLINIC*****XX*1234567893~',
    ],
    count: subscribers,
    item: (i) => [`HL*${i + 3}*2*22*0~`, `TRN*2*T${i}*9877281234~`, `NM1*IL*1*DOE${i % 97}*JANE****MI*M${i}~`, 'DMG*D8*19800101*F~',
      'EB*1**30**GOLD PLAN~', 'EB*B**98*HM**27*25~'],
  });
}

/**
 * One 999 acknowledging `sets` 837s in a single ST..SE: every tenth set is rejected with an IK3
 * segment note and an IK4 element note, the others accepted.
 */
function huge999(sets: number): Generator<Buffer> {
  const rejected = Math.floor(sets / 10);
  return oneSet({
    head: ['GS*FA*PAYER*ALLIED*20240105*1200*1*X*005010X231A1~', 'ST*999*0001*005010X231A1~', 'AK1*HC*1*005010X222A1~'],
    count: sets,
    item: (i) => [`AK2*837*${String(i + 1).padStart(4, '0')}*005010X222A1~`, ...(i % 10 === 9 ? ['IK3*NM1*17*2010BA*8~', 'IK4*9*67*7*ZZ~', 'IK5*R*5~'] : ['IK5*A~'])],
    tail: [`AK9*P*${sets}*${sets}*${sets - rejected}~`],
  });
}

/** Reads a generated source claim by claim, sampling live memory as it goes. */
async function readMeasured(source: Iterable<Buffer>): Promise<{ r: X12ReadResult; claims: number; paid: number; growth: number; bytes: number }> {
  let bytes = 0;
  const counted = (function* () {
    for (const chunk of source) {
      bytes += chunk.length;
      yield chunk;
    }
  })();
  const before = retained();
  let peak = before;
  let claims = 0;
  let paid = 0;
  const sample = (): void => {
    if (++claims % 25_000 === 0) peak = Math.max(peak, retained());
  };
  const r = await collectX12(readX12Events(counted, { check: { keepModels: false } }), {
    keepModels: false,
    onClaim: sample,
    onClaimPayment: (c) => {
      paid += Math.round(c.paidAmount * 100);
      sample();
    },
  });
  return { r, claims, paid, growth: peak - before, bytes };
}

const MB = 1024 * 1024;

describe('one huge transaction set is read in bounded memory', () => {
  test('835 with 150,000 claim payments in one ST..SE: every claim read, SE01 and the balance checked, memory does not grow with the set', async (t) => {
    const { r, claims, paid, growth, bytes } = await readMeasured(huge835(150_000));
    assert.deepEqual(r.errors, []);
    assert.equal(r.transactionSets, 1);
    assert.equal(claims, 150_000);
    assert.equal(paid, 150_000 * 9500);
    assert.ok(bytes > 30 * MB, `generated ${bytes} bytes`);
    // holding the set would keep all its bytes (> 30 MB) plus 150,000 models
    t.diagnostic(`${(bytes / MB).toFixed(0)} MB set, live memory grew ${(growth / MB).toFixed(1)} MB`);
    assert.ok(growth < 16 * MB, `live memory grew by ${(growth / MB).toFixed(1)} MB while reading ${(bytes / MB).toFixed(0)} MB in one set`);
  });

  test('837P with 60,000 claims (1,200 subscribers) in one ST..SE: claims with their parties, memory bounded', async (t) => {
    let first: { subscriber: string; payer: string; lines: number } | undefined;
    let total = 0;
    const source = huge837(60_000);
    const before = retained();
    let peak = before;
    const r = await collectX12(readX12Events(source, { check: { keepModels: false } }), {
      keepModels: false,
      onClaim: (c) => {
        first ??= { subscriber: c.subscriber.name, payer: c.payer.name, lines: c.serviceLines.length };
        total += Math.round(c.chargeAmount * 100);
        if (total % (15_000 * 15_000) === 0) peak = Math.max(peak, retained());
      },
    });
    assert.deepEqual(r.errors, []);
    assert.deepEqual(first, { subscriber: 'DOE', payer: 'ACME HEALTH PLAN', lines: 2 });
    assert.equal(total, 60_000 * 15_000);
    t.diagnostic(`live memory grew ${((peak - before) / MB).toFixed(1)} MB`);
    assert.ok(peak - before < 16 * MB, `live memory grew by ${((peak - before) / MB).toFixed(1)} MB`);
  });

  test('277CA acknowledging 100,000 claims in one ST..SE: every status handed on in file order with its patient, memory bounded', async (t) => {
    const levels: Record<string, number> = {};
    let last: { trace: string; patient?: string; payerClaim?: string } | undefined;
    let count = 0;
    const before = retained();
    let peak = before;
    const r = await collectX12(readX12Events(huge277ca(100_000), { check: { keepModels: false } }), {
      keepModels: false,
      onClaimStatus: (c) => {
        levels[c.level] = (levels[c.level] ?? 0) + 1;
        if (c.level === 'claim') last = { trace: c.traceNumber, patient: c.patient, payerClaim: c.payerClaimControlNumber };
        if (++count % 25_000 === 0) peak = Math.max(peak, retained());
      },
    });
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.claimStatuses, [], 'nothing kept with keepModels off');
    assert.deepEqual(levels, { receiver: 1, provider: 1, claim: 100_000 });
    assert.deepEqual(last, { trace: 'K99999', patient: 'JANE DOE89', payerClaim: 'P99999' });
    t.diagnostic(`live memory grew ${((peak - before) / MB).toFixed(1)} MB`);
    assert.ok(peak - before < 16 * MB, `live memory grew by ${((peak - before) / MB).toFixed(1)} MB`);
  });

  test('the same 277CA read whole keeps every status in the result, in file order', async () => {
    const r = await collectX12(readX12Events(huge277ca(300), { check: { keepModels: true } }), {});
    assert.deepEqual(r.errors, []);
    assert.equal(r.claimStatuses.length, 302);
    assert.deepEqual(r.claimStatuses.slice(0, 3).map((c) => [c.level, c.traceNumber]), [['receiver', '0001'], ['provider', '0'], ['claim', 'K0']]);
  });

  test('271 answering 100,000 subscribers in one ST..SE: one entry each, with its source, receiver and benefits, memory bounded', async (t) => {
    let count = 0;
    let last: { subscriber: string; trace: string[]; source: string; receiver?: string; benefits: number; copay?: number } | undefined;
    const before = retained();
    let peak = before;
    const r = await collectX12(readX12Events(huge271(100_000), { check: { keepModels: false } }), {
      keepModels: false,
      onEligibility: (e) => {
        last = { subscriber: `${e.subscriber.firstName} ${e.subscriber.name}`, trace: e.traceNumbers, source: e.informationSource.name, receiver: e.informationReceiver?.name, benefits: e.benefits.length, copay: e.benefits[1]?.amount };
        if (++count % 25_000 === 0) peak = Math.max(peak, retained());
      },
    });
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.eligibility, [], 'nothing kept with keepModels off');
    assert.equal(count, 100_000);
    assert.deepEqual(last, { subscriber: 'JANE DOE89', trace: ['T99999'], source: 'ACME HEALTH PLAN', receiver: 'ALLIED CLINIC', benefits: 2, copay: 25 });
    t.diagnostic(`live memory grew ${((peak - before) / MB).toFixed(1)} MB`);
    assert.ok(peak - before < 16 * MB, `live memory grew by ${((peak - before) / MB).toFixed(1)} MB`);
  });

  test('999 acknowledging 100,000 sets in one ST..SE: each set response handed on in file order with its notes, AK9 at the end, memory bounded', async (t) => {
    let count = 0;
    let rejected = 0;
    let tenth: unknown;
    let last: unknown;
    const heads: { functionalId: string; groupControl: string; version?: string }[] = [];
    const before = retained();
    let peak = before;
    const r = await collectX12(readX12Events(huge999(100_000), { check: { keepModels: false } }), {
      keepModels: false,
      onGroupAcknowledgement: (a) => heads.push({ functionalId: a.functionalId, groupControl: a.groupControl, version: a.version }),
      onSetResponse: (s, a) => {
        assert.equal(a.sets.length, 0, 'responses not kept with keepModels off');
        if (s.status === 'R') rejected++;
        if (count === 9) tenth = s;
        last = s;
        if (++count % 25_000 === 0) peak = Math.max(peak, retained());
      },
      onSet: (_v, m) => {
        const [a] = m.acknowledgements;
        assert.deepEqual([a.status, a.included, a.received, a.accepted, a.sets.length], ['P', 100_000, 100_000, 90_000, 0], 'AK9 filled in by the end of the set');
      },
    });
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.acknowledgements, [], 'nothing kept with keepModels off');
    assert.deepEqual(heads, [{ functionalId: 'HC', groupControl: '1', version: '005010X222A1' }]);
    assert.equal(count, 100_000);
    assert.equal(rejected, 10_000);
    assert.deepEqual(tenth, { type: '837', control: '0010', status: 'R', codes: ['5'], errors: [{ segmentId: 'NM1', position: 17, code: '8', loop: '2010BA', elements: [{ position: '9', code: '7', reference: '67', value: 'ZZ' }] }], implementation: '005010X222A1' });
    assert.deepEqual(last, { type: '837', control: '100000', status: 'R', codes: ['5'], errors: [{ segmentId: 'NM1', position: 17, code: '8', loop: '2010BA', elements: [{ position: '9', code: '7', reference: '67', value: 'ZZ' }] }], implementation: '005010X222A1' });
    t.diagnostic(`live memory grew ${((peak - before) / MB).toFixed(1)} MB`);
    assert.ok(peak - before < 16 * MB, `live memory grew by ${((peak - before) / MB).toFixed(1)} MB`);
  });

  test('the same 999 read whole keeps every set response in its acknowledgement, in file order', async () => {
    const r = await collectX12(readX12Events(huge999(300), { check: { keepModels: true } }), {});
    assert.deepEqual(r.errors, []);
    assert.equal(r.acknowledgements.length, 1);
    const [a] = r.acknowledgements;
    assert.deepEqual(Object.keys(a), ['type', 'functionalId', 'groupControl', 'sets', 'status', 'included', 'received', 'accepted', 'groupCodes', 'version']);
    assert.deepEqual([a.status, a.included, a.accepted, a.sets.length], ['P', 300, 270, 300]);
    assert.deepEqual(a.sets.slice(8, 11).map((s) => [s.control, s.status, s.errors.length]), [['0009', 'A', 0], ['0010', 'R', 1], ['0011', 'A', 0]]);
  });

  test('read --json of the 100,000-set 999 is printed as it is read: the same object as the whole read, memory bounded', async (t) => {
    const whole = toReadJson(await collectX12(readX12Events(huge999(2_000), { check: { keepModels: true } }), {}));
    let text = '';
    const small = new ReadJsonWriter((s) => { text += s; });
    const wire = (writer: ReadJsonWriter): ReadX12Options => ({
      keepModels: false,
      onAcknowledgement: (a) => writer.acknowledgement(a),
      onGroupAcknowledgement: (a) => writer.groupAcknowledgement(a),
      onSetResponse: (s, a) => writer.setResponse(s, a),
      onSet: (_v, m) => writer.setEnd(m),
    });
    small.finish(await collectX12(readX12Events(huge999(2_000), { check: { keepModels: false } }), wire(small)));
    assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(whole)));

    // the big one: printed text is only counted, and must already be out before the set ends
    let printed = 0;
    let lines = 0;
    let printedAtSetEnd = 0;
    const big = new ReadJsonWriter((s) => {
      printed += s.length;
      for (let k = s.indexOf('\n'); k >= 0; k = s.indexOf('\n', k + 1)) lines++;
    });
    const before = retained();
    let peak = before;
    let responses = 0;
    const options = wire(big);
    const r = await collectX12(readX12Events(huge999(100_000), { check: { keepModels: false } }), {
      ...options,
      onSetResponse: (s, a) => {
        options.onSetResponse?.(s, a);
        if (++responses % 25_000 === 0) peak = Math.max(peak, retained());
      },
      onSet: (v, m) => {
        printedAtSetEnd = printed;
        options.onSet?.(v, m);
      },
    });
    big.finish(r);
    assert.ok(printedAtSetEnd > 100_000 * 50, `${printedAtSetEnd} characters printed before the set ended`);
    assert.ok(lines > 100_000, `${lines} lines: one per set response`);
    t.diagnostic(`${(printed / MB).toFixed(1)} MB of JSON printed, live memory grew ${((peak - before) / MB).toFixed(1)} MB`);
    assert.ok(peak - before < 16 * MB, `live memory grew by ${((peak - before) / MB).toFixed(1)} MB`);
  });

  test('a huge remittance out of balance is reported at its BPR02, though the claims before it are long gone', async () => {
    const { r } = await readMeasured(huge835(20_000, undefined, 1234.5));
    assert.deepEqual(r.errors.map((e) => [e.code, e.position.segmentId, e.position.segmentInSet, e.position.element, e.position.offset]), [['remittance-out-of-balance', 'BPR', 2, 2, ISA.length + 'GS*HP*PAYER*ALLIED*20240105*1200*1*X*005010X221A1~\nST*835*0001*005010X221A1~\n'.length]]);
    assert.match(r.errors[0].message, /BPR02 payment 1234\.50 does not equal claim payments minus provider adjustments \(1900000\.00\)/);
  });

  test('a wrong SE01 on a huge set is still reported with the real count', async () => {
    const { r } = await readMeasured(huge835(5_000, 12));
    const mismatch = r.errors.find((e) => e.code === 'count-mismatch');
    assert.ok(mismatch, JSON.stringify(r.errors.slice(0, 3)));
    assert.match(mismatch.message, new RegExp(`SE01 says 12 segments but the set has ${8 + 5_000 * 11 + 1}`));
    assert.equal(mismatch.position.segmentId, 'SE');
  });
});

describe('a reader that prints as it reads can make reading wait', () => {
  test('pause is awaited between batches, and its rejection ends the read with it', async () => {
    let pauses = 0;
    let statuses = 0;
    let waiting = false;
    const r = await collectX12(readX12Events(huge277ca(5_000), { check: { keepModels: false } }), {
      keepModels: false,
      onClaimStatus: () => {
        assert.equal(waiting, false, 'no event while a pause is pending');
        statuses++;
      },
      pause: () => {
        pauses++;
        waiting = true;
        return new Promise((resolve) => setImmediate(() => { waiting = false; resolve(); }));
      },
    });
    assert.deepEqual(r.errors, []);
    assert.equal(statuses, 5_002);
    assert.ok(pauses > 1, `${pauses} pauses`);
    const gone = new Error('output closed');
    await assert.rejects(collectX12(readX12Events(huge277ca(5_000), { check: { keepModels: false } }), { keepModels: false, pause: () => Promise.reject(gone) }), gone);
  });
});

const CORPUS = new URL('../../../../shared/x12-corpus/', import.meta.url);

describe('claim ids of a huge set, kept as hashes', () => {
  test('every repeat is found and 300,000 different ids give no false repeat', () => {
    const ids = new IdSet();
    for (let i = 0; i < 300_000; i++) assert.equal(ids.addIsNew(`CLM${i}`), true);
    for (const id of ['CLM0', 'CLM299999', 'CLM150000']) assert.equal(ids.addIsNew(id), false, id);
    assert.equal(ids.addIsNew('CLM300000'), true);
    assert.equal(ids.addIsNew(''), true);
    assert.equal(ids.addIsNew(''), false);
  });
});

describe('read --json printed while reading', () => {
  const path = (name: string): string => new URL(name, CORPUS).pathname;
  const files = ['835', '837P', '837I', '999', '277CA', '277', '270', '271', 'edge'].flatMap((folder) => readdirSync(path(`${folder}/`)).map((f) => `${folder}/${f}`));
  // pyx12's expected acknowledgements carry TA1s
  files.push(...readdirSync(path('expected/')).filter((f) => f.startsWith('pyx12__') && f.endsWith('.expected997.txt')).map((f) => `expected/${f}`));

  test('gives the same object as the whole-file contract for every corpus file', async () => {
    for (const name of files) {
      const whole = toReadJson(await readX12File(path(name), { tolerant: true }));
      let text = '';
      const writer = new ReadJsonWriter((t) => { text += t; });
      const r = await readX12File(path(name), {
        tolerant: true,
        keepModels: false,
        onClaim: (c) => writer.claim(c),
        onRemittance: (m) => writer.remittance(m),
        onClaimPayment: (c, m) => writer.payment(c, m),
        onClaimStatus: (c) => writer.claimStatus(c),
        onEligibility: (e) => writer.eligibilityEntry(e),
        onSet: (_v, m) => writer.setEnd(m),
        onAcknowledgement: (a) => writer.acknowledgement(a),
        onGroupAcknowledgement: (a) => writer.groupAcknowledgement(a),
        onSetResponse: (s, a) => writer.setResponse(s, a),
      });
      writer.finish(r);
      assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(whole)), name);
      if (name.includes('trailer_errors.expected997')) assert.ok(whole.acknowledgements.some((a) => a.type === 'TA1' && a.status === 'R'), 'the TA1 is listed');
    }
  });
});
