import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { readX12, readX12File, type X12ReadResult } from './index.js';
import { readX12Events } from './reader.js';
import { validateSet } from './validate.js';
import { findLoops } from './schema/index.js';

export const CORPUS = new URL('../../../../shared/x12-corpus/', import.meta.url);
const path = (name: string): string => new URL(name, CORPUS).pathname;
const codes = (r: X12ReadResult): string[] => [...new Set(r.errors.map((e) => e.code))].sort();

const VALID_FOLDERS = ['837P', '837I', '835', '999', '277CA', '277', '270', '271'];

/**
 * Files the sources call valid that break rules the 5010 guides state. Strict mode reports exactly
 * these defects; tolerant mode reads the bookkeeping ones (counts, control numbers, HL numbering,
 * totals, a missing trailer) as warnings. Structural departures from the TR3 stay errors.
 */
const KNOWN_DEFECTS: Record<string, { strict: string[]; tolerant: string[] }> = {
  '270/imsweb__x270.txt': { strict: ['control-number-mismatch', 'count-mismatch'], tolerant: [] },
  '271/imsweb__x271.txt': { strict: ['control-number-mismatch', 'count-mismatch'], tolerant: [] },
  '271/nodex12__271.edi': { strict: ['missing-trailer'], tolerant: [] },
  '277/imsweb__x12_277_x212.txt': { strict: ['control-number-mismatch'], tolerant: [] },
  '999/imsweb__x12_999_accepted.txt': { strict: ['control-number-mismatch'], tolerant: [] },
  '837P/imsweb__x12_ambiguous_loop.txt': { strict: ['claim-out-of-balance', 'count-mismatch'], tolerant: [] },
  '837P/imsweb__x12_no_errors.txt': { strict: ['claim-out-of-balance', 'count-mismatch', 'hl-sequence'], tolerant: [] },
  '837P/imsweb__x12_valid.txt': { strict: ['claim-out-of-balance', 'count-mismatch', 'hl-parent', 'hl-sequence'], tolerant: [] },
  '837P/imsweb__x12_writer_test.txt': { strict: ['claim-out-of-balance', 'count-mismatch'], tolerant: [] },
  // NM1*DN (2330C) without its required REF; HL numbering restarts
  '837P/imsweb__x12_complex.txt': { strict: ['claim-out-of-balance', 'count-mismatch', 'hl-parent', 'hl-sequence', 'missing-segment'], tolerant: ['missing-segment'] },
  // NM1*77 after the 2320 loops lands in 2330F without REF; DTP*304 is not a 2400 date in 837I
  '837I/imsweb__x223-test.txt': { strict: ['claim-out-of-balance', 'count-mismatch', 'missing-segment', 'segment-repeat'], tolerant: ['missing-segment', 'segment-repeat'] },
};

describe('valid corpus files', () => {
  for (const folder of VALID_FOLDERS) {
    for (const file of readdirSync(path(`${folder}/`))) {
      const name = `${folder}/${file}`;
      test(`${name} reads clean (or with only its documented defects)`, async () => {
        const strict = await readX12File(path(name));
        const tolerant = await readX12File(path(name), { tolerant: true });
        const known = KNOWN_DEFECTS[name];
        assert.deepEqual(codes(strict), known?.strict ?? [], strict.errors.map((e) => e.message).join('\n'));
        assert.deepEqual(codes(tolerant), known?.tolerant ?? []);
        assert.ok(strict.transactionSets >= 1);
        for (const e of strict.errors) assert.ok(e.position.offset >= 0 && e.position.segmentId !== undefined);
      });
    }
  }
});

describe('what the sources say the files contain', () => {
  test('835 totals: every remittance balances and claim amounts are numbers from the file', async () => {
    for (const file of readdirSync(path('835/'))) {
      const r = await readX12File(path(`835/${file}`));
      for (const m of r.remittances) {
        const paid = m.claims.reduce((t, c) => t + c.paidAmount, 0) - m.providerAdjustments.reduce((t, a) => t + a.amount, 0);
        assert.equal(Math.round(paid * 100), Math.round(m.paymentAmount * 100), file);
      }
    }
  });

  test('pyx12 835_mult_loops: 3 service lines, all denied, CO*16 and OA*A7', async () => {
    const r = await readX12File(path('835/pyx12__835_mult_loops.txt'));
    const lines = r.remittances.flatMap((m) => m.claims).flatMap((c) => { assert.equal(c.status, '4'); assert.equal(c.paidAmount, 0); return c.serviceLines; });
    assert.equal(lines.length, 3);
    const reasons = r.remittances[0].claims.flatMap((c) => [...c.adjustments, ...c.serviceLines.flatMap((l) => l.adjustments)]).map((a) => `${a.group}*${a.reason}`);
    assert.ok(reasons.includes('CO*16') && reasons.includes('OA*A7'), reasons.join(','));
  });

  test('imsweb 837P: two subscribers with a claim each; a reused CLM01 is flagged; different separators parse alike', async () => {
    const a = await readX12File(path('837P/imsweb__x12_no_errors.txt'));
    // the file (unlike its source's note) sends A37YH556 twice
    assert.deepEqual(a.claims.map((c) => c.id), ['A37YH556', 'A37YH556']);
    assert.ok(a.warnings.some((w) => w.code === 'duplicate-claim-id'));
    assert.deepEqual((await readX12File(path('837P/imsweb__x12_valid.txt'))).claims.map((c) => c.id), ['A37YH556', 'A37YH667']);
    const valid = await readX12File(path('837P/imsweb__x12_valid.txt'));
    const other = await readX12File(path('edge/imsweb__x12_valid_different_separators.txt'));
    assert.deepEqual(other.delimiters, { element: '~', component: '^', repetition: '', segment: '_' });
    assert.deepEqual(other.claims, valid.claims);
  });

  test('ambiguous NM1 lands in 2420A (rendering provider of the line), not 2330D or 2310B', async () => {
    for await (const e of readX12Events([readFileSync(path('837P/imsweb__x12_ambiguous_loop.txt'))])) {
      if (e.type !== 'set') continue;
      const tree = validateSet(e.set).tree;
      assert.ok(tree);
      const loops = findLoops(tree, '2420A');
      assert.equal(loops.length, 1);
      assert.equal(loops[0].segments[0].elements[3], 'PERSON');
      assert.equal(findLoops(tree, '2330D').length + findLoops(tree, '2310B').length, 0);
    }
  });

  test('837I with two 2320 loops (SBR S and T), each with 2330A and 2330B', async () => {
    for await (const e of readX12Events([readFileSync(path('837I/imsweb__x223-test.txt'))])) {
      if (e.type !== 'set') continue;
      const tree = validateSet(e.set).tree;
      assert.ok(tree);
      const others = findLoops(tree, '2320');
      assert.deepEqual(others.map((l) => l.segments[0].elements[1]), ['S', 'T']);
      for (const o of others) assert.deepEqual(o.children.slice(0, 2).map((c) => c.id), ['2330A', '2330B']);
    }
  });

  test('277CA accepted and rejected claim statuses', async () => {
    const ok = await readX12File(path('277CA/imsweb__x12_277CA_accepted.txt'));
    const claim = ok.claimStatuses.find((s) => s.level === 'claim');
    assert.deepEqual([claim?.statuses[0].category, claim?.statuses[0].code], ['A2', '20']);
    assert.ok(ok.claimStatuses.some((s) => s.level === 'provider' && s.traceNumber === '1107000000000135FF'));
    const bad = await readX12File(path('277CA/imsweb__x12_277CA_rejected.txt'));
    assert.deepEqual(bad.claimStatuses.find((s) => s.level === 'claim')?.statuses[0], { category: 'A7', code: '562', entity: '85' });
  });

  test('999 accepted and rejected', async () => {
    assert.equal((await readX12File(path('999/imsweb__x12_999_accepted.txt'))).acknowledgements[0].sets[0].status, 'A');
    assert.equal((await readX12File(path('999/imsweb__x12_999_rejected.txt'))).acknowledgements[0].sets[0].status, 'R');
    const three = await readX12File(path('999/stupidedi__response-to-functional-group-containing-3-837s.edi'));
    assert.equal(three.acknowledgements[0].sets.length, 3);
  });

  test('270 asks about EQ 30; 271 AAA rejection and benefits', async () => {
    // imsweb's 270 is a 4010 (004010X092A1) file: envelope-checked only, with a warning saying so
    assert.ok((await readX12File(path('270/imsweb__x270.txt'))).warnings.some((w) => w.code === 'non-5010-version'));
    assert.deepEqual((await readX12File(path('270/stupidedi__generic-request-by-clinic-for-patient-_subscriber_-eligibility.edi'))).eligibility[0].serviceTypes, ['30']);
    const rejected = await readX12File(path('271/stupidedi__error-response-from-payer-to-clinic-not-eligible-for-inquiries-with-payer.edi'));
    assert.ok(rejected.eligibility[0].rejections.length > 0);
    const benefits = await readX12File(path('271/imsweb__x271.txt'), { tolerant: true });
    assert.ok(benefits.eligibility[0].benefits.length > 0);
  });
});

describe('edge files', () => {
  const expectedSegments = JSON.parse(readFileSync(path('expected/tastypackets__profee-done.json'), 'utf8')) as Record<string, string>[];
  const asTastypackets = (elements: string[], component: string): Record<string, string> => {
    const out: Record<string, string> = {};
    elements.slice(1).forEach((v, i) => {
      const parts = elements[0] === 'ISA' ? [v] : v.split(component);
      out[String(i + 1)] = parts[0];
      parts.slice(1).forEach((p, j) => { out[`${i + 1}-${j + 1}`] = p; });
    });
    out.name = elements[0];
    return out;
  };
  const segmentsOf = async (bytes: Buffer, chunk: number): Promise<Record<string, string>[]> => {
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += chunk) chunks.push(bytes.subarray(i, i + chunk));
    const out: Record<string, string>[] = [];
    for await (const e of readX12Events(chunks)) {
      if (e.type !== 'set') continue;
      const d = e.set.interchange.delimiters;
      out.push(...e.set.segments.map((s) => asTastypackets(s.elements, d.component)));
    }
    return out;
  };

  test('tastypackets profee: CRLF, one line, newline terminators and 291-byte chunks give the same segments', async () => {
    const inner = expectedSegments.filter((s) => !['ISA', 'GS', 'GE', 'IEA'].includes(s.name));
    for (const [file, chunk] of [['835/tastypackets__profee.edi', 291], ['edge/tastypackets__profee-one-line.edi', 1 << 20], ['edge/tastypackets__multi-line-not-delimited.edi', 7]] as const) {
      assert.deepEqual(await segmentsOf(readFileSync(path(file)), chunk), inner, file);
    }
    const many = await readX12File(path('edge/tastypackets__profee-multiple.edi'));
    assert.equal(many.interchanges, 156);
    assert.equal(many.errors.length, 0);
  });

  test('free text before the ISA is skipped with a warning; stupidedi separators are read from the ISA', async () => {
    const case1 = await readX12File(path('edge/stupidedi__X221_case_1.edi'));
    assert.deepEqual(case1.delimiters, { element: '+', component: '>', repetition: '~', segment: '\r' });
    assert.ok(case1.warnings.some((w) => w.code === 'text-before-isa'));
    assert.equal(case1.errors.length, 0);
    const x222 = await readX12File(path('edge/stupidedi__X222_case_1.edi'));
    assert.deepEqual([x222.delimiters?.element, x222.delimiters?.component, x222.delimiters?.repetition], ['*', ':', '^']);
  });

  test('damaged or missing ISA is refused with the reason', async () => {
    const bad = await readX12File(path('edge/imsweb__x12_bad_first_line.txt'));
    assert.deepEqual(codes(bad), ['isa-malformed']);
    assert.match(bad.errors[0].message, /ISA02 must be 10 characters/);
    const none = await readX12File(path('edge/imsweb__x12_no_isa_line.txt'));
    assert.deepEqual(codes(none), ['no-interchange-header']);
  });

  test('negative imsweb files are rejected for the reason their source gives', async () => {
    const expectations: Record<string, string[]> = {
      'imsweb__x12_bad_segment_identifier.txt': ['bad-segment-id'],
      'imsweb__x12_bad_valid_code.txt': ['unexpected-segment'],
      'imsweb__x12_loop_errors1_exceeds_max_1_parent.txt': ['loop-repeat'],
      'imsweb__x12_loop_errors2_exceeds_max_repeats_multiple_parents.txt': ['loop-repeat'],
      'imsweb__x12_loop_errors3_missing_loops.txt': ['missing-loop'],
      'imsweb__x12_missing_elements.txt': ['element-missing'],
      'imsweb__x12_missing_required_loop_in_one_repeat.txt': ['missing-loop'],
      'imsweb__x12_missing_required_loops_mult_repeats.txt': ['missing-loop'],
      'imsweb__x12_segment_errors.txt': ['missing-segment'],
      'imsweb__x12_segments_out_of_order.txt': ['segment-out-of-order'],
      'staedi__invalid999.edi': ['unexpected-segment'],
    };
    for (const [file, want] of Object.entries(expectations)) {
      const r = await readX12File(path(`edge/${file}`), { tolerant: true });
      for (const code of want) assert.ok(codes(r).includes(code), `${file}: ${codes(r).join(', ')}`);
    }
    const order = await readX12File(path('edge/imsweb__x12_segments_out_of_order.txt'));
    // the source: N4 in 2010AA and N3 in 2010AB are out of position
    assert.deepEqual(order.errors.filter((e) => e.code === 'segment-out-of-order').map((e) => `${e.position.segmentId}@${e.position.loop}`), ['N4@2010AA', 'N3@2010AB']);
  });

  test('every edge file reads (tolerant) or fails with a positioned error, never a crash', async () => {
    for (const file of readdirSync(path('edge/'))) {
      const r = await readX12File(path(`edge/${file}`), { tolerant: true });
      for (const e of [...r.errors, ...r.warnings]) {
        assert.ok(e.message.length > 10 && Number.isInteger(e.position.offset) && Number.isInteger(e.position.segment), `${file}: ${JSON.stringify(e)}`);
      }
      assert.ok(r.transactionSets > 0 || r.errors.length > 0, file);
    }
  });

  test('multi-envelope files: 312 interchanges, 2 groups per interchange, 3 997s', async () => {
    assert.equal((await readX12File(path('edge/imsweb__x12_multiple_transactions.txt'), { tolerant: true })).interchanges, 312);
    assert.equal((await readX12File(path('edge/imsweb__x12_multiple_gs.txt'), { tolerant: true })).groups, 3);
    assert.equal((await readX12File(path('edge/staedi__simple997-multiple-interchanges.edi'))).acknowledgements.length, 3);
  });

  test('80-column wrapped file and an ellipsis terminator', async () => {
    const wrapped = await readX12File(path('edge/staedi__ts210_80char.edi'));
    assert.equal(wrapped.transactionSets, 1);
    assert.ok(wrapped.warnings.some((w) => w.code === 'wrapped-lines'));
    const ellipsis = await readX12File(path('edge/staedi__ts214_ellipses_segterm.edi'));
    assert.equal(ellipsis.delimiters?.segment, Buffer.from('…', 'utf8').toString('latin1'));
    assert.equal(ellipsis.errors.length, 0);
  });

  test('in-memory and streamed reads agree', async () => {
    const bytes = readFileSync(path('edge/imsweb__x12_multiple_st.txt'));
    const a = await readX12(bytes, { tolerant: true });
    const b = await readX12File(path('edge/imsweb__x12_multiple_st.txt'), { tolerant: true });
    assert.deepEqual(a.claims, b.claims);
  });
});
