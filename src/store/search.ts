import type { Resource } from '@medplum/fhirtypes';
import { badRequest } from '../fhir/errors.js';
import { normaliseText, prefixKey, rangeOfDateString, valuesAt, referenceTarget, wordsOf } from '../fhir/search/extract.js';
import { columnOf, findParam, paramsFor, storedResourceTypes, type SearchParamDef } from '../fhir/search/registry.js';
import type { Db } from './db.js';
import { tableOf, WORD_PREFIXES } from './schema.js';

export interface SearchResult {
  /** the matches (empty when they were asked for as JSON text) */
  resources: Resource[];
  /** the matches as their stored JSON text, when asked for (the FHIR API puts them in the Bundle as they are) */
  json?: { id: string; text: string }[];
  /** resources pulled in by _include/_revinclude */
  included: Resource[];
  total?: number;
  offset: number;
  count: number;
  hasMore: boolean;
}

const CONTROL = new Set(['_count', '_offset', '_sort', '_include', '_revinclude', '_total', '_summary', '_elements', '_format', '_pretty']);
const PREFIXES = ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'sa', 'eb', 'ap'] as const;
export const MAX_COUNT = 1000;
const DEFAULT_COUNT = 20;

class Sql {
  params: unknown[] = [];
  add(v: unknown): string {
    this.params.push(v);
    return `$${this.params.length}`;
  }
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);

function dateCondition(sql: Sql, lo: string, hi: string, raw: string, where: string): string {
  const prefix = PREFIXES.find((p) => raw.startsWith(p) && /^\d/.test(raw.slice(2))) ?? 'eq';
  const value = prefix === 'eq' && !raw.startsWith('eq') ? raw : raw.slice(2);
  const range = rangeOfDateString(value);
  if (!range) throw badRequest(`"${raw}" is not a FHIR date (use YYYY, YYYY-MM, YYYY-MM-DD or a dateTime, optionally after eq, ne, lt, le, gt, ge, sa, eb)`, where);
  // add only the bounds a prefix uses: an unused parameter has no type PostgreSQL can infer
  const qlo = () => sql.add(range.lo) + '::timestamptz';
  const qhi = () => sql.add(range.hi) + '::timestamptz';
  switch (prefix) {
    case 'eq':
    case 'ap':
      return `(${lo} >= ${qlo()} AND ${hi} <= ${qhi()})`;
    case 'ne':
      return `NOT (${lo} >= ${qlo()} AND ${hi} <= ${qhi()})`;
    case 'lt':
      return `${lo} < ${qlo()}`;
    case 'le':
      return `${lo} <= ${qhi()}`;
    case 'gt':
      return `${hi} > ${qhi()}`;
    case 'ge':
      return `${hi} >= ${qlo()}`;
    case 'sa':
      return `${lo} > ${qhi()}`;
    case 'eb':
      return `${hi} < ${qlo()}`;
  }
}

/** "123", "Patient/123" or a full URL -> the stored "Type/id" forms it may match. */
function referenceValues(param: SearchParamDef, raw: string, modifierType?: string): string[] {
  if (raw.includes('/')) return [referenceTarget(raw) ?? raw];
  const types = modifierType ? [modifierType] : (param.targets ?? []).filter((t) => t !== 'Resource');
  if (!types.length) return storedResourceTypes.map((t) => `${t}/${raw}`);
  return types.map((t) => `${t}/${raw}`);
}

function paramCondition(sql: Sql, type: string, name: string, modifier: string | undefined, rawValue: string): string {
  const where = `${type}?${name}`;
  const values = rawValue.split(/(?<!\\),/).map((v) => v.replace(/\\,/g, ','));
  if (name === '_id') return `id = ANY(${sql.add(values)}::text[])`;
  if (name === '_lastUpdated') return '(' + values.map((v) => dateCondition(sql, 'last_updated', 'last_updated', v, where)).join(' OR ') + ')';
  const param = findParam(type, name);
  if (!param) {
    const known = ['_id', '_lastUpdated', ...paramsFor(type).map((p) => p.name)].join(', ');
    throw badRequest(`${type} has no search parameter "${name}". Supported: ${known}`, where);
  }
  const col = columnOf(param);
  if (modifier === 'missing') {
    const target = param.kind === 'date' ? `${col}_lo` : col;
    return rawValue === 'true' ? `${target} IS NULL` : `${target} IS NOT NULL`;
  }
  switch (param.kind) {
    case 'code': {
      const codes = values.map((v) => (v.includes('|') ? v.slice(v.indexOf('|') + 1) : v));
      return modifier === 'not' ? `(${col} IS NULL OR NOT (${col} = ANY(${sql.add(codes)}::text[])))` : `${col} = ANY(${sql.add(codes)}::text[])`;
    }
    case 'tokens': {
      if (modifier === 'text') return '(' + values.map((v) => `EXISTS (SELECT 1 FROM unnest(${col}) t WHERE t LIKE ${sql.add('%' + likeEscape(normaliseText(v)) + '%')})`).join(' OR ') + ')';
      const cond = `${col} && ${sql.add(values)}::text[]`;
      return modifier === 'not' ? `(${col} IS NULL OR NOT (${cond}))` : cond;
    }
    case 'ref':
    case 'refs': {
      if (modifier && modifier !== 'identifier' && !storedResourceTypes.includes(modifier)) throw badRequest(`Modifier ":${modifier}" is not supported on ${name}`, where);
      const refs = values.flatMap((v) => referenceValues(param, v, modifier));
      return param.kind === 'ref' ? `${col} = ANY(${sql.add(refs)}::text[])` : `${col} && ${sql.add(refs)}::text[]`;
    }
    case 'date':
      return '(' + values.map((v) => dateCondition(sql, `${col}_lo`, `${col}_hi`, v, where)).join(' OR ') + ')';
    case 'string': {
      // the indexed column: this param's own, or that of the param whose text holds all its words
      const indexed = param.within ? columnOf(findParam(type, param.within)!) : col;
      const conds = values.map((v) => {
        const plain = normaliseText(v);
        const text = likeEscape(plain);
        if (!text) throw badRequest(`Search parameter "${name}" needs a value`, where);
        if (modifier === 'contains') {
          const like = sql.add('%' + text + '%');
          return indexed === col ? `${col} LIKE ${like}` : `(${indexed} LIKE ${like} AND ${col} LIKE ${like})`;
        }
        if (modifier && modifier !== 'exact') throw badRequest(`Modifier ":${modifier}" is not supported on ${name} (use :exact or :contains)`, where);
        // the word-prefix index finds the rows whose words start like the first searched word;
        // the text itself decides when that is not the whole answer (several words, a long word,
        // :exact, or a param searched through another's index)
        const words = wordsOf(plain);
        const key = prefixKey(words[0]);
        const found = `${WORD_PREFIXES}(${indexed}) @> ARRAY[${sql.add(key)}::text]`;
        if (modifier === 'exact') return `(${found} AND (${col} LIKE ${sql.add('% ' + text + ' %')} OR ${col} LIKE ${sql.add('% ' + text)}))`;
        if (words.length === 1 && key === words[0] && indexed === col) return found;
        return `(${found} AND ${col} LIKE ${sql.add('% ' + text + '%')})`;
      });
      return '(' + conds.join(' OR ') + ')';
    }
  }
}

/** Conditions that match few rows through an index of their own (names, identifiers, references, ids). */
function narrows(type: string, name: string, modifier: string | undefined): boolean {
  if (name === '_id') return true;
  if (modifier === 'missing' || modifier === 'not' || modifier === 'text') return false;
  const kind = findParam(type, name)?.kind;
  return kind === 'string' || kind === 'tokens' || kind === 'ref' || kind === 'refs';
}

/** The ORDER BY of a search and the columns it reads. */
function sortClause(type: string, sort: string | null): { sql: string; columns: string[] } {
  if (!sort) return { sql: 'ORDER BY last_updated DESC, id', columns: ['last_updated'] };
  const columns: string[] = [];
  const parts = sort.split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
    const desc = s.startsWith('-');
    const name = desc ? s.slice(1) : s;
    let column: string;
    let expr: string | undefined;
    if (name === '_lastUpdated') column = 'last_updated';
    else if (name === '_id') column = 'id';
    else {
      const p = findParam(type, name);
      if (!p) throw badRequest(`Cannot sort ${type} by "${name}": no such search parameter`, `${type}?_sort`);
      const col = columnOf(p);
      if (p.kind === 'date') column = `${col}_lo`;
      else if (p.kind === 'code' && p.rank) column = `${col}_rank`;
      else if (p.kind === 'tokens' || p.kind === 'refs') [column, expr] = [col, `${col}[1]`];
      else column = col;
    }
    columns.push(column);
    return `${expr ?? column} ${desc ? 'DESC' : 'ASC'} NULLS LAST`;
  });
  return { sql: `ORDER BY ${parts.join(', ')}, id`, columns };
}

export function parseCount(raw: string | null): number {
  if (raw === null) return DEFAULT_COUNT;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw badRequest(`_count must be a whole number from 0 to ${MAX_COUNT}`, '_count');
  return Math.min(n, MAX_COUNT);
}

/** The SQL of one search: the page (one row more than asked, to know whether there is a next) and the count. */
export interface SearchSql {
  /** undefined when no resources are wanted (_summary=count, _count=0) */
  page?: string;
  /** undefined unless a total is asked for */
  count?: string;
  params: unknown[];
  pageSize: number;
  offset: number;
}

export function searchSql(tenant: string, type: string, query: URLSearchParams, opts: { json?: boolean } = {}): SearchSql {
  const sql = new Sql();
  const conds = [`tenant = ${sql.add(tenant)}`, 'NOT deleted'];
  let narrow = false;
  for (const [key, value] of query) {
    if (CONTROL.has(key)) continue;
    const [name, modifier] = key.split(':');
    conds.push(paramCondition(sql, type, name, modifier, value));
    narrow ||= narrows(type, name, modifier);
  }
  const pageSize = parseCount(query.get('_count'));
  const offset = query.get('_offset') ? Number(query.get('_offset')) : 0;
  if (!Number.isInteger(offset) || offset < 0) throw badRequest('_offset must be a whole number of 0 or more', '_offset');
  const table = tableOf(type);
  const where = conds.join(' AND ');
  const summaryCount = query.get('_summary') === 'count';
  const wantTotal = summaryCount || query.get('_total') === 'accurate' || query.get('_total') === 'estimate';
  let page: string | undefined;
  if (!summaryCount && pageSize > 0) {
    // A narrowing condition finds its few rows through its own index; sorting those is cheap. Left to
    // itself, PostgreSQL may instead walk the sort order's index hoping to meet matches early, and when
    // the matches sit at the far end (names of long-ago patients, newest first) it reads the whole table.
    // "OFFSET 0" keeps the planner from pushing the ORDER BY ... LIMIT into the inner query.
    const order = sortClause(type, query.get('_sort'));
    const columns = [...new Set(['content', 'id', ...order.columns])].join(', ');
    const from = narrow ? `(SELECT ${columns} FROM ${table} WHERE ${where} OFFSET 0) m` : `${table} WHERE ${where}`;
    page = `SELECT ${opts.json ? columns : 'content'} FROM ${from} ${order.sql} LIMIT ${pageSize + 1} OFFSET ${offset}`;
    // JSON text for the page only: below the LIMIT, PostgreSQL would convert every match before sorting
    if (opts.json) page = `SELECT id, content::text AS json FROM (${page}) p ${order.sql}`;
  }
  const count = wantTotal ? `SELECT count(*)::bigint AS n FROM ${table} WHERE ${where}` : undefined;
  return { page, count, params: sql.params, pageSize, offset };
}

/**
 * Builds and runs one search, with paging, totals and includes. With json, the matches come back as
 * their stored JSON text, never parsed (unless _include needs to read their references).
 */
export async function searchResources(db: Db, tenant: string, type: string, query: URLSearchParams, opts: { json?: boolean } = {}): Promise<SearchResult> {
  const q = searchSql(tenant, type, query, opts);
  const { pageSize: count, offset } = q;
  let resources: Resource[] = [];
  let json: { id: string; text: string }[] | undefined;
  let ids: string[] = [];
  let hasMore = false;
  if (q.page) {
    // first pages are the hot path: prepared (deep offsets would each be a statement of their own)
    if (opts.json) {
      const r = await db.query<{ id: string; json: string }>(q.page, q.params, { prepare: offset === 0 });
      json = r.rows.map((row) => ({ id: row.id, text: row.json }));
      hasMore = json.length > count;
      if (hasMore) json.pop();
      ids = json.map((m) => m.id);
    } else {
      const r = await db.query<{ content: Resource }>(q.page, q.params, { prepare: offset === 0 });
      resources = r.rows.map((row) => row.content);
      hasMore = resources.length > count;
      if (hasMore) resources.pop();
      ids = resources.map((m) => m.id!);
    }
  } else if (opts.json) json = [];
  let total: number | undefined;
  if (q.count) total = Number((await db.query<{ n: number }>(q.count, q.params, { prepare: true })).rows[0].n);
  else if (!hasMore && count > 0) total = offset + ids.length;
  const parsed = () => (json ? json.map((m) => JSON.parse(m.text) as Resource) : resources);
  const included = await includes(db, tenant, type, ids, parsed, query);
  return { resources, ...(json ? { json } : {}), included, total, offset, count, hasMore };
}

async function includes(db: Db, tenant: string, type: string, ids: string[], matches: () => Resource[], query: URLSearchParams): Promise<Resource[]> {
  if (!ids.length) return [];
  const out = new Map<string, Resource>();
  const have = new Set(ids.map((id) => `${type}/${id}`));
  const includeSpecs = query.getAll('_include');
  const resources = includeSpecs.length ? matches() : [];
  for (const spec of includeSpecs) {
    const [srcType, name, targetType] = spec.split(':');
    if (srcType !== type) throw badRequest(`_include=${spec}: the source type must be ${type}`, '_include');
    const param = findParam(type, name);
    if (!param || (param.kind !== 'ref' && param.kind !== 'refs')) throw badRequest(`_include=${spec}: ${type} has no reference parameter "${name}"`, '_include');
    const byType = new Map<string, Set<string>>();
    for (const r of resources) {
      for (const v of param.paths.flatMap((p) => valuesAt(r, p))) {
        const t = referenceTarget(v);
        if (!t) continue;
        const [rt, id] = t.split('/');
        if (targetType && rt !== targetType) continue;
        if (!storedResourceTypes.includes(rt) || have.has(t)) continue;
        if (!byType.has(rt)) byType.set(rt, new Set());
        byType.get(rt)!.add(id);
      }
    }
    for (const [rt, ids] of byType) {
      const r = await db.query<{ content: Resource }>(`SELECT content FROM ${tableOf(rt)} WHERE tenant = $1 AND id = ANY($2::text[]) AND NOT deleted`, [tenant, [...ids]], { prepare: true });
      for (const row of r.rows) out.set(`${rt}/${row.content.id}`, row.content);
    }
  }
  for (const spec of query.getAll('_revinclude')) {
    const [srcType, name] = spec.split(':');
    if (!storedResourceTypes.includes(srcType)) throw badRequest(`_revinclude=${spec}: unknown resource type ${srcType}`, '_revinclude');
    const param = findParam(srcType, name);
    if (!param || (param.kind !== 'ref' && param.kind !== 'refs')) throw badRequest(`_revinclude=${spec}: ${srcType} has no reference parameter "${name}"`, '_revinclude');
    const col = columnOf(param);
    const targets = [...have];
    const cond = param.kind === 'ref' ? `${col} = ANY($2::text[])` : `${col} && $2::text[]`;
    const r = await db.query<{ content: Resource }>(`SELECT content FROM ${tableOf(srcType)} WHERE tenant = $1 AND ${cond} AND NOT deleted LIMIT 1000`, [tenant, targets], { prepare: true });
    for (const row of r.rows) out.set(`${srcType}/${row.content.id}`, row.content);
  }
  return [...out.values()];
}
