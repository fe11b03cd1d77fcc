import type { X12Delimiters } from './delimiters.js';
import type { Acknowledgement } from './models.js';
import { isValidDate, isValidTime } from './schema/elements.js';
import { el, type Segment } from './segment.js';

/** X12 TA1 interchange note codes (TA105) this engine reports, with the words a biller reads. */
export const TA1_NOTES: Record<string, string> = {
  '000': 'No error',
  '001': 'The interchange control numbers in the header (ISA13) and trailer (IEA02) do not match',
  '005': 'Invalid interchange ID qualifier for the sender (ISA05)',
  '006': 'Invalid interchange sender ID (ISA06)',
  '007': 'Invalid interchange ID qualifier for the receiver (ISA07)',
  '008': 'Invalid interchange receiver ID (ISA08)',
  '010': 'Invalid authorization information qualifier (ISA01)',
  '011': 'Invalid authorization information (ISA02)',
  '012': 'Invalid security information qualifier (ISA03)',
  '013': 'Invalid security information (ISA04)',
  '014': 'Invalid interchange date (ISA09)',
  '015': 'Invalid interchange time (ISA10)',
  '017': 'Invalid interchange version (ISA12)',
  '018': 'Invalid interchange control number (ISA13/IEA02)',
  '019': 'Invalid acknowledgment requested value (ISA14)',
  '020': 'Invalid test indicator (ISA15)',
  '021': 'Invalid number of included groups (IEA01)',
  '023': 'Improper (premature) end of file: the interchange has no IEA trailer',
  '024': 'Invalid interchange content',
  '026': 'Invalid data element separator',
  '027': 'Invalid component element separator (ISA16)',
};

/** Note codes that reject the whole interchange (TA104 R); the others are noted (TA104 E). */
const REJECTING = new Set(['005', '006', '007', '008', '010', '012', '014', '015', '017', '018', '019', '020', '023', '024', '026', '027']);

export function ta1Status(notes: readonly string[]): 'A' | 'E' | 'R' {
  if (notes.length === 0) return 'A';
  return notes.some((n) => REJECTING.has(n)) ? 'R' : 'E';
}

/** ISA05/ISA07 interchange ID qualifiers (X12 I05). */
const ID_QUALIFIERS = new Set(['01', '02', '03', '04', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20', '21', '22', '23', '24', '25', '26', '27', '28', '29', '30', '31', '32', '33', '34', 'NR', 'SA', 'SN', 'ZZ']);

const digits = (v: string, n: number): boolean => v.length === n && /^\d+$/.test(v);
const isAlnum = (c: string): boolean => /^[A-Za-z0-9]$/.test(c);

/** Problems with the ISA fields: [TA1 note code, element, what is wrong]. */
export function isaProblems(isa: Segment, d: X12Delimiters): [string, number, string][] {
  const out: [string, number, string][] = [];
  const v = (n: number): string => el(isa, n);
  if (!/^0[0-8]$/.test(v(1))) out.push(['010', 1, `ISA01 "${v(1)}" is not an authorization qualifier (00 none, 03 additional data; X12 allows 00-08)`]);
  if (v(1) === '03' && v(2).trim() === '') out.push(['011', 2, 'ISA02 is blank but ISA01 = 03 says authorization information is sent']);
  if (!['00', '01'].includes(v(3))) out.push(['012', 3, `ISA03 "${v(3)}" is not a security qualifier (00 or 01)`]);
  if (v(3) === '01' && v(4).trim() === '') out.push(['013', 4, 'ISA04 is blank but ISA03 = 01 says a password is sent']);
  if (!ID_QUALIFIERS.has(v(5))) out.push(['005', 5, `ISA05 "${v(5)}" is not an interchange ID qualifier (ZZ, 01, 14, 20, 27, 28, 29, 30, 33...)`]);
  if (v(6).trim() === '') out.push(['006', 6, 'ISA06 (sender ID) is blank']);
  if (!ID_QUALIFIERS.has(v(7))) out.push(['007', 7, `ISA07 "${v(7)}" is not an interchange ID qualifier (ZZ, 01, 14, 20, 27, 28, 29, 30, 33...)`]);
  if (v(8).trim() === '') out.push(['008', 8, 'ISA08 (receiver ID) is blank']);
  if (!digits(v(9), 6) || !isValidDate(`20${v(9)}`)) out.push(['014', 9, `ISA09 "${v(9)}" is not a YYMMDD date`]);
  if (!digits(v(10), 4) || !isValidTime(v(10))) out.push(['015', 10, `ISA10 "${v(10)}" is not an HHMM time`]);
  if (!digits(v(12), 5)) out.push(['017', 12, `ISA12 "${v(12)}" is not a 5-digit version number (00501)`]);
  if (!digits(v(13), 9)) out.push(['018', 13, `ISA13 "${v(13)}" is not a 9-digit interchange control number`]);
  if (!['0', '1'].includes(v(14))) out.push(['019', 14, `ISA14 "${v(14)}" must be 0 (no TA1 requested) or 1 (TA1 requested)`]);
  if (!['P', 'T'].includes(v(15))) out.push(['020', 15, `ISA15 "${v(15)}" must be P (production) or T (test)`]);
  if (isAlnum(d.element)) out.push(['026', 0, `the element separator "${d.element}" is a letter or digit, which can appear in data`]);
  const c = d.component;
  if (c.length !== 1 || isAlnum(c) || c === d.element || d.segment.includes(c) || c === d.repetition) out.push(['027', 16, `ISA16 component separator "${c}" must be one character different from the element, repetition and segment separators, and not a letter or digit`]);
  return out;
}

/** A TA1 read from a file (an answer to an interchange we sent). */
export function ta1From(s: Segment): Acknowledgement {
  const status = el(s, 4);
  const note = el(s, 5);
  return {
    type: 'TA1', functionalId: '', groupControl: '', sets: [], status, included: 0, received: 0, accepted: 0, groupCodes: [],
    interchangeControl: el(s, 1), interchangeDate: el(s, 2), interchangeTime: el(s, 3), noteCode: note, note: TA1_NOTES[note] ?? '',
  };
}

/** Problems with a received TA1's elements: [element, what is wrong]. */
export function ta1Problems(s: Segment): [number, string][] {
  const out: [number, string][] = [];
  if (!digits(el(s, 1), 9)) out.push([1, `TA101 "${el(s, 1)}" is not a 9-digit interchange control number`]);
  if (!digits(el(s, 2), 6) || !isValidDate(`20${el(s, 2)}`)) out.push([2, `TA102 "${el(s, 2)}" is not a YYMMDD date`]);
  if (!digits(el(s, 3), 4) || !isValidTime(el(s, 3))) out.push([3, `TA103 "${el(s, 3)}" is not an HHMM time`]);
  if (!['A', 'E', 'R'].includes(el(s, 4))) out.push([4, `TA104 "${el(s, 4)}" must be A (accepted), E (accepted with errors) or R (rejected)`]);
  if (!/^\d{3}$/.test(el(s, 5))) out.push([5, `TA105 "${el(s, 5)}" is not a 3-digit interchange note code`]);
  return out;
}
