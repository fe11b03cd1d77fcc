import { createHash } from 'node:crypto';
import { columnOf, paramsFor, storedResourceTypes, type SearchParamDef } from '../fhir/search/registry.js';
import { MAX_PREFIX } from '../fhir/search/extract.js';

/** Table holding the current version of each resource of a type: "Patient" -> "res_patient". */
export const tableOf = (resourceType: string): string => `res_${resourceType.toLowerCase()}`;
export const historyTableOf = (resourceType: string): string => `res_${resourceType.toLowerCase()}_history`;

export interface ColumnDef {
  name: string;
  sqlType: 'text' | 'text[]' | 'timestamptz' | 'smallint';
}

/** The SQL columns one search parameter occupies. */
export function columnsOf(param: SearchParamDef): ColumnDef[] {
  const col = columnOf(param);
  switch (param.kind) {
    case 'code':
      return param.rank ? [{ name: col, sqlType: 'text' }, { name: `${col}_rank`, sqlType: 'smallint' }] : [{ name: col, sqlType: 'text' }];
    case 'tokens':
    case 'refs':
      return [{ name: col, sqlType: 'text[]' }];
    case 'ref':
      return [{ name: col, sqlType: 'text' }];
    case 'string':
      return [{ name: col, sqlType: 'text' }];
    case 'date':
      return [{ name: `${col}_lo`, sqlType: 'timestamptz' }, { name: `${col}_hi`, sqlType: 'timestamptz' }];
  }
}

export function searchColumns(resourceType: string): ColumnDef[] {
  const seen = new Map<string, ColumnDef>();
  for (const p of paramsFor(resourceType)) for (const c of columnsOf(p)) seen.set(c.name, c);
  return [...seen.values()];
}

function indexesOf(resourceType: string): { name: string; sql: string }[] {
  const table = tableOf(resourceType);
  const out: { name: string; sql: string }[] = [];
  const seen = new Set<string>();
  for (const p of paramsFor(resourceType)) {
    const col = columnOf(p);
    const name = `${table}_${col}_idx`;
    if (seen.has(name)) continue;
    seen.add(name);
    switch (p.kind) {
      case 'code':
      case 'ref':
        out.push({ name, sql: `CREATE INDEX IF NOT EXISTS ${name} ON ${table} (tenant, ${col})` });
        break;
      case 'tokens':
      case 'refs':
        out.push({ name, sql: `CREATE INDEX IF NOT EXISTS ${name} ON ${table} USING gin (${col}) WITH (fastupdate = off)` });
        break;
      case 'date':
        out.push({ name, sql: `CREATE INDEX IF NOT EXISTS ${name} ON ${table} (tenant, ${col}_lo)` });
        break;
      case 'string':
        if (p.within) break; // searched through the indexes of the param it lies within
        out.push({ name, sql: `CREATE INDEX IF NOT EXISTS ${name} ON ${table} USING gin (${col} gin_trgm_ops) WITH (fastupdate = off)` });
        out.push({ name: `${table}_${col}_prefixes_idx`, sql: `CREATE INDEX IF NOT EXISTS ${table}_${col}_prefixes_idx ON ${table} USING gin (${WORD_PREFIXES}(${col})) WITH (fastupdate = off)` });
        break;
    }
  }
  out.push({ name: `${table}_updated_idx`, sql: `CREATE INDEX IF NOT EXISTS ${table}_updated_idx ON ${table} (tenant, last_updated)` });
  if (resourceType === 'Task') {
    // Worklists: a role's open tasks, STAT first then by due time, answered from these indexes.
    out.push({ name: 'res_task_worklist_idx', sql: `CREATE INDEX IF NOT EXISTS res_task_worklist_idx ON res_task (tenant, sp_performer, sp_priority_rank, sp_due_lo, id) WHERE ${OPEN_TASK_PREDICATE}` });
    out.push({ name: 'res_task_worklist_loc_idx', sql: `CREATE INDEX IF NOT EXISTS res_task_worklist_loc_idx ON res_task (tenant, sp_performer, sp_location, sp_priority_rank, sp_due_lo, id) WHERE ${OPEN_TASK_PREDICATE}` });
  }
  return out;
}

/**
 * The SQL function behind string search: every prefix, up to MAX_PREFIX characters, of every word of
 * a search column's text (" ada lovelace" -> a, ad, ada, l, lo, ...). A GIN index over it answers the
 * default string search (starts with, on any word) with one key, where a trigram index must intersect
 * the posting lists of every trigram of the word. Computed by the index, so rows stay narrow.
 */
export const WORD_PREFIXES = 'allied_word_prefixes';
const wordPrefixesFunction = `CREATE OR REPLACE FUNCTION ${WORD_PREFIXES}(t text) RETURNS text[] LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  out text[] := '{}';
  w text;
BEGIN
  FOREACH w IN ARRAY string_to_array(t, ' ') LOOP
    FOR n IN 1 .. least(length(w), ${MAX_PREFIX}) LOOP
      out := out || left(w, n);
    END LOOP;
  END LOOP;
  RETURN out;
END $$`;

/** The task statuses a worklist shows. Queries must repeat this predicate exactly to use the partial indexes. */
export const OPEN_TASK_STATUSES = ['requested', 'received', 'accepted', 'ready', 'in-progress', 'on-hold'] as const;
export const OPEN_TASK_PREDICATE = `NOT deleted AND sp_status IN (${OPEN_TASK_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/**
 * Resource types written in bulk (lab results: each message files 3-5 Observations and a
 * DiagnosticReport, ~6 GIN indexes each). Their GIN indexes gather new entries in a small pending
 * list and merge them in bulk: about 20% less database CPU and 40% less WAL per filed message
 * (measured on filing 3,000 ORU^R01). The list is kept to 256 kB, so a search scans at most ~32
 * pending pages and the planner still picks these indexes. Every other type keeps GIN's pending
 * list off: a large one makes the planner shun the index under steady inserts.
 */
export const BULK_WRITTEN_TYPES = ['Observation', 'DiagnosticReport'];
export const GIN_PENDING_LIST_KB = 256;

/** The GIN storage settings of one index of a resource table. */
export function ginStorageDdl(resourceType: string, index: string): string {
  return BULK_WRITTEN_TYPES.includes(resourceType) ? `ALTER INDEX ${index} SET (fastupdate = on, gin_pending_list_limit = ${GIN_PENDING_LIST_KB})` : `ALTER INDEX ${index} SET (fastupdate = off)`;
}

/** DDL that creates (or completes) the tables of every stored resource type. Idempotent. */
export function resourceTablesDdl(): string[] {
  const ddl: string[] = [wordPrefixesFunction];
  for (const type of storedResourceTypes) {
    const table = tableOf(type);
    const history = historyTableOf(type);
    ddl.push(`CREATE TABLE IF NOT EXISTS ${table} (
      tenant text NOT NULL,
      id text NOT NULL,
      version integer NOT NULL,
      last_updated timestamptz NOT NULL,
      deleted boolean NOT NULL DEFAULT false,
      content jsonb NOT NULL,
      PRIMARY KEY (tenant, id))`);
    ddl.push(`CREATE TABLE IF NOT EXISTS ${history} (
      tenant text NOT NULL,
      id text NOT NULL,
      version integer NOT NULL,
      last_updated timestamptz NOT NULL,
      deleted boolean NOT NULL DEFAULT false,
      content jsonb NOT NULL,
      PRIMARY KEY (tenant, id, version))`);
    ddl.push(`CREATE INDEX IF NOT EXISTS ${history}_updated_idx ON ${history} (tenant, last_updated)`);
    for (const c of searchColumns(type)) ddl.push(`ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS ${c.name} ${c.sqlType}`);
    for (const p of paramsFor(type)) {
      // a string param searched through another's indexes keeps none of its own (older layouts had them)
      if (p.kind === 'string' && p.within) ddl.push(`DROP INDEX IF EXISTS ${table}_${columnOf(p)}_idx`, `DROP INDEX IF EXISTS ${table}_${columnOf(p)}_prefixes_idx`);
    }
    for (const i of indexesOf(type)) {
      ddl.push(i.sql);
      if (i.sql.includes('USING gin')) ddl.push(ginStorageDdl(type, i.name));
    }
  }
  return ddl;
}

/** A fingerprint of the search-parameter layout; when it changes, the store re-indexes existing rows. */
export function searchLayoutHash(): string {
  const h = createHash('sha256').update(wordPrefixesFunction);
  for (const type of storedResourceTypes) h.update(type + JSON.stringify(paramsFor(type)) + JSON.stringify(indexesOf(type)));
  return h.digest('hex').slice(0, 16);
}
