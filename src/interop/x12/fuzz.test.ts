import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { readX12 } from './index.js';

const CORPUS = new URL('../../../../shared/x12-corpus/', import.meta.url);
const SEEDS = ['837P/stupidedi__ambulance.edi', '835/stupidedi__multiple-claims-single-check.edi', '999/stupidedi__response-to-functional-group-containing-3-837s.edi', '271/stupidedi__response-to-generic-request-by-physician-for-patient-_dependent_-eligibility.edi', '277CA/imsweb__x12_277CA_rejected.txt', '837I/stupidedi__two-claims-for-the-same-provider.edi'].map((f) => readFileSync(new URL(f, CORPUS)));

// bytes that matter to X12: delimiters, digits, letters, line breaks, NUL, high bytes
const interesting = fc.constantFrom(0x2a, 0x7e, 0x3a, 0x5e, 0x0a, 0x0d, 0x00, 0x1d, 0x20, 0x30, 0x39, 0x41, 0x5a, 0xff, 0xe2);
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), byte: fc.oneof(interesting, fc.integer({ min: 0, max: 255 })) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), byte: interesting }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function mutate(seed: Buffer, ms: { kind: string; at: number; byte?: number; length?: number }[]): Buffer {
  let b = Buffer.from(seed);
  for (const m of ms) {
    const at = m.at % Math.max(1, b.length);
    if (m.kind === 'set') b[at] = m.byte as number;
    else if (m.kind === 'delete') b = Buffer.concat([b.subarray(0, at), b.subarray(at + (m.length as number))]);
    else if (m.kind === 'insert') b = Buffer.concat([b.subarray(0, at), Buffer.from([m.byte as number]), b.subarray(at)]);
    else b = b.subarray(0, at);
  }
  return b;
}

test('property: byte mutations of corpus files never crash or hang, and every problem is positioned', async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: SEEDS.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean(), async (seed, ms, tolerant) => {
      const bytes = mutate(SEEDS[seed], ms);
      const started = Date.now();
      const r = await readX12(bytes, { tolerant });
      assert.ok(Date.now() - started < 2000, 'read took too long');
      for (const issue of [...r.errors, ...r.warnings]) {
        assert.ok(issue.message.length > 0);
        assert.ok(Number.isInteger(issue.position.offset) && issue.position.offset >= 0 && issue.position.offset <= bytes.length);
        assert.ok(Number.isInteger(issue.position.segment));
      }
      // a file that changed in a way that matters is either still clean or says where it broke
      if (r.errors.length === 0) assert.ok(r.transactionSets > 0);
    }),
    { numRuns: 400 },
  );
});
