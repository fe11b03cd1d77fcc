/**
 * Checks of FHIR primitive values: the JSON type, then the R4 lexical form.
 * The regexes come from the definitions (`<type>.value` regex extension) and are anchored here. Where the
 * definitions' regex is written for XML Schema (`\s`, `\S` mean only space, tab, CR, LF) or would backtrack
 * badly in JavaScript, we check the same rule by hand.
 */
import type { StructureDefinition } from '@medplum/fhirtypes';

/** What is wrong with a primitive: the JSON type (`structure`) or its lexical form or range (`value`). */
export interface PrimitiveProblem {
  code: 'structure' | 'value';
  message: string;
}

export type PrimitiveCheck = (value: unknown) => PrimitiveProblem | undefined;

const wrongType = (message: string): PrimitiveProblem => ({ code: 'structure', message });
const badValue = (message: string): PrimitiveProblem => ({ code: 'value', message });

const REGEX_EXT = 'http://hl7.org/fhir/StructureDefinition/regex';
const INT32_MAX = 2147483647; // R4 integer is a signed 32-bit value
const INT32_MIN = -2147483648;
const STRING_MAX = 1048576; // R4 string maxLength (1 MB)

const XSD_WS = /[ \t\r\n]/;
const XSD_TOKEN = /^[^ \t\r\n]+([ \t\r\n][^ \t\r\n]+)*$/; // code: no leading/trailing or double whitespace
const BASE64_CHARS = /^[A-Za-z0-9+/]*={0,2}$/;
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const describe = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v);

function realDate(value: string): boolean {
  // "Dates SHALL be valid dates": the regex allows 2023-02-30
  if (value.length < 10) return true;
  const year = +value.slice(0, 4);
  const month = +value.slice(5, 7);
  const day = +value.slice(8, 10);
  if (month === 2 && day === 29) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= DAYS[month - 1];
}

function stringCheck(type: string, test: (s: string) => boolean, extra?: (s: string) => string | undefined): PrimitiveCheck {
  return (value) => {
    if (typeof value !== 'string') return wrongType(`${type} must be a JSON string, not ${describe(value)}`);
    if (value.length === 0) return badValue(`${type} must not be empty`);
    if (value.length > STRING_MAX) return badValue(`${type} is longer than ${STRING_MAX} characters`);
    if (!test(value)) return badValue(`"${clip(value)}" is not a valid ${type}`);
    const more = extra?.(value);
    return more ? badValue(more) : undefined;
  };
}

function numberCheck(type: string, min: number, max: number, integer: boolean): PrimitiveCheck {
  return (value) => {
    if (typeof value !== 'number') return wrongType(`${type} must be a JSON number, not ${describe(value)}`);
    if (!Number.isFinite(value)) return badValue(`${type} must be finite`);
    if (integer && !Number.isInteger(value)) return badValue(`${value} is not a valid ${type} (must be a whole number)`);
    if (value < min || value > max) return badValue(`${value} is out of range for ${type} (${min}..${max})`);
    return undefined;
  };
}

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}...` : s);

function base64(s: string): boolean {
  const compact = s.replace(/[ \t\r\n]+/g, '');
  return compact.length % 4 === 0 && BASE64_CHARS.test(compact);
}

/** Hand-written checks, keyed by type; everything else uses the definitions' regex. */
const special: Record<string, PrimitiveCheck> = {
  boolean: (v) => (typeof v === 'boolean' ? undefined : wrongType(`boolean must be JSON true or false, not ${describe(v)}`)),
  integer: numberCheck('integer', INT32_MIN, INT32_MAX, true),
  positiveInt: numberCheck('positiveInt', 1, INT32_MAX, true),
  unsignedInt: numberCheck('unsignedInt', 0, INT32_MAX, true),
  decimal: numberCheck('decimal', -Number.MAX_VALUE, Number.MAX_VALUE, false),
  string: stringCheck('string', () => true),
  markdown: stringCheck('markdown', () => true),
  code: stringCheck('code', (s) => XSD_TOKEN.test(s)),
  uri: stringCheck('uri', (s) => !XSD_WS.test(s)),
  url: stringCheck('url', (s) => !XSD_WS.test(s)),
  canonical: stringCheck('canonical', (s) => !XSD_WS.test(s)),
  base64Binary: stringCheck('base64Binary', base64),
  xhtml: stringCheck('xhtml', (s) => s.startsWith('<div')),
};

/** Builds the check for every primitive type in the definitions. */
export function compilePrimitives(types: StructureDefinition[]): Map<string, PrimitiveCheck> {
  const checks = new Map<string, PrimitiveCheck>();
  for (const sd of types) {
    if (sd.kind !== 'primitive-type' || !sd.type) continue;
    const type = sd.type;
    if (special[type]) {
      checks.set(type, special[type]);
      continue;
    }
    const valueEl = sd.snapshot?.element?.find((e) => e.path === `${type}.value`);
    const source = valueEl?.type?.[0]?.extension?.find((x) => x.url === REGEX_EXT)?.valueString;
    const regex = source ? new RegExp(`^(?:${source})$`) : undefined;
    const isDate = type === 'date' || type === 'dateTime' || type === 'instant';
    checks.set(
      type,
      stringCheck(type, (s) => !regex || regex.test(s), isDate ? (s) => (realDate(s) ? undefined : `"${s}" is not a real calendar date`) : undefined),
    );
  }
  return checks;
}
