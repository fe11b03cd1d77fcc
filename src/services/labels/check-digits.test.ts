import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dammCheckDigit, dammTable, dammValid, mod97CheckDigits, mod97Remainder, mod97Valid } from './check-digits.js';

test('MOD 97-10 matches published vectors (ISO 7064 example, an IBAN)', () => {
  assert.equal(mod97CheckDigits('794'), '44');
  assert.equal(mod97Valid('79444'), true);
  // GB82 WEST 1234 5698 7654 32, rearranged as IBAN validation does: remainder 1.
  assert.equal(mod97Remainder('WEST12345698765432GB82'), 1);
  assert.equal(mod97Remainder('WEST12345698765432GB83'), 2);
});

test('Damm matches the published example 572 -> 4', () => {
  assert.equal(dammCheckDigit('572'), '4');
  assert.equal(dammValid('5724'), true);
  assert.equal(dammValid('5274'), false);
});

test('MOD 97-10: every substitution and adjacent swap moves the remainder, at every position up to 20', () => {
  // A change of value a->b at power 10^k shifts the remainder by (b-a)*10^k; a swap of neighbours a,b
  // by (a-b)*9*10^k; letters occupy two decimal places, so their swap shifts by (a-b)*99*10^k.
  let pow = 1;
  for (let k = 0; k < 20; k++) {
    for (let a = 0; a <= 35; a++) {
      for (let b = 0; b <= 35; b++) {
        if (a === b) continue;
        assert.notEqual((((b - a) * pow) % 97 + 97) % 97, 0, `substitution ${a}->${b} at 10^${k}`);
        if (a < 10 && b < 10) assert.notEqual((((a - b) * 9 * pow) % 97 + 97) % 97, 0, `swap ${a}${b} at 10^${k}`);
        if (a >= 10 && b >= 10) assert.notEqual((((a - b) * 99 * pow) % 97 + 97) % 97, 0, `swap letters ${a}${b} at 10^${k}`);
      }
    }
    pow = (pow * 10) % 97;
  }
});

test('Damm table is a weakly totally anti-symmetric quasigroup (so it catches every single error and adjacent swap)', () => {
  for (let i = 0; i < 10; i++) {
    assert.equal(dammTable[i][i], 0, 'zero diagonal');
    assert.equal(new Set(dammTable[i]).size, 10, `row ${i} is a permutation`);
    assert.equal(new Set(dammTable.map((r) => r[i])).size, 10, `column ${i} is a permutation`);
  }
  for (let c = 0; c < 10; c++) {
    for (let x = 0; x < 10; x++) {
      for (let y = 0; y < 10; y++) {
        if (x !== y) assert.notEqual(dammTable[dammTable[c][x]][y], dammTable[dammTable[c][y]][x], `(${c}*${x})*${y}`);
      }
    }
  }
});

test('check-digit functions refuse characters outside their alphabet', () => {
  assert.throws(() => mod97CheckDigits('A-1'), RangeError);
  assert.throws(() => dammCheckDigit('12a'), RangeError);
  assert.equal(mod97Valid('a2500'), false);
  assert.equal(dammValid(''), false);
});
