/**
 * National Provider Identifier check digit (CMS NPI standard): the Luhn formula over the
 * card-issuer prefix 80840 followed by the first 9 digits of the NPI.
 */

const NPI_PREFIX = '80840';

/** The Luhn check digit for a string of digits (the digit to append). */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  // Double every second digit counting leftwards from the rightmost digit of the payload.
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** A full 10-digit NPI from its first 9 digits. */
export function npiFromBase(base9: string): string {
  if (!/^\d{9}$/.test(base9)) throw new Error(`NPI base must be 9 digits, got "${base9}"`);
  return base9 + String(luhnCheckDigit(NPI_PREFIX + base9));
}

/** True when the string is 10 digits, starts with 1 or 2 and its check digit is right. */
export function isValidNpi(npi: string): boolean {
  return /^[12]\d{9}$/.test(npi) && luhnCheckDigit(NPI_PREFIX + npi.slice(0, 9)) === Number(npi[9]);
}
