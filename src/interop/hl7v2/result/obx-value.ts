import { readCoded } from '../coded.js';
import { hl7ToFhirDateTime } from '../datetime.js';
import { issue, type Hl7Issue, type Hl7Position } from '../errors.js';
import type { Hl7Field } from '../message.js';
import type { ObservationValue, ReferenceRange } from './models.js';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

export function toNumber(s: string): number | undefined {
  const t = s.trim();
  return NUMBER.test(t) ? Number(t) : undefined;
}

/** OBX-5 values, one per repetition, read by the OBX-2 value type. */
export function readObxValues(valueType: string, f: Hl7Field, at: Hl7Position, issues: Hl7Issue[]): ObservationValue[] {
  const out: ObservationValue[] = [];
  const reps = f.repetitionCount;
  for (let r = 1; r <= reps; r++) {
    const v = readOne(valueType, f, r, { ...at, repetition: r }, issues);
    if (v) out.push(v);
  }
  return out;
}

function readOne(valueType: string, f: Hl7Field, r: number, at: Hl7Position, issues: Hl7Issue[]): ObservationValue | undefined {
  const first = f.value(r, 1);
  const comps = f.components(r);
  if (comps.length === 0 || (comps.length === 1 && first === '""')) return undefined;
  switch (valueType) {
    case 'NM': {
      const n = toNumber(first);
      if (n !== undefined) return { type: 'NM', value: n, raw: first };
      const cmp = /^\s*(<=|>=|<|>|=)\s*([+-]?\d+(?:\.\d*)?)\s*$/.exec(first);
      if (cmp) {
        issues.push(issue('bad-number', 'warning', `OBX-5 ${JSON.stringify(first)} is not a plain number (NM); read as comparator ${cmp[1]} and ${cmp[2]}`, at));
        return { type: 'SN', comparator: cmp[1] ?? '', value1: Number(cmp[2]), separator: '', value2: undefined, raw: first };
      }
      issues.push(issue('bad-number', 'warning', `OBX-5 ${JSON.stringify(first)} is not a number although OBX-2 says NM; kept as text`, at));
      return { type: 'ST', text: f.components(r).join(' ').trim() };
    }
    case 'ST': case 'TX': case 'FT':
      return { type: valueType, text: comps.join(valueType === 'ST' ? '^' : '') };
    case 'CE': case 'CWE': case 'CNE': case 'CF': {
      const coded = readCoded(f, r);
      return coded ? { type: valueType === 'CE' ? 'CE' : 'CWE', coded } : undefined;
    }
    case 'SN': {
      const raw = comps.join('^');
      const v1 = toNumber(f.value(r, 2));
      const v2 = toNumber(f.value(r, 4));
      if (f.value(r, 2) !== '' && v1 === undefined) issues.push(issue('bad-number', 'warning', `SN value ${JSON.stringify(raw)}: component 2 is not a number`, { ...at, component: 2 }));
      return { type: 'SN', comparator: first, value1: v1, separator: f.value(r, 3), value2: v2, raw };
    }
    case 'DT': case 'TS': case 'DTM': {
      const fhir = hl7ToFhirDateTime(first);
      if (!fhir) issues.push(issue('bad-date', 'warning', `OBX-5 ${JSON.stringify(first)} is not an HL7 date/time`, at));
      return { type: valueType, raw: first, fhir };
    }
    case 'ED': case 'RP':
      return { type: valueType, components: comps };
    default:
      return { type: 'other', valueType, raw: comps.join('^') };
  }
}

const RANGE = /^\s*([+-]?\d+(?:\.\d+)?)\s*(?:-|–|to|_|\.\.)\s*([+-]?\d+(?:\.\d+)?)/i;
const BOUND = /^\s*(<=|>=|<|>|≤|≥)\s*([+-]?\d+(?:\.\d+)?)/;

/** OBX-7 in the many ways labs write it: `4.0-11.0`, `0 to 0.3`, `70_105`, `0.00&10000.00`, `<10 ug/dL`, `35-150^35^150`. */
export function readReferenceRange(f: Hl7Field): ReferenceRange | undefined {
  if (f.isEmpty || f.isNull) return undefined;
  const subs = f.subcomponents(1, 1);
  const text = subs.join('&');
  const range: ReferenceRange = { text: f.components(1).join('^') };
  const lowC = toNumber(f.value(1, 2));
  const highC = toNumber(f.value(1, 3));
  const subLow = subs.length === 2 ? toNumber(subs[0] ?? '') : undefined;
  const subHigh = subs.length === 2 ? toNumber(subs[1] ?? '') : undefined;
  const m = RANGE.exec(text);
  const b = BOUND.exec(text);
  if (lowC !== undefined || highC !== undefined) {
    if (lowC !== undefined) range.low = lowC;
    if (highC !== undefined) range.high = highC;
  } else if (subLow !== undefined && subHigh !== undefined) {
    range.low = subLow;
    range.high = subHigh;
    range.text = `${subs[0]}-${subs[1]}`;
  } else if (m) {
    range.low = Number(m[1]);
    range.high = Number(m[2]);
  } else if (b) {
    if (b[1]?.startsWith('<') || b[1] === '≤') range.high = Number(b[2]);
    else range.low = Number(b[2]);
  }
  if (range.text === '' && range.low === undefined && range.high === undefined) return undefined;
  return range;
}

/** HL7 table 0078 flags that mean a panic value. */
export const DEFAULT_CRITICAL_FLAGS: readonly string[] = ['HH', 'LL', 'AA'];

export function readAbnormalFlags(f: Hl7Field): string[] {
  const out: string[] = [];
  for (let r = 1; r <= f.repetitionCount; r++) {
    const v = f.value(r, 1).trim();
    if (v !== '' && v !== '""') out.push(v);
  }
  return out;
}

export { hl7ToFhirDateTime };
