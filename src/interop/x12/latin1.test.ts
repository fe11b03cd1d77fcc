import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { latin1 } from './latin1.js';

test('latin1 gives what Buffer decodes, for every length and byte, inside a larger buffer', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 40 }), fc.nat(8), fc.nat(8), (bytes, before, after) => {
      const b = Buffer.concat([Buffer.alloc(before, 0x2a), bytes, Buffer.alloc(after, 0x7e)]);
      assert.equal(latin1(b, before, before + bytes.length), Buffer.from(bytes).toString('latin1'));
    }),
    { numRuns: 2000 },
  );
});
