import { DomainInputError } from './errors.js';

/*
 * Input checks shared by every rule. Each returns the value in the library's canonical unit
 * (DOMAIN.md 0.2) or throws DomainInputError naming the field. Nothing here substitutes a default.
 */

export type Fields = Record<string, unknown>;

export interface NumberSpec {
  /** Inclusive lower bound unless `minExclusive`. */
  min?: number;
  minExclusive?: boolean;
  max?: number;
  maxExclusive?: boolean;
  integer?: boolean;
  unit?: string;
}

export function fieldsOf(input: unknown, fn: string): Fields {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new DomainInputError('input', `one plain object as the input of ${fn}`, input);
  }
  return input as Fields;
}

export function describeNumberSpec(spec: NumberSpec): string {
  const parts: string[] = [spec.integer ? 'a whole number' : 'a number'];
  if (spec.min !== undefined) parts.push(`${spec.minExclusive ? '>' : '>='} ${spec.min}`);
  if (spec.max !== undefined) parts.push(`${spec.min !== undefined ? 'and ' : ''}${spec.maxExclusive ? '<' : '<='} ${spec.max}`);
  if (spec.unit) parts.push(`(${spec.unit})`);
  return parts.join(' ');
}

export function checkNumber(value: unknown, field: string, spec: NumberSpec): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new DomainInputError(field, describeNumberSpec(spec), value);
  if (spec.integer && !Number.isInteger(value)) throw new DomainInputError(field, describeNumberSpec(spec), value);
  if (spec.min !== undefined && (spec.minExclusive ? value <= spec.min : value < spec.min)) {
    throw new DomainInputError(field, describeNumberSpec(spec), value);
  }
  if (spec.max !== undefined && (spec.maxExclusive ? value >= spec.max : value > spec.max)) {
    throw new DomainInputError(field, describeNumberSpec(spec), value);
  }
  return value;
}

export function requiredNumber(o: Fields, field: string, spec: NumberSpec): number {
  return checkNumber(o[field], field, spec);
}

export function optionalNumber(o: Fields, field: string, spec: NumberSpec): number | undefined {
  const v = o[field];
  return v === undefined ? undefined : checkNumber(v, field, spec);
}

export function requiredBoolean(o: Fields, field: string): boolean {
  const v = o[field];
  if (typeof v !== 'boolean') throw new DomainInputError(field, 'true or false', v);
  return v;
}

export function optionalBoolean(o: Fields, field: string): boolean | undefined {
  const v = o[field];
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') throw new DomainInputError(field, 'true or false (or leave it out)', v);
  return v;
}

export function checkEnum<T extends string | number>(value: unknown, field: string, allowed: readonly T[]): T {
  if (!(allowed as readonly unknown[]).includes(value)) {
    throw new DomainInputError(field, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`, value);
  }
  return value as T;
}

export function requiredEnum<T extends string | number>(o: Fields, field: string, allowed: readonly T[]): T {
  return checkEnum(o[field], field, allowed);
}

export function optionalEnum<T extends string | number>(o: Fields, field: string, allowed: readonly T[]): T | undefined {
  const v = o[field];
  return v === undefined ? undefined : checkEnum(v, field, allowed);
}

export function requiredString(o: Fields, field: string, expected = 'a non-empty string'): string {
  const v = o[field];
  if (typeof v !== 'string' || v.trim() === '') throw new DomainInputError(field, expected, v);
  return v;
}

export function requiredArray(o: Fields, field: string, expected: string): unknown[] {
  const v = o[field];
  if (!Array.isArray(v)) throw new DomainInputError(field, expected, v);
  return v;
}

/** A key of a catalogue (own property only, so "toString" is not a test code). */
export function checkKey<T>(table: Record<string, T>, value: unknown, field: string, what: string): string {
  if (typeof value !== 'string' || !Object.prototype.hasOwnProperty.call(table, value)) {
    const known = Object.keys(table);
    const list = known.length <= 24 ? `: ${known.join(', ')}` : '';
    throw new DomainInputError(field, `a known ${what}${list}`, value);
  }
  return value;
}

const FIO2_SPEC = 'FiO2 as a fraction 0.21-1.0 or a percent 21-100';

/** FiO2 as a fraction 0.21-1.00; values above 1 are percent and are divided by 100 (DOMAIN.md 0.2). */
export function checkFiO2(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new DomainInputError(field, FIO2_SPEC, value);
  const f = value > 1 ? value / 100 : value;
  if (f < 0.21 - 1e-9 || f > 1 + 1e-9) throw new DomainInputError(field, FIO2_SPEC, value);
  return f;
}

export function requiredFiO2(o: Fields, field: string): number {
  return checkFiO2(o[field], field);
}

const HEIGHT_CM: NumberSpec = { min: 0, minExclusive: true, max: 300, unit: 'cm' };
const HEIGHT_IN: NumberSpec = { min: 0, minExclusive: true, max: 120, unit: 'in' };
export const CM_PER_INCH = 2.54;

/** Height in cm from `heightCm` or `heightIn` (1 in = 2.54 cm). Both given must agree within 1 cm. */
export function requiredHeightCm(o: Fields): number {
  const cm = o.heightCm;
  const inches = o.heightIn;
  if (cm === undefined && inches === undefined) {
    throw new DomainInputError('heightCm', 'a height in cm (heightCm) or in inches (heightIn)', undefined);
  }
  const fromCm = cm === undefined ? undefined : checkNumber(cm, 'heightCm', HEIGHT_CM);
  const fromIn = inches === undefined ? undefined : checkNumber(inches, 'heightIn', HEIGHT_IN) * CM_PER_INCH;
  if (fromCm !== undefined && fromIn !== undefined && Math.abs(fromCm - fromIn) > 1) {
    throw new DomainInputError('heightIn', `the same height as heightCm (${fromCm} cm = ${(fromCm / CM_PER_INCH).toFixed(1)} in)`, inches);
  }
  return fromCm ?? (fromIn as number);
}

/** Round half away from zero to `decimals` places; keeps outputs free of binary noise (60/0.6 -> 100). */
export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = Math.round(Math.abs(value) * f + 1e-9) / f;
  return value < 0 ? -r : r;
}

/** Comparison slack for ratios (DOMAIN.md 0.2). */
export const EPSILON = 1e-9;

export interface Instant {
  ms: number;
  /** 'Z', '+hh:mm' / '-hh:mm', or '' when the caller gave a local (floating) time. */
  offset: string;
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/;

/** An ISO-8601 date-time. Times without an offset are treated as wall-clock times and kept that way. */
export function checkInstant(value: unknown, field: string): Instant {
  const expected = 'an ISO-8601 date-time such as 2025-03-10T14:00:00Z';
  if (typeof value !== 'string') throw new DomainInputError(field, expected, value);
  const m = ISO_RE.exec(value);
  if (!m) throw new DomainInputError(field, expected, value);
  const [, y, mo, d, h, mi, s, frac, off] = m;
  const wall = Date.UTC(+y, +mo - 1, +d, +h, +mi, s ? +s : 0, frac ? Math.round(Number(frac) * 1000) : 0);
  const check = new Date(wall);
  if (check.getUTCMonth() !== +mo - 1 || check.getUTCDate() !== +d || +h > 23 || +mi > 59 || (s !== undefined && +s > 59)) {
    throw new DomainInputError(field, `${expected} (a real calendar date and time)`, value);
  }
  let ms = wall;
  const offset = off ?? '';
  if (offset && offset !== 'Z') {
    const sign = offset[0] === '-' ? -1 : 1;
    ms -= sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))) * 60_000;
  }
  return { ms, offset };
}

export function requiredInstant(o: Fields, field: string): Instant {
  return checkInstant(o[field], field);
}

/** Two instants can be compared only if both carry an offset or both are wall-clock times. */
export function comparableInstants(a: Instant, b: Instant, fieldB: string, rawB: unknown): void {
  if ((a.offset === '') !== (b.offset === '')) {
    throw new DomainInputError(fieldB, 'a date-time written the same way as the other time (both with an offset or Z, or both without)', rawB);
  }
}

/** Format an instant in the caller's own offset convention. */
export function formatInstant(ms: number, offset: string): string {
  let shift = 0;
  if (offset && offset !== 'Z') {
    const sign = offset[0] === '-' ? -1 : 1;
    shift = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))) * 60_000;
  }
  const iso = new Date(ms + shift).toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  const base = iso.endsWith('.000Z') ? iso.slice(0, 19) : iso.slice(0, 23);
  return base + offset;
}
