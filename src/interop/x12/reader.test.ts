import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readX12 } from './index.js';
import { write837 } from './writer/write837.js';
import { sampleClaim } from './writer/sample.js';

const base = write837([sampleClaim('R1'), sampleClaim('R2')], { senderId: 'S', receiverId: 'R', interchangeControl: 7, groupControl: 7, contact: { name: 'BILLING', phone: '5555551212' }, date: new Date('2024-01-05T12:00:00Z') });
/** The same interchange with other separators: element, component, repetition and segment terminator replaced. */
function withDelimiters(element: string, component: string, repetition: string, terminator: string): string {
  return base.replace(/[*:^~]/g, (c) => ({ '*': element, ':': component, '^': repetition, '~': terminator })[c] as string);
}

describe('delimiters come from the ISA', () => {
  const cases: [string, string, string, string, string][] = [
    ['default ~', '*', ':', '^', '~'],
    ['terminator then CRLF', '*', ':', '^', '~\r\n'],
    ['terminator then LF', '*', ':', '^', '~\n'],
    ['newline only', '*', ':', '^', '\n'],
    ['CRLF only', '*', ':', '^', '\r\n'],
    ['0x1D group separator', '\x1c', '\x1f', '\x1e', '\x1d'],
    ['pipe and caret', '|', '>', '!', "'"],
  ];
  for (const [label, e, c, r, t] of cases) {
    test(label, async () => {
      const result = await readX12(withDelimiters(e, c, r, t));
      assert.deepEqual(result.errors, []);
      assert.equal(result.claims.length, 2);
      assert.equal(result.delimiters?.element, e);
      assert.equal(result.delimiters?.component, c);
      assert.deepEqual(result.claims[0].serviceLines[1].procedure.modifiers, ['59']);
    });
  }

  test('UTF-8 byte-order mark is skipped and offsets still count it', async () => {
    const r = await readX12(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(base)]));
    assert.deepEqual(r.errors, []);
    assert.equal(r.claims.length, 2);
  });

  test('UTF-16 is refused in strict mode with a clear error and decoded in tolerant mode', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(base, 'utf16le')]);
    const strict = await readX12(utf16);
    assert.equal(strict.errors[0].code, 'utf16-input');
    assert.match(strict.errors[0].message, /UTF-16/);
    const tolerant = await readX12(utf16, { tolerant: true });
    assert.deepEqual(tolerant.errors, []);
    assert.equal(tolerant.claims.length, 2);
  });

  test('bare ST..SE without an envelope: rejected strict, read tolerant with a warning', async () => {
    const bare = base.slice(base.indexOf('ST*'), base.indexOf('GE*'));
    const strict = await readX12(bare);
    assert.equal(strict.errors[0].code, 'no-interchange-header');
    const tolerant = await readX12(bare, { tolerant: true });
    assert.deepEqual(tolerant.errors, []);
    assert.ok(tolerant.warnings.some((w) => w.code === 'bare-transaction-set'));
    assert.equal(tolerant.claims.length, 2);
  });

  test('several interchanges in one file, any chunking', async () => {
    const two = base + '\n' + base.replace(/000000007/g, '000000008');
    const bytes = Buffer.from(two);
    for (const size of [1, 3, 106, 4096]) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      const { collectX12 } = await import('./document.js');
      const { readX12Events } = await import('./reader.js');
      const r = await collectX12(readX12Events(chunks));
      assert.equal(r.interchanges, 2, `chunk ${size}`);
      assert.equal(r.claims.length, 4);
      assert.deepEqual(r.errors, []);
    }
  });
});

describe('envelope checks', () => {
  test('SE01 count, SE02/ST02, GE, IEA mismatches are reported with positions', async () => {
    const broken = base.replace(/SE\*\d+\*0001/, 'SE*3*0002').replace('GE*1*7', 'GE*2*8').replace('IEA*1*000000007', 'IEA*2*000000009');
    const r = await readX12(broken);
    const found = r.errors.map((e) => `${e.code}:${e.position.segmentId}${e.position.element}`).sort();
    assert.deepEqual(found, ['control-number-mismatch:GE2', 'control-number-mismatch:IEA2', 'control-number-mismatch:SE2', 'count-mismatch:GE1', 'count-mismatch:IEA1', 'count-mismatch:SE1']);
    const se = r.errors.find((e) => e.position.segmentId === 'SE');
    assert.equal(se?.position.set, '0001');
    assert.equal(se?.position.interchange, '000000007');
    assert.equal(base.slice(se?.position.offset, (se?.position.offset ?? 0) + 3), 'SE*');
  });

  test('HL numbering and parent links', async () => {
    const r = await readX12(base.replace('HL*2*1*22*0', 'HL*3*5*22*0'));
    assert.deepEqual(r.errors.map((e) => e.code).sort(), ['hl-parent', 'hl-sequence']);
  });

  test('a truncated file reports its missing trailers', async () => {
    const r = await readX12(base.slice(0, base.indexOf('SE*')));
    const trailers = r.errors.filter((e) => e.code === 'missing-trailer').map((e) => e.message);
    assert.equal(trailers.length, 3, trailers.join('\n'));
    assert.match(trailers.join(' '), /no SE trailer.*no GE trailer.*no IEA trailer/);
  });

  test('text before the ISA is skipped with a warning', async () => {
    const r = await readX12(`Batch from clearinghouse, 3 claims\r\n${base}`);
    assert.deepEqual(r.errors, []);
    assert.equal(r.warnings[0].code, 'text-before-isa');
  });
});

describe('problems found while splitting segments are placed like any other', () => {
  const corpus = (name: string): string => readFileSync(new URL(`../../../../shared/x12-corpus/${name}`, import.meta.url), 'latin1');
  const where = (p: { interchange?: string; group?: string; set?: string; segmentInSet?: number; segment: number; offset: number; segmentId: string; element?: number }): unknown[] => [p.interchange, p.group, p.set, p.segmentInSet, p.segment, p.offset, p.segmentId, p.element];

  test('a bad segment id in a 999 and a trailing separator in a 277CA name their interchange, group, set and segment', async () => {
    const ack = corpus('999/imsweb__x12_999_accepted.txt').replace('IK5*A~', 'I?5*A~');
    const bad = (await readX12(ack)).errors.find((e) => e.code === 'bad-segment-id');
    assert.ok(bad);
    assert.deepEqual(where(bad.position), ['000000286', '1', '0001', 4, 6, ack.indexOf('I?5'), 'I?5', undefined]);
    const status = corpus('277CA/imsweb__x12_277CA_accepted.txt').replace('QTY*90*1~', 'QTY*90*1*~');
    const trailing = (await readX12(status)).warnings.find((w) => w.code === 'trailing-separator');
    assert.ok(trailing);
    assert.deepEqual(where(trailing.position), ['000014420', '14420', '000014420', 12, 14, status.indexOf('QTY*90'), 'QTY', 3]);
  });

  test('a 271 cut off inside a segment: the unterminated segment is counted once, in its set', async () => {
    const text = corpus('271/imsweb__x271.txt');
    const cut = text.slice(0, text.indexOf('DMG*D8') + 10);
    const r = await readX12(cut);
    const last = r.warnings.find((w) => w.message.includes('no segment terminator'));
    assert.ok(last, JSON.stringify(r.warnings));
    assert.deepEqual(where(last.position), ['000003438', '14420', '4321', 12, 14, text.indexOf('DMG*D8'), 'DMG', undefined]);
    const setEnd = r.errors.find((e) => e.message.includes('no SE trailer'));
    assert.equal(setEnd?.position.segment, 14, 'the same segment number the trailer problems give');
  });
});
