import type { X12Delimiters } from '../delimiters.js';
import type { X12Issue, X12IssueCode } from '../errors.js';
import { HIGH_BYTES, ID_CODES, idCodeOf, REPEATS, type SegmentStore } from '../store.js';

/** X12 data element types: AN string, ID code, N0 integer, N2 implied 2 decimals, R decimal, DT date, TM time, C composite. */
export type ElementType = 'AN' | 'ID' | 'N0' | 'N2' | 'R' | 'DT' | 'TM' | 'C';

export interface ElementRule {
  required: boolean;
  type: ElementType;
  min: number;
  max: number;
  codes?: readonly string[];
  /** the type as a small number, for the byte checks: 0 string/ID, 1 composite, 2 decimal, 3 integer, 4 date, 5 time */
  kind: number;
  /** a code list of the 5010 guides only (earlier versions allow more): checked only in sets that follow a 5010 guide */
  guideCodes?: boolean;
  /** the codes as packed bytes (see `packed`), compared without making a string */
  packedCodes?: Int32Array;
}

/** 'R ID 2 3' = required, type ID, 2 to 3 characters; '-' = not used / unchecked; a third item '5010' marks a guide-only code list. */
type Spec = string | readonly [string, readonly string[]] | readonly [string, readonly string[], '5010'];

const KINDS: Record<string, number> = { AN: 0, ID: 0, C: 1, R: 2, N0: 3, N2: 3, DT: 4, TM: 5 };

function parse(spec: Spec): ElementRule | null {
  const [text, codes, only] = typeof spec === 'string' ? [spec, undefined, undefined] : spec;
  if (text === '-') return null;
  const [usage, type, min, max] = text.split(' ');
  // every rule has every field, in one order: the checks see one object shape
  return { required: usage === 'R', type: type as ElementType, kind: KINDS[type] ?? 0, min: Number(min ?? 0), max: Number(max ?? 0), codes: codes ?? undefined, guideCodes: only !== undefined, packedCodes: codes ? packCodes(codes) : undefined };
}

/** Codes of up to 3 characters (every list here) as integers: the bytes and the length, so "1" and "01" differ. */
function packCodes(codes: readonly string[]): Int32Array {
  if (codes.some((c) => c.length > 3 || /[^\x20-\x7e]/.test(c))) throw new Error(`code list with a code longer than 3 characters: ${codes.join(',')}`);
  return Int32Array.from(codes, (c) => packed(Buffer.from(c, 'latin1'), 0, c.length));
}

/** Bytes [s, e) (at most 3) and their count as one integer. */
function packed(b: Uint8Array, s: number, e: number): number {
  let key = e - s;
  for (let k = s; k < e; k++) key = (key << 8) | b[k];
  return key;
}

// Code lists fixed by the 5010 guides (used where every guide agrees).
const ENTITY_TYPE = ['1', '2'] as const;
const CLAIM_STATUS = ['1', '2', '3', '4', '19', '20', '21', '22', '23', '25'] as const;
const ADJUSTMENT_GROUP = ['CO', 'CR', 'OA', 'PI', 'PR'] as const;
const DATE_FORMAT = ['D8', 'RD8', 'DT', 'TM', 'RD'] as const;
const ACK_STATUS = ['A', 'E', 'M', 'P', 'R', 'W', 'X'] as const;
const PAYER_RESPONSIBILITY = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'P', 'S', 'T', 'U'] as const;
const GENDER = ['F', 'M', 'U'] as const;
const HL_CHILD = ['0', '1'] as const;
const PAYMENT_METHOD = ['ACH', 'BOP', 'CHK', 'FWT', 'NON'] as const;
const TRANSACTION_HANDLING = ['C', 'D', 'H', 'I', 'P', 'U', 'X'] as const;
const YES_NO = ['N', 'Y'] as const;
/** PER contact function (IC information contact, BL technical, CX claims) and communication qualifiers */
const CONTACT_FUNCTION = ['IC', 'BL', 'CX'] as const;
const COMMUNICATION = ['EM', 'EX', 'FX', 'TE', 'UR'] as const;
/** CLM07 assignment/plan participation, CLM08 benefits assignment, CLM09 release of information */
const ASSIGNMENT = ['A', 'B', 'C'] as const;
const BENEFITS_ASSIGNMENT = ['N', 'W', 'Y'] as const;
const RELEASE = ['I', 'Y'] as const;
/** SBR09 claim filing indicator (837) */
const FILING_INDICATOR = ['11', '12', '13', '14', '15', '16', '17', 'AM', 'BL', 'CH', 'CI', 'DS', 'FI', 'HM', 'LM', 'MA', 'MB', 'MC', 'OF', 'TV', 'VA', 'WC', 'ZZ'] as const;
/**
 * CLP06 claim filing indicator (835, 005010X221A1): narrower than the 837's SBR09 list (no 11, BL,
 * CI or FI) and with LI (liability)
 */
const REMIT_FILING_INDICATOR = ['12', '13', '14', '15', '16', '17', 'AM', 'CH', 'DS', 'HM', 'LI', 'LM', 'MA', 'MB', 'MC', 'OF', 'TV', 'VA', 'WC', 'ZZ'] as const;
/** SV103 (837P) and SV204 (837I) unit of measure */
const SERVICE_UNITS = ['DA', 'MJ', 'UN'] as const;

/** Element rules per segment id, position 1 first. */
const SPECS: Record<string, readonly Spec[]> = {
  ST: ['R ID 3 3', 'R AN 4 9', 'S AN 1 35'],
  SE: ['R N0 1 10', 'R AN 4 9'],
  GS: ['R ID 2 2', 'R AN 2 15', 'R AN 2 15', 'R DT 8 8', 'R TM 4 8', 'R N0 1 9', 'R ID 1 2', 'R AN 1 12'],
  GE: ['R N0 1 6', 'R N0 1 9'],
  IEA: ['R N0 1 5', 'R N0 9 9'],
  BHT: ['R ID 4 4', 'R ID 2 2', 'S AN 1 50', 'R DT 8 8', 'S TM 4 8', 'S ID 2 2'],
  HL: ['R AN 1 12', 'S AN 1 12', 'R ID 1 2', ['S ID 1 1', HL_CHILD]],
  NM1: ['R ID 2 3', ['R ID 1 1', ENTITY_TYPE], 'S AN 1 60', 'S AN 1 35', 'S AN 1 25', 'S AN 1 10', 'S AN 1 10', 'S ID 1 2', 'S AN 2 80', 'S ID 2 2', 'S ID 2 3', 'S AN 1 60'],
  N1: ['R ID 2 3', 'S AN 1 60', 'S ID 1 2', 'S AN 2 80'],
  N3: ['R AN 1 55', 'S AN 1 55'],
  N4: ['R AN 2 30', 'S ID 2 2', 'S ID 3 15', 'S ID 2 3', 'S ID 1 2', 'S AN 1 30', 'S ID 1 3'],
  PER: [['R ID 2 2', CONTACT_FUNCTION, '5010'], 'S AN 1 60', ['S ID 2 2', COMMUNICATION, '5010'], 'S AN 1 256', ['S ID 2 2', COMMUNICATION, '5010'], 'S AN 1 256', ['S ID 2 2', COMMUNICATION, '5010'], 'S AN 1 256'],
  REF: ['R ID 2 3', 'S AN 1 50', 'S AN 1 80', 'S C'],
  DTP: ['R ID 3 3', ['R ID 2 3', DATE_FORMAT], 'R AN 1 35'],
  DTM: ['R ID 3 3', 'S DT 8 8', 'S TM 4 8', 'S ID 2 2', 'S ID 2 3', 'S AN 1 35'],
  DMG: [['S ID 2 3', DATE_FORMAT], 'S AN 1 35', ['S ID 1 1', GENDER]],
  SBR: [['R ID 1 1', PAYER_RESPONSIBILITY], 'S ID 2 2', 'S AN 1 50', 'S AN 1 60', 'S ID 1 3', '-', '-', '-', ['S ID 1 2', FILING_INDICATOR, '5010']],
  CLM: ['R AN 1 38', 'R R 1 18', '-', '-', 'R C', ['S ID 1 1', YES_NO, '5010'], ['R ID 1 1', ASSIGNMENT, '5010'], ['R ID 1 1', BENEFITS_ASSIGNMENT, '5010'], ['R ID 1 1', RELEASE, '5010'], 'S ID 1 1', 'S C', 'S ID 2 3'],
  HI: ['R C', 'S C', 'S C', 'S C', 'S C', 'S C', 'S C', 'S C', 'S C', 'S C', 'S C', 'S C'],
  LX: ['R N0 1 6'],
  SV1: ['R C', 'R R 1 18', ['R ID 2 2', SERVICE_UNITS, '5010'], 'R R 1 15', 'S AN 1 2', '-', 'R C'],
  SV2: ['R AN 1 48', 'S C', 'R R 1 18', ['R ID 2 2', SERVICE_UNITS, '5010'], 'R R 1 15'],
  AMT: ['R ID 1 3', 'R R 1 18'],
  QTY: ['R ID 2 2', 'R R 1 15'],
  BPR: [['R ID 1 2', TRANSACTION_HANDLING], 'R R 1 18', ['R ID 1 1', ['C', 'D']], ['R ID 3 3', PAYMENT_METHOD]],
  TRN: ['R ID 1 2', 'R AN 1 50', 'S AN 10 10', 'S AN 1 50'],
  CLP: ['R AN 1 38', ['R ID 1 2', CLAIM_STATUS], 'R R 1 18', 'R R 1 18', 'S R 1 18', ['R ID 1 2', REMIT_FILING_INDICATOR, '5010'], 'R AN 1 50'],
  CAS: [['R ID 1 2', ADJUSTMENT_GROUP], 'R ID 1 5', 'R R 1 18', 'S R 1 15', 'S ID 1 5', 'S R 1 18', 'S R 1 15', 'S ID 1 5', 'S R 1 18', 'S R 1 15', 'S ID 1 5', 'S R 1 18', 'S R 1 15', 'S ID 1 5', 'S R 1 18', 'S R 1 15', 'S ID 1 5', 'S R 1 18', 'S R 1 15'],
  SVC: ['R C', 'R R 1 18', 'R R 1 18', 'S AN 1 48', 'S R 1 15', 'S C', 'S R 1 15'],
  PLB: ['R AN 1 50', 'R DT 8 8', 'R C', 'R R 1 18'],
  AK1: ['R ID 2 2', 'R N0 1 9', 'S AN 1 12'],
  AK2: ['R ID 3 3', 'R AN 4 9', 'S AN 1 35'],
  // IK303 names the 5010 guide's loop (2010BB, 2300): the X12 dictionary gives 447 four characters, but
  // the loop ids of the 5010 guides have up to six, and that is what payers' 999s (and ours) carry
  IK3: ['R ID 2 3', 'R N0 1 10', 'S AN 1 6', 'S ID 1 3'],
  IK4: ['R C', 'S N0 1 4', 'R ID 1 3', 'S AN 1 99'],
  IK5: [['R ID 1 1', ACK_STATUS], 'S ID 1 3', 'S ID 1 3', 'S ID 1 3', 'S ID 1 3', 'S ID 1 3'],
  AK5: [['R ID 1 1', ACK_STATUS], 'S ID 1 3', 'S ID 1 3', 'S ID 1 3', 'S ID 1 3', 'S ID 1 3'],
  AK9: [['R ID 1 1', ACK_STATUS], 'R N0 1 6', 'R N0 1 6', 'R N0 1 6'],
  STC: ['R C', 'S DT 8 8', 'S ID 1 2', 'S R 1 18', 'S R 1 18'],
  EQ: ['S ID 1 2', 'S C', 'S ID 3 3', 'S ID 1 3'],
  EB: ['R ID 1 2', 'S ID 3 3', 'S ID 1 2', 'S ID 1 3', 'S AN 1 50', 'S ID 1 2', 'S R 1 18', 'S R 1 10'],
  AAA: [['R ID 1 1', ['N', 'Y']], '-', 'S ID 2 2', 'S ID 1 1'],
};

/** Elements each segment may carry (X12 5010 dictionary), where more than the rules above list. */
const ELEMENT_COUNTS: Record<string, number> = {
  BPR: 21, CLP: 14, SV1: 21, SV2: 10, EB: 14, STC: 12, CLM: 20, NM1: 12, HI: 12, CAS: 19, SVC: 7, PLB: 14, REF: 4, PER: 9,
  N1: 6, N4: 7, DTM: 6, TRN: 4, AMT: 3, QTY: 4, SBR: 9, DMG: 11, BHT: 6, HL: 4, LX: 1, IK3: 4, IK4: 4, AK9: 9, IK5: 6, AK5: 6, EQ: 5, AAA: 4,
};

/**
 * X12 syntax notes of the segments the guides use: P paired (all or none), R at least one,
 * E at most one, C if the first then all the others, L if the first then at least one other.
 */
const SYNTAX: Record<string, readonly string[]> = {
  NM1: ['P0809', 'C1110', 'C1203'],
  N1: ['R0203', 'P0304'],
  N4: ['E0207', 'C0605', 'C0704'],
  PER: ['P0304', 'P0506', 'P0708'],
  REF: ['R0203'],
  DTM: ['R020305', 'C0403', 'P0506'],
  DMG: ['P0102'],
  BPR: ['P0607', 'C0809', 'P1213', 'C1415', 'P1819', 'C2021'],
  CAS: ['L050607', 'C0605', 'C0705', 'L080910', 'C0908', 'C1008', 'L111213', 'C1211', 'C1311', 'L141516', 'C1514', 'C1614', 'L171819', 'C1817', 'C1917'],
  PLB: ['P0506', 'P0708', 'P0910', 'P1112', 'P1314'],
  QTY: ['R0204'],
  SV2: ['R0102', 'P0304'],
  AMT: [],
  TRN: [],
};

interface SyntaxRule {
  kind: 'P' | 'R' | 'E' | 'C' | 'L';
  note: string;
  elements: number[];
  /** the elements as bits (element n = bit n), and the first one's bit */
  bits: number;
  first: number;
}

const parseSyntax = (note: string): SyntaxRule => {
  const elements: number[] = [];
  for (let k = 1; k < note.length; k += 2) elements.push(Number(note.slice(k, k + 2)));
  return { kind: note[0] as SyntaxRule['kind'], note, elements, bits: elements.reduce((b, n) => b | (1 << n), 0), first: 1 << elements[0] };
};

/** Whether the elements present (`mask`, element n = bit n) keep the rule. */
function keeps(rule: SyntaxRule, mask: number): boolean {
  const here = mask & rule.bits;
  switch (rule.kind) {
    case 'P':
      return here === 0 || here === rule.bits;
    case 'R':
      return here !== 0;
    case 'E':
      return (here & (here - 1)) === 0;
    case 'C':
      return (here & rule.first) === 0 || here === rule.bits;
    default:
      return (here & rule.first) === 0 || here !== rule.first;
  }
}

const RULES: Record<string, (ElementRule | null)[]> = Object.fromEntries(Object.entries(SPECS).map(([id, specs]) => [id, specs.map(parse)]));

/** The same rules without the 5010-only code lists, for sets that follow no 5010 guide. */
const withoutGuideCodes = (rules: (ElementRule | null)[]): (ElementRule | null)[] =>
  rules.map((r) => (r?.guideCodes ? { required: r.required, type: r.type, kind: r.kind, min: r.min, max: r.max, codes: undefined, guideCodes: false, packedCodes: undefined } : r));

const NUMERIC_R = /^-?(\d+\.?\d*|\.\d+)$/;
const NUMERIC_N = /^-?\d+$/;

export function isValidDate(v: string): boolean {
  if (!/^\d{8}$/.test(v)) return false;
  const y = Number(v.slice(0, 4));
  const m = Number(v.slice(4, 6));
  const d = Number(v.slice(6, 8));
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1];
}

export function isValidTime(v: string): boolean {
  if (!/^\d{4}(\d{2}(\d{1,2})?)?$/.test(v)) return false;
  return Number(v.slice(0, 2)) < 24 && Number(v.slice(2, 4)) < 60 && (v.length < 6 || Number(v.slice(4, 6)) < 60);
}

/** What is wrong with one non-empty value, or null. */
function valueProblem(rule: ElementRule, value: string, component: string): [X12IssueCode, string, string] | null {
  switch (rule.type) {
    case 'C':
      return value.split(component)[0] === '' ? ['element-missing', '1', 'is a composite whose first component is required but empty.'] : null;
    case 'R':
    case 'N0':
    case 'N2': {
      if (!(rule.type === 'R' ? NUMERIC_R : NUMERIC_N).test(value)) return ['element-invalid-number', '6', `"${value}" is not a number.`];
      const digits = value.length - (value.charCodeAt(0) === 45 ? 1 : 0) - (value.indexOf('.') >= 0 ? 1 : 0);
      return digits > rule.max ? ['element-too-long', '5', `"${value}" has ${digits} digits; at most ${rule.max} allowed.`] : null;
    }
    case 'DT':
      return isValidDate(value) ? null : ['element-invalid-date', '8', `"${value}" is not a valid CCYYMMDD date.`];
    case 'TM':
      return isValidTime(value) ? null : ['element-invalid-time', '9', `"${value}" is not a valid HHMM time.`];
    default:
      if (value.length > rule.max) return ['element-too-long', '5', `"${value}" is ${value.length} characters; at most ${rule.max} allowed.`];
      if (value.length < rule.min) return ['element-too-short', '4', `"${value}" is ${value.length} characters; at least ${rule.min} required.`];
      if (rule.codes && !rule.codes.includes(value)) return ['element-invalid-code', '7', `"${value}" is not a valid code here (expected one of ${rule.codes.join(', ')}).`];
      return null;
  }
}

/** What the checks need of one segment id, compiled once. */
interface SegmentChecks {
  rules: (ElementRule | null)[];
  other: (ElementRule | null)[];
  allowed: number;
  /** required elements as bits (element n = bit n); the guide and non-guide rules agree on them */
  required: number;
  syntax: SyntaxRule[];
  keptMasks: Set<number>;
}

/** Checks by segment id code (a dense array: one load per segment, no hashing). */
const CHECKS: (SegmentChecks | undefined)[] = new Array<SegmentChecks | undefined>(ID_CODES).fill(undefined);
for (const [id, rules] of Object.entries(RULES)) {
  const required = rules.reduce((bits, r, k) => (r?.required ? bits | (1 << (k + 1)) : bits), 0);
  CHECKS[idCodeOf(id)] = { rules, other: withoutGuideCodes(rules), allowed: ELEMENT_COUNTS[id] ?? rules.length, required, syntax: (SYNTAX[id] ?? []).map(parseSyntax), keptMasks: new Set() };
}

/** bounds each segment's cache of element-presence patterns known to keep every syntax note */
const MAX_KEPT_MASKS = 512;

const name = (id: string, n: number): string => `${id}${String(n).padStart(2, '0')}`;

/** The syntax note broken by segment i, as [element to point at, issue code, 999 IK403 code, words]; null when kept. */
function syntaxProblem(rule: SyntaxRule, id: string, present: (n: number) => boolean): [number, X12IssueCode, string, string] | null {
  const [first, ...rest] = rule.elements;
  const here = rule.elements.filter(present);
  const names = rule.elements.map((n) => name(id, n));
  switch (rule.kind) {
    case 'P': {
      if (here.length === 0 || here.length === rule.elements.length) return null;
      const missing = rule.elements.find((n) => !present(n)) as number;
      return [missing, 'element-conditional', '2', `is required because ${here.map((n) => name(id, n)).join(' and ')} ${here.length > 1 ? 'are' : 'is'} present (syntax note ${rule.note}: ${names.join(', ')} go together).`];
    }
    case 'R':
      return here.length > 0 ? null : [first, 'element-conditional', '2', `or ${names.slice(1).join(' or ')} is required (syntax note ${rule.note}: at least one of ${names.join(', ')}).`];
    case 'E':
      return here.length <= 1 ? null : [here[1], 'element-exclusion', '10', `must not be sent with ${name(id, here[0])} (syntax note ${rule.note}: only one of ${names.join(', ')}).`];
    case 'C': {
      if (!present(first)) return null;
      const missing = rest.find((n) => !present(n));
      return missing === undefined ? null : [missing, 'element-conditional', '2', `is required because ${name(id, first)} is present (syntax note ${rule.note}).`];
    }
    default:
      if (!present(first) || rest.some(present)) return null;
      return [rest[0], 'element-conditional', '2', `or ${names.slice(2).join(' or ')} is required because ${name(id, first)} is present (syntax note ${rule.note}).`];
  }
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const twoDigits = (b: Buffer, k: number): number => (b[k] - 48) * 10 + b[k + 1] - 48;

/**
 * Whether bytes [s, e) certainly pass the rule, checked without making a string. False means
 * "look closer": the string check then decides, and words the problem.
 */
function passes(rule: ElementRule, b: Buffer, s: number, e: number, component: number, rep: number): boolean {
  switch (rule.kind) {
    case 1:
      return b[s] !== component;
    case 2:
    case 3: {
      let k = b[s] === 45 ? s + 1 : s;
      let digits = 0;
      let dot = rule.kind === 3;
      for (; k < e; k++) {
        const c = b[k];
        if (isDigit(c)) digits++;
        else if (c === 46 && !dot) dot = true;
        else return false;
      }
      return digits > 0 && digits <= rule.max;
    }
    case 4: {
      if (e - s !== 8) return false;
      for (let k = s; k < e; k++) if (!isDigit(b[k])) return false;
      const y = twoDigits(b, s) * 100 + twoDigits(b, s + 2);
      const m = twoDigits(b, s + 4);
      const d = twoDigits(b, s + 6);
      if (m < 1 || m > 12 || d < 1) return false;
      return d <= (m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : MONTH_DAYS[m - 1]);
    }
    case 5: {
      const n = e - s;
      if (n !== 4 && n !== 6 && n !== 7 && n !== 8) return false;
      for (let k = s; k < e; k++) if (!isDigit(b[k])) return false;
      return twoDigits(b, s) < 24 && twoDigits(b, s + 2) < 60 && (n < 6 || twoDigits(b, s + 4) < 60);
    }
    default: {
      const n = e - s;
      if (n > rule.max || n < rule.min) return false;
      if (rep >= 0) for (let k = s; k < e; k++) if (b[k] === rep) return false;
      const codes = rule.packedCodes;
      if (codes === undefined) return true;
      if (n > 3) return false;
      const key = packed(b, s, e);
      for (let k = 0; k < codes.length; k++) if (codes[k] === key) return true;
      return false;
    }
  }
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The string check of one element (repetitions, UTF-8 text, and the wording of every problem). */
function elementProblem(rule: ElementRule, whole: string, delimiters: X12Delimiters): [X12IssueCode, string, string] | null {
  const rep = delimiters.repetition;
  // a repeated element (ISA11 separator) is checked repetition by repetition
  const values = rep && rule.type !== 'C' && whole.indexOf(rep) >= 0 ? whole.split(rep) : null;
  if (!values) return valueProblem(rule, whole, delimiters.component);
  for (const v of values) {
    const found = v === '' ? null : valueProblem(rule, v, delimiters.component);
    if (found) return found;
  }
  return null;
}

function report(issues: X12Issue[] | null, store: SegmentStore, i: number, code: X12IssueCode, ackCode: string, element: number, message: string, position: (i: number, element: number) => X12Issue['position']): X12Issue[] {
  const list = issues ?? [];
  list.push({ code, severity: 'error', message: `${store.id(i)}${String(element).padStart(2, '0')} ${message}`, position: position(i, element), ackCode });
  return list;
}

/** the last present element presentElements found (a module variable, so the hot path allocates nothing) */
let lastPresent = 0;

/**
 * One pass over a segment's element boundaries (element k spans bounds[base + k] ..
 * bounds[base + k + 1] - 1): which elements are present, as bits (element n = bit n, n < 31), and,
 * in lastPresent, the last one (trailing empty elements are separators only).
 */
function presentElements(bounds: Int32Array, base: number, count: number): number {
  let mask = 0;
  let last = 0;
  for (let n = 1; n < count; n++) {
    if (bounds[base + n + 1] - 1 === bounds[base + n]) continue;
    last = n;
    if (n < 31) mask |= 1 << n;
  }
  lastPresent = last;
  return mask;
}

/** Checks segment i of a store against the dictionary rules; returns IK4-style problems. */
export function checkElements(store: SegmentStore, i: number, delimiters: X12Delimiters, position: (i: number, element: number) => X12Issue['position'], guide = true): X12Issue[] | null {
  const code = store.idCode(i);
  const entry = code >= 0 ? CHECKS[code] : undefined;
  if (entry === undefined) return null;
  const rules = guide ? entry.rules : entry.other;
  let issues: X12Issue[] | null = null;
  const bounds = store.bounds;
  const base = store.base(i);
  const mask = presentElements(bounds, base, store.elementCount(i));
  const last = lastPresent;
  const allowed = entry.allowed;
  if (last > allowed) issues = report(issues, store, i, 'element-too-many', '3', last, `is beyond the ${allowed} elements ${store.id(i)} has.`, position);
  const missing = entry.required & ~mask;
  const bytes = store.bytesOf(i);
  const flags = store.flags(i);
  const plain = (flags & HIGH_BYTES) === 0;
  const component = delimiters.component.charCodeAt(0);
  // the tokenizer says whether the segment holds the repetition separator at all
  const rep = delimiters.repetition && flags & REPEATS ? delimiters.repetition.charCodeAt(0) : -1;
  // problems in element order: past the last present element only missing ones remain
  const checked = missing !== 0 || last > rules.length ? rules.length : last;
  for (let n = 1; n <= checked; n++) {
    if ((mask & (1 << n)) === 0) {
      if (missing & (1 << n)) issues = report(issues, store, i, 'element-missing', '1', n, 'is required but empty.', position);
      continue;
    }
    const rule = rules[n - 1];
    if (rule === null) continue;
    if (plain && passes(rule, bytes, bounds[base + n], bounds[base + n + 1] - 1, component, rep)) continue;
    const found = elementProblem(rule, store.el(i, n), delimiters);
    if (found) issues = report(issues, store, i, found[0], found[1], n, found[2], position);
  }
  const syntax = entry.syntax;
  // segments repeat the same pattern of present elements: each pattern is judged once
  if (syntax.length > 0 && !entry.keptMasks.has(mask)) {
    let kept = true;
    for (let k = 0; k < syntax.length; k++) {
      if (keeps(syntax[k], mask)) continue;
      kept = false;
      const broken = syntaxProblem(syntax[k], store.id(i), (n) => (mask & (1 << n)) !== 0);
      if (broken) issues = report(issues, store, i, broken[1], broken[2], broken[0], broken[3], position);
    }
    if (kept && entry.keptMasks.size < MAX_KEPT_MASKS) entry.keptMasks.add(mask);
  }
  return issues;
}

/**
 * Whether checkElements would find nothing wrong with the segment whose elements span
 * bounds[base + k] .. bounds[base + k + 1] - 1 (k < count; bounds[base + count] is one past its end)
 * in `bytes`, decided from the bytes alone with the 5010 guide's rules (the stricter ones: a segment
 * clean under them is clean in any set). False means "check it in its set", not "it is wrong".
 * The file reader's worker runs this while splitting, so the set's own checks can skip clean segments.
 */
export function elementsClean(bytes: Uint8Array, bounds: Int32Array, base: number, count: number, code: number, flags: number, component: number, repetition: number): boolean {
  const entry = code >= 0 ? CHECKS[code] : undefined;
  if (entry === undefined) return true;
  if (flags & HIGH_BYTES) return false;
  const mask = presentElements(bounds, base, count);
  const last = lastPresent;
  if (last > entry.allowed || (entry.required & ~mask) !== 0) return false;
  const rules = entry.rules;
  const rep = flags & REPEATS ? repetition : -1;
  const checked = last > rules.length ? rules.length : last;
  for (let n = 1; n <= checked; n++) {
    if ((mask & (1 << n)) === 0) continue;
    const rule = rules[n - 1];
    if (rule !== null && !passes(rule, bytes as Buffer, bounds[base + n], bounds[base + n + 1] - 1, component, rep)) return false;
  }
  const syntax = entry.syntax;
  if (syntax.length > 0 && !entry.keptMasks.has(mask)) {
    for (let k = 0; k < syntax.length; k++) if (!keeps(syntax[k], mask)) return false;
    if (entry.keptMasks.size < MAX_KEPT_MASKS) entry.keptMasks.add(mask);
  }
  return true;
}
