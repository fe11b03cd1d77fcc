import { dammCheckDigit, dammValid, mod97CheckDigits, mod97Valid } from './check-digits.js';
import { LabelError, type Parsed } from './errors.js';

/*
 * Accession numbers and container ids (DOMAIN.md A.6: an order-level accession, a unique id per
 * physical container, the barcode carries the container id).
 *
 * Accession   = PREFIX  YY  SSSSSSS  CC            e.g. A25000123456 -> shown "A25 0001234 56"
 *   PREFIX    1-2 letters A-Z naming the issuing service (default "A", lab); site configuration
 *   YY        last two digits of the year of issue; the sequence restarts each year
 *   SSSSSSS   7-digit zero-padded sequence from the database, 1..9 999 999 per prefix and year
 *   CC        ISO 7064 MOD 97-10 over PREFIX YY SSSSSSS (letters A=10..Z=35, as IBAN does)
 * At most 2 + 2 + 7 + 2 = 13 characters: within DICOM's 16 for (0008,0050) Accession Number
 * (VR SH, DOMAIN.md B.6), so the same number can travel to the imaging worklist.
 *
 * Container id = accession  TT  D                  e.g. A25000123456017 -> "A25 0001234 56 01 7"
 *   TT        tube number 01..99 within the accession (1-based, in order of draw)
 *   D         Damm check digit over every digit of the id before it (YY SSSSSSS CC TT)
 * A mistyped or swapped character anywhere is caught: in the prefix by CC, in the digits by D.
 * Everything after the prefix is digits in pairs, which Code 128 packs two to a symbol (subset C),
 * keeping the barcode short enough for a 2 x 1 inch label with its quiet zones.
 *
 * Input may be typed in lower case or grouped with spaces or hyphens; parse returns the compact
 * upper-case form, which is what barcodes carry and what storage keeps.
 */

export const DEFAULT_ACCESSION_PREFIX = 'A';
/** DICOM (0008,0050) Accession Number is VR SH: at most 16 characters (DOMAIN.md B.6). */
export const DICOM_ACCESSION_MAX_LENGTH = 16;
export const ACCESSION_SEQUENCE_MAX = 9_999_999;
export const TUBES_PER_ACCESSION_MAX = 99;

export interface AccessionParts {
  /** Compact upper-case form, as the barcode carries it. */
  accession: string;
  prefix: string;
  /** Two-digit year of issue (25 for 2025). */
  yearOfCentury: number;
  sequence: number;
  checkDigits: string;
}

export interface ContainerIdParts {
  containerId: string;
  accession: AccessionParts;
  tubeNumber: number;
  checkDigit: string;
}

const ACCESSION_SHAPE = /^([A-Z]{1,2})([0-9]{2})([0-9]{7})([0-9]{2})$/;
const CONTAINER_SHAPE = /^([A-Z]{1,2}[0-9]{11})([0-9]{2})([0-9])$/;

function normalise(text: string): string {
  return text.trim().toUpperCase().replace(/[\s-]+/g, '');
}

/** The year of issue: the calendar date as written in an ISO string, or a Date's year in `timeZone` (default UTC). */
function yearOf(date: Date | string, timeZone: string | undefined): number {
  if (typeof date === 'string') {
    const m = /^(\d{4})-\d{2}-\d{2}/.exec(date.trim());
    if (!m || Number.isNaN(Date.parse(date))) throw new LabelError('invalid', `date must be an ISO 8601 date, got ${JSON.stringify(date)}`, 'date');
    return Number(m[1]);
  }
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new LabelError('invalid', 'date must be a valid Date or ISO 8601 string', 'date');
  if (!timeZone) return date.getUTCFullYear();
  try {
    return Number(new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(date));
  } catch {
    throw new LabelError('invalid', `Unknown time zone ${JSON.stringify(timeZone)}`, 'timeZone');
  }
}

/** A new accession number from the database sequence and the date of issue. */
export function formatAccession(input: { sequence: number; date: Date | string; prefix?: string; timeZone?: string }): string {
  const prefix = input.prefix ?? DEFAULT_ACCESSION_PREFIX;
  if (!/^[A-Z]{1,2}$/.test(prefix)) throw new LabelError('invalid', `Accession prefix must be 1-2 capital letters A-Z, got ${JSON.stringify(prefix)}`, 'prefix');
  const { sequence } = input;
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > ACCESSION_SEQUENCE_MAX) {
    throw new LabelError('invalid', `Accession sequence must be a whole number from 1 to ${ACCESSION_SEQUENCE_MAX}, got ${sequence}`, 'sequence');
  }
  const yy = String(yearOf(input.date, input.timeZone) % 100).padStart(2, '0');
  const body = `${prefix}${yy}${String(sequence).padStart(7, '0')}`;
  return body + mod97CheckDigits(body);
}

/** The parts of an accession number, or an error saying what is wrong with it. */
export function parseAccession(text: string): Parsed<AccessionParts> {
  const raw = typeof text === 'string' ? text : String(text);
  const compact = normalise(raw);
  const m = ACCESSION_SHAPE.exec(compact);
  if (!m) {
    return {
      ok: false,
      error: new LabelError('accession-format', `${JSON.stringify(raw)} is not an accession number: expected 1-2 letters then 11 digits, like A25 0001234 56`, 'accession'),
    };
  }
  if (!mod97Valid(compact)) {
    return {
      ok: false,
      error: new LabelError('accession-check', `Accession ${JSON.stringify(raw)} fails its check digits: a character is mistyped or two are swapped`, 'accession'),
    };
  }
  return { ok: true, value: { accession: compact, prefix: m[1], yearOfCentury: Number(m[2]), sequence: Number(m[3]), checkDigits: m[4] } };
}

export function isValidAccession(text: string): boolean {
  return parseAccession(text).ok;
}

/** The id of tube `tubeNumber` (1-based) of an accession; what the tube's barcode carries. */
export function containerId(accession: string, tubeNumber: number): string {
  const parsed = parseAccession(accession);
  if (!parsed.ok) throw parsed.error;
  if (!Number.isInteger(tubeNumber) || tubeNumber < 1 || tubeNumber > TUBES_PER_ACCESSION_MAX) {
    throw new LabelError('invalid', `Tube number must be a whole number from 1 to ${TUBES_PER_ACCESSION_MAX}, got ${tubeNumber}`, 'tubeNumber');
  }
  const withTube = parsed.value.accession + String(tubeNumber).padStart(2, '0');
  return withTube + dammCheckDigit(withTube.replace(/^[A-Z]+/, ''));
}

/** The parts of a container id (its accession included), or an error saying what is wrong. */
export function parseContainerId(text: string): Parsed<ContainerIdParts> {
  const raw = typeof text === 'string' ? text : String(text);
  const compact = normalise(raw);
  const m = CONTAINER_SHAPE.exec(compact);
  if (!m || m[2] === '00') {
    return {
      ok: false,
      error: new LabelError('container-format', `${JSON.stringify(raw)} is not a container id: expected 1-2 letters then 14 digits (tube 01-99), like A25 0001234 56 01 7`, 'containerId'),
    };
  }
  const accession = parseAccession(m[1]);
  if (!accession.ok || !dammValid(compact.replace(/^[A-Z]+/, ''))) {
    return {
      ok: false,
      error: new LabelError('container-check', `Container id ${JSON.stringify(raw)} fails its check digits: a character is mistyped or two are swapped`, 'containerId'),
    };
  }
  return { ok: true, value: { containerId: compact, accession: accession.value, tubeNumber: Number(m[2]), checkDigit: m[3] } };
}

export function isValidContainerId(text: string): boolean {
  return parseContainerId(text).ok;
}

/** The accession grouped for people: "A25 0001234 56". Parsing accepts this form back. */
export function displayAccession(accession: string): string {
  const p = parseAccession(accession);
  if (!p.ok) throw p.error;
  const a = p.value;
  return `${a.prefix}${String(a.yearOfCentury).padStart(2, '0')} ${a.accession.slice(-9, -2)} ${a.checkDigits}`;
}

/** The container id grouped for people: "A25 0001234 56 01 7". */
export function displayContainerId(id: string): string {
  const p = parseContainerId(id);
  if (!p.ok) throw p.error;
  const c = p.value;
  return `${displayAccession(c.accession.accession)} ${String(c.tubeNumber).padStart(2, '0')} ${c.checkDigit}`;
}
