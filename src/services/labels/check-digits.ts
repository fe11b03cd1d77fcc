/*
 * Check-digit systems for specimen identifiers.
 *
 * ISO 7064 MOD 97-10 (the IBAN system; letters count as two digits, A=10 ... Z=35) protects the
 * accession number, prefix letters included. Because 97 is prime and 10 is a unit modulo 97, a
 * substituted character changes the remainder by (a-b)*10^k != 0 (mod 97) and an adjacent swap by
 * (a-b)*9*10^k != 0 (mod 97), so every single substitution and adjacent transposition is caught.
 *
 * The Damm algorithm (H. M. Damm, 2004) gives one decimal digit for the tube suffix. Its table is a
 * weakly totally anti-symmetric quasigroup of order 10, which is exactly the condition for catching
 * every single-digit error and every adjacent transposition; check-digits.test.ts verifies the
 * table has that property rather than trusting it.
 */

/** Value of one character in MOD 97-10: digits as themselves, A..Z as 10..35. */
function charValue(ch: string): number {
  const c = ch.charCodeAt(0);
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 90) return c - 55;
  throw new RangeError(`MOD 97-10 accepts 0-9 and A-Z only, not ${JSON.stringify(ch)}`);
}

/** Remainder modulo 97 of the number the text spells (letters expanded to two digits). */
export function mod97Remainder(text: string): number {
  let r = 0;
  for (const ch of text) {
    const v = charValue(ch);
    r = v < 10 ? (r * 10 + v) % 97 : (r * 100 + v) % 97;
  }
  return r;
}

/** The two check digits to append to `body` (ISO 7064 MOD 97-10: 98 - (body * 100 mod 97)). */
export function mod97CheckDigits(body: string): string {
  const check = 98 - ((mod97Remainder(body) * 100) % 97);
  return String(check).padStart(2, '0');
}

/** True when `text` (body + two check digits) leaves remainder 1 modulo 97. */
export function mod97Valid(text: string): boolean {
  return /^[0-9A-Z]*[0-9]{2}$/.test(text) && mod97Remainder(text) === 1;
}

/** Damm's operation table: row = interim digit, column = next digit; zero diagonal. */
export const dammTable: readonly (readonly number[])[] = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

function dammInterim(digits: string): number {
  if (!/^[0-9]*$/.test(digits)) throw new RangeError(`Damm accepts digits only, not ${JSON.stringify(digits)}`);
  let interim = 0;
  for (const ch of digits) interim = dammTable[interim][ch.charCodeAt(0) - 48];
  return interim;
}

/** The Damm check digit for a string of decimal digits. */
export function dammCheckDigit(digits: string): string {
  return String(dammInterim(digits));
}

/** True when the digits (check digit last) reduce to 0 through the Damm table. */
export function dammValid(digitsWithCheck: string): boolean {
  return /^[0-9]+$/.test(digitsWithCheck) && dammInterim(digitsWithCheck) === 0;
}
