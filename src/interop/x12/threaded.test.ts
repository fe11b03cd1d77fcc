import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { readX12File, type ReadX12Options, type X12ReadResult } from './index.js';
import { CORPUS } from './corpus.test.js';
import { remittance835 } from './test-remittance.js';

const corpus = (name: string): string => new URL(name, CORPUS).pathname;
const FOLDERS = ['837P', '837I', '835', '999', '277CA', '277', '270', '271', 'edge'];

const both = async (path: string, options: ReadX12Options = {}): Promise<[X12ReadResult, X12ReadResult]> => [
  await readX12File(path, { ...options, threads: 'never' }),
  await readX12File(path, { ...options, threads: 'always' }),
];

describe('a file split on a worker thread reads exactly as on one thread', () => {
  for (const folder of FOLDERS) {
    // the edge files both ways; the valid ones read the same either way, so strict is enough
    const modes = folder === 'edge' ? [false, true] : [false];
    test(`every ${folder} corpus file${folder === 'edge' ? ', strict and tolerant' : ''}: the same result, issues and positions included`, async () => {
      for (const file of readdirSync(corpus(`${folder}/`))) {
        for (const tolerant of modes) {
          const [one, two] = await both(corpus(`${folder}/${file}`), { tolerant });
          assert.deepEqual(two, one, `${folder}/${file} (${tolerant ? 'tolerant' : 'strict'})`);
        }
      }
    });
  }

  test('a 3 MB remittance with broken segments far into it: the same errors at the same segments and byte offsets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'x12-threads-'));
    try {
      // claim 4000 has a status that is no code, claim 17000 an impossible date; both well past the first chunks
      const text = remittance835(1, 20000, (_, i) => (i === 4000 ? { status: '9' } : i === 17000 ? { date: '20240231' } : {}));
      const file = join(dir, 'big.835');
      writeFileSync(file, text);
      const [one, two] = await both(file, { keepModels: false });
      assert.ok(text.length > 3_000_000);
      assert.deepEqual(two, one);
      assert.deepEqual(one.errors.map((e) => [e.code, e.position.segmentId, e.position.element]), [['element-invalid-code', 'CLP', 2], ['element-invalid-date', 'DTM', 2]]);
      assert.equal(one.errors[0].position.offset, text.indexOf('CLP*S1C4000*'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('property: corpus files with random byte mutations read the same on both paths', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'x12-threads-'));
    const seeds = ['835/stupidedi__era-sample.edi', '837P/imsweb__x12_writer_test.txt', 'edge/imsweb__x12_multiple_isa.txt', '999/imsweb__x12_999_accepted.txt'].map((f) => readFileSync(corpus(f)));
    try {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: seeds.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), fc.boolean(), async (seed, edits, tolerant) => {
          const bytes = Buffer.from(seeds[seed]);
          for (const [at, byte] of edits) bytes[at % bytes.length] = byte;
          const file = join(dir, 'mutated.x12');
          writeFileSync(file, bytes);
          const [one, two] = await both(file, { tolerant });
          assert.deepEqual(two, one);
        }),
        { numRuns: 60 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a reader that gives up part way (its claim handler throws) ends the read with that error, and the worker with it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'x12-threads-'));
    try {
      const file = join(dir, 'many.835');
      writeFileSync(file, readFileSync(corpus('835/stupidedi__multiple-claims-single-check.edi')));
      let seen = 0;
      await assert.rejects(
        readX12File(file, { threads: 'always', onClaimPayment: () => { if (++seen === 1) throw new Error('posting stopped'); } }),
        /posting stopped/,
      );
      assert.equal(seen, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('progress: both paths report the bytes read as they go, rising to the file size', async () => {
    const path = corpus('edge/imsweb__x12_many_claims.txt');
    const size = readFileSync(path).length;
    for (const threads of ['never', 'always'] as const) {
      const seen: [number, number][] = [];
      await readX12File(path, { threads, keepModels: false, onProgress: (read, total) => seen.push([read, total]) });
      assert.ok(seen.length > 0, threads);
      assert.ok(seen.every(([read, total], i) => total === size && read > 0 && (i === 0 || read >= seen[i - 1][0])), threads);
      assert.equal(seen[seen.length - 1][0], size, threads);
    }
  });

  test('a file that is not there fails the same way on both paths', async () => {
    for (const threads of ['never', 'always'] as const) {
      await assert.rejects(readX12File('/nonexistent/claims.837', { threads }), { code: 'ENOENT' });
    }
  });
});
