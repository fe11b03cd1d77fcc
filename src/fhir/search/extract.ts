import type { SearchParamDef } from './registry.js';

/** Values found at a dotted path; arrays are flattened at every step, [x] matches any choice type. */
export function valuesAt(resource: unknown, path: string): unknown[] {
  let current: unknown[] = [resource];
  for (const segment of path.split('.')) {
    const next: unknown[] = [];
    const choice = segment.endsWith('[x]') ? segment.slice(0, -3) : null;
    for (const node of current) {
      if (node === null || typeof node !== 'object') continue;
      const obj = node as Record<string, unknown>;
      if (choice) {
        for (const key of Object.keys(obj)) {
          if (key.startsWith(choice) && key.length > choice.length && /[A-Z]/.test(key[choice.length])) push(next, obj[key], key.slice(choice.length));
        }
      } else {
        push(next, obj[segment]);
      }
    }
    current = next;
  }
  return current;
}

function push(out: unknown[], value: unknown, choiceType?: string): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const v of value) if (v !== undefined && v !== null) out.push(choiceType ? { __choice: choiceType, value: v } : v);
  } else {
    out.push(choiceType ? { __choice: choiceType, value } : value);
  }
}

const unwrap = (v: unknown): unknown => (v && typeof v === 'object' && '__choice' in (v as object) ? (v as { value: unknown }).value : v);

/** Token index entries for one value: "code", "system|code", "system|" (and "|code" when there is no system). */
export function tokenEntries(raw: unknown): string[] {
  const v = unwrap(raw);
  const out: string[] = [];
  const add = (system: string | undefined, code: string | undefined) => {
    if (code === undefined || code === '') {
      if (system) out.push(`${system}|`);
      return;
    }
    out.push(code);
    if (system) {
      out.push(`${system}|${code}`, `${system}|`);
    } else {
      out.push(`|${code}`);
    }
  };
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') add(undefined, String(v));
  else if (v && typeof v === 'object') {
    const o = v as Record<string, any>;
    if (Array.isArray(o.coding)) for (const c of o.coding) add(c?.system, c?.code);
    else if ('value' in o && !('code' in o)) add(o.system, o.value === undefined ? undefined : String(o.value)); // Identifier
    else if ('code' in o || 'system' in o) add(o.system, o.code); // Coding
    if (typeof o.text === 'string' && !Array.isArray(o.coding) && !('value' in o)) out.push(o.text.toLowerCase());
  }
  return out;
}

/** The first code of a value (for single-token columns such as status or priority). */
export function firstCode(raw: unknown): string | undefined {
  const v = unwrap(raw);
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return String(v);
  if (v && typeof v === 'object') {
    const o = v as Record<string, any>;
    if (Array.isArray(o.coding)) return o.coding[0]?.code;
    if (typeof o.code === 'string') return o.code;
    if (o.value !== undefined) return String(o.value);
  }
  return undefined;
}

/** "Patient/123" from a Reference (relative, absolute URL ending in Type/id, or a plain Type/id string). */
export function referenceTarget(raw: unknown): string | undefined {
  const v = unwrap(raw);
  const ref = typeof v === 'string' ? v : v && typeof v === 'object' ? (v as { reference?: string }).reference : undefined;
  if (!ref || ref.startsWith('#')) return undefined;
  const m = /([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(ref);
  return m ? `${m[1]}/${m[2]}` : ref;
}

/** The instant range a FHIR date, dateTime, instant or Period covers, as ISO strings. */
export function dateRange(raw: unknown): { lo: string; hi: string } | undefined {
  const v = unwrap(raw);
  if (typeof v === 'string') return rangeOfDateString(v);
  if (v && typeof v === 'object') {
    const p = v as { start?: string; end?: string };
    if (p.start || p.end) {
      const lo = p.start ? rangeOfDateString(p.start)?.lo : undefined;
      const hi = p.end ? rangeOfDateString(p.end)?.hi : undefined;
      return { lo: lo ?? '-infinity', hi: hi ?? 'infinity' };
    }
  }
  return undefined;
}

/** "2024" -> the whole year; "2024-03-05" -> that day (UTC); a dateTime with seconds -> that second. */
export function rangeOfDateString(s: string): { lo: string; hi: string } | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/.exec(s.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, sec, frac, tz] = m;
  if (h !== undefined) {
    const base = `${y}-${mo}-${d}T${h}:${mi}:${sec ?? '00'}${frac ?? ''}${tz ?? 'Z'}`;
    const t = Date.parse(base);
    if (Number.isNaN(t)) return undefined;
    const span = sec === undefined ? 60_000 : frac ? 1 : 1000;
    return { lo: new Date(t).toISOString(), hi: new Date(t + span - 1).toISOString() };
  }
  const year = Number(y);
  const month = mo ? Number(mo) - 1 : 0;
  const day = d ? Number(d) : 1;
  const start = Date.UTC(year, month, day);
  const end = d ? Date.UTC(year, month, day + 1) : mo ? Date.UTC(year, month + 1, 1) : Date.UTC(year + 1, 0, 1);
  if (Number.isNaN(start)) return undefined;
  return { lo: new Date(start).toISOString(), hi: new Date(end - 1).toISOString() };
}

/** Lower-case, accent-free text for string search ("Zoë O'Brien" -> "zoe o'brien"). */
export function normaliseText(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
}

/**
 * String search indexes every prefix of every word of the stored text, up to this many characters
 * (the SQL function allied_word_prefixes in store/schema.ts); a longer search is rechecked on the text.
 */
export const MAX_PREFIX = 20;

/** The words of normalised text, split on single spaces as the stored text is joined. */
export const wordsOf = (text: string): string[] => text.split(' ').filter(Boolean);

/** The index key a searched word is looked up by: the word, cut to MAX_PREFIX characters. */
export const prefixKey = (word: string): string => [...word].slice(0, MAX_PREFIX).join('');

function stringParts(raw: unknown): string[] {
  const v = unwrap(raw);
  if (typeof v === 'string') return [v];
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const parts: string[] = [];
    for (const key of ['text', 'family', 'given', 'prefix', 'suffix', 'line', 'city', 'state', 'postalCode', 'country']) {
      const x = o[key];
      if (typeof x === 'string') parts.push(x);
      else if (Array.isArray(x)) parts.push(...x.filter((s): s is string => typeof s === 'string'));
    }
    return parts;
  }
  return [];
}

export type ColumnValues = Record<string, unknown>;

/** The column values one parameter contributes for a resource (null when absent). */
export function extractParam(resource: unknown, param: SearchParamDef, column: string): ColumnValues {
  return compiledParam(param)(resource, column);
}

type CompiledParam = (resource: unknown, column: string) => ColumnValues;

/**
 * Each parameter's paths are split and its kind chosen once (the first time it is used), not on
 * every write: extraction runs for every stored resource, four per filed lab result.
 */
const compiled = new WeakMap<SearchParamDef, CompiledParam>();

function compiledParam(param: SearchParamDef): CompiledParam {
  let fn = compiled.get(param);
  if (fn) return fn;
  const paths = param.paths.map(compilePath);
  const values = paths.length === 1 ? paths[0] : (resource: unknown) => paths.flatMap((p) => p(resource));
  const targets = param.targets && !param.targets.includes('Resource') ? param.targets : undefined;
  const wanted = (t: string | undefined): t is string => !!t && (!targets || targets.includes(t.slice(0, t.indexOf('/') >>> 0)));
  switch (param.kind) {
    case 'code': {
      const rank = param.rank;
      fn = (resource, column) => {
        let c: string | null = null;
        for (const v of values(resource)) {
          const x = firstCode(v);
          if (x !== undefined) {
            c = x;
            break;
          }
        }
        const out: ColumnValues = { [column]: c };
        if (rank) out[`${column}_rank`] = c !== null && c in rank ? rank[c] : null;
        return out;
      };
      break;
    }
    case 'tokens':
      fn = (resource, column) => {
        const all = new Set<string>();
        for (const v of values(resource)) for (const t of tokenEntries(v)) all.add(t);
        return { [column]: all.size ? [...all] : null };
      };
      break;
    case 'ref':
      fn = (resource, column) => {
        for (const v of values(resource)) {
          const t = referenceTarget(v);
          if (wanted(t)) return { [column]: t };
        }
        return { [column]: null };
      };
      break;
    case 'refs':
      fn = (resource, column) => {
        const all = new Set<string>();
        for (const v of values(resource)) {
          const t = referenceTarget(v);
          if (wanted(t)) all.add(t);
        }
        return { [column]: all.size ? [...all] : null };
      };
      break;
    case 'date':
      fn = (resource, column) => {
        let lo: string | undefined;
        let hi: string | undefined;
        for (const v of values(resource)) {
          const r = dateRangeOf(v);
          if (!r) continue;
          // the earliest start and the latest end, as a string sort orders them
          if (lo === undefined || r.lo < lo) lo = r.lo;
          if (hi === undefined || r.hi > hi) hi = r.hi;
        }
        return { [`${column}_lo`]: lo ?? null, [`${column}_hi`]: hi ?? null };
      };
      break;
    case 'string':
      fn = (resource, column) => {
        const parts = values(resource).flatMap(stringParts).map(normaliseText).filter(Boolean);
        return { [column]: parts.length ? ' ' + parts.join(' ') : null };
      };
      break;
  }
  compiled.set(param, fn);
  return fn;
}

/** valuesAt for one path, its segments split once. */
function compilePath(path: string): (resource: unknown) => unknown[] {
  const steps = path.split('.').map((segment) => (segment.endsWith('[x]') ? { key: segment.slice(0, -3), choice: true } : { key: segment, choice: false }));
  return (resource) => {
    let current: unknown[] = [resource];
    for (const { key, choice } of steps) {
      const next: unknown[] = [];
      for (const node of current) {
        if (node === null || typeof node !== 'object') continue;
        const obj = node as Record<string, unknown>;
        if (!choice) {
          push(next, obj[key]);
          continue;
        }
        for (const k of Object.keys(obj)) {
          const c = k.charCodeAt(key.length); // the choice's type starts with a capital letter
          if (c >= 65 && c <= 90 && k.startsWith(key)) push(next, obj[k], k.slice(key.length));
        }
      }
      current = next;
    }
    return current;
  };
}

/**
 * dateRange with the ranges of recent date strings remembered: a lab message's results share their
 * times, and parsing and printing dates is most of extraction's cost. The ranges are only read.
 */
const recentRanges = new Map<string, { lo: string; hi: string } | undefined>();
function dateRangeOf(raw: unknown): { lo: string; hi: string } | undefined {
  const v = unwrap(raw);
  if (typeof v !== 'string') return dateRange(v);
  if (recentRanges.has(v)) return recentRanges.get(v);
  if (recentRanges.size >= 1_000) recentRanges.clear();
  const r = rangeOfDateString(v);
  recentRanges.set(v, r);
  return r;
}
