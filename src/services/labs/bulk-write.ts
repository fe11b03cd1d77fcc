import type { Resource } from '@medplum/fhirtypes';
import { conflict, unprocessable } from '../../fhir/errors.js';
import type { Repository, RequestContext } from '../../store/repository.js';
import { changeAudience, patientOf } from '../../store/repository.js';
import { columnPlan } from '../../store/columns.js';
import { LINK_COLUMNS } from '../../store/audit.js';
import { historyTableOf, tableOf } from '../../store/schema.js';

export interface BulkWrite {
  ctx: RequestContext;
  /** carries its id */
  resource: Resource;
  /** for an update: the stored version it replaces (the write fails if it is no longer that one) */
  previous?: { version: number; content: Resource };
  /** built by code whose output tests prove valid (labResultToFhir): not validated again here */
  trusted?: boolean;
}

/**
 * Writes many resources in the caller's transaction with statements per resource type (new ones,
 * updated ones; up to CHUNK_ROWS rows each): current rows, the version in history, one audit row each (already linked
 * into the audit hash chain, so the sealer need not rewrite it) and a change notification each, as
 * Repository.create/update do one at a time. All are checked with the
 * repository's validator (except `trusted` ones) and guard before anything is written. An id that already exists (for a
 * new one) or a version that moved on (for an update) fails the whole call with 409.
 */
export async function writeMany(repo: Repository, items: BulkWrite[]): Promise<void> {
  if (!items.length) return;
  const lastUpdated = new Date().toISOString();
  const groups = new Map<string, { type: string; update: boolean; list: GroupItem[] }>();
  for (const item of items) {
    const version = item.previous ? item.previous.version + 1 : 1;
    const resource = { ...item.resource, meta: { ...item.resource.meta, versionId: String(version), lastUpdated } } as Resource;
    if (!item.trusted) {
      const errors = (repo.opts.validate?.(resource) ?? []).filter((i) => i.severity === 'error' || i.severity === 'fatal');
      if (errors.length) throw unprocessable(errors);
    }
    repo.opts.guard?.(item.previous?.content, resource);
    const key = `${resource.resourceType}|${item.previous ? 'u' : 'c'}`;
    const g = groups.get(key) ?? { type: resource.resourceType, update: !!item.previous, list: [] };
    g.list.push({ ctx: item.ctx, resource, version, expected: item.previous?.version });
    groups.set(key, g);
  }
  // audit rows go in already linked into the hash chain: the sealer would otherwise rewrite each one
  const audit = repo.opts.audit;
  if (audit) {
    const all = [...groups.values()].flatMap((g) => g.list.map((item) => ({ item, entry: audit.entryFor(item.ctx, g.update ? 'update' : 'create', g.type, item.resource.id, patientOf(item.resource), '0').values })));
    const links = await audit.linkNew(repo.db, all.map((a) => a.entry));
    all.forEach((a, i) => (a.item.audit = [...a.entry, ...links[i]]));
  }
  // Each group goes in chunks; a chunk's rows (search columns, JSON) are built while the database
  // writes the chunk before (one statement at a time on the transaction's connection).
  let writing: Promise<void> | undefined;
  for (const { type, update, list } of groups.values()) {
    for (let i = 0; i < list.length; i += CHUNK_ROWS) {
      let statement: GroupStatement;
      try {
        statement = groupStatement(repo, type, update, list.slice(i, i + CHUNK_ROWS), lastUpdated);
      } catch (error) {
        await writing?.catch(() => undefined); // the transaction fails with this error; the chunk in flight is rolled back with it
        throw error;
      }
      await writing;
      writing = runGroupStatement(repo, statement);
    }
  }
  await writing;
}

/** Rows per statement: small enough that building and writing overlap, large enough that statements stay few */
const CHUNK_ROWS = 150;

interface GroupItem {
  ctx: RequestContext;
  resource: Resource;
  version: number;
  expected?: number;
  /** its audit row, linked into the chain: the entry's values then LINK_COLUMNS */
  audit?: unknown[];
}

interface GroupStatement {
  type: string;
  update: boolean;
  sql: string;
  params: unknown[];
  rows: number;
}

function groupStatement(repo: Repository, type: string, update: boolean, list: GroupItem[], lastUpdated: string): GroupStatement {
  const plan = columnPlan(type);
  const audit = repo.opts.audit;
  const auditColumns = audit ? [...audit.entryFor({ tenant: '' }, 'create').columns, ...LINK_COLUMNS] : [];
  // Tasks and Communications say whom their change notification is for, as single writes do
  const audience = !!repo.opts.notifyChannel && (type === 'Task' || type === 'Communication');
  const rows = list.map(({ ctx, resource, version, expected, audit: auditRow }) => {
    const row: Record<string, unknown> = { tenant: ctx.tenant, id: resource.id, version, expected: expected ?? null, content: resource };
    const values = plan.values(resource);
    plan.names.forEach((n, i) => (row[n] = values[i]));
    if (auditRow) auditColumns.forEach((c, i) => (row[`a_${c}`] = auditRow[i]));
    if (audience) row.n_audience = changeAudience(type, resource);
    return row;
  });
  const recordType = [
    'tenant text',
    'id text',
    'version int',
    'expected int',
    'content jsonb',
    ...plan.names.map((n, i) => `${n} ${plan.casts[i]}`),
    ...auditColumns.map((c) => `a_${c} ${c === 'recorded' ? 'timestamptz' : c === 'seq' || c === 'chain_pos' ? 'bigint' : 'text'}`),
    ...(audience ? ['n_audience jsonb'] : []),
  ].join(', ');
  const table = tableOf(type);
  const main = update
    ? `UPDATE ${table} t SET version = v.version, last_updated = $2::timestamptz, deleted = false, content = v.content${plan.names.map((n) => `, ${n} = v.${n}`).join('')}
        FROM v WHERE t.tenant = v.tenant AND t.id = v.id AND t.version = v.expected RETURNING t.tenant, t.id`
    : `INSERT INTO ${table} (tenant, id, version, last_updated, deleted, content${plan.names.map((n) => ', ' + n).join('')})
        SELECT tenant, id, 1, $2::timestamptz, false, content${plan.names.map((n) => ', ' + n).join('')} FROM v
        ON CONFLICT (tenant, id) DO NOTHING RETURNING tenant, id`;
  const ctes = [
    `v AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS v(${recordType}))`,
    `w AS (${main})`,
    `h AS (INSERT INTO ${historyTableOf(type)} (tenant, id, version, last_updated, deleted, content)
      SELECT v.tenant, v.id, v.version, $2::timestamptz, false, v.content FROM v JOIN w ON w.tenant = v.tenant AND w.id = v.id)`,
  ];
  if (audit) {
    ctes.push(`a AS (INSERT INTO audit_log (${auditColumns.join(', ')})
      SELECT ${auditColumns.map((c) => `v.a_${c}`).join(', ')} FROM v JOIN w ON w.tenant = v.tenant AND w.id = v.id)`);
  }
  const params: unknown[] = [JSON.stringify(rows), lastUpdated];
  let select = 'SELECT count(*)::int AS n FROM w';
  if (repo.opts.notifyChannel) {
    // one notification per written row (live views), as a single write sends
    params.push(repo.opts.notifyChannel);
    const event = `jsonb_build_object('tenant', w.tenant, 'type', '${type}', 'id', w.id, 'version', v.version, 'deleted', false)${audience ? ' || v.n_audience' : ''}`;
    select = `SELECT 1 AS n, pg_notify($3, (${event})::text) FROM w JOIN v ON w.tenant = v.tenant AND w.id = v.id`;
  }
  return { type, update, sql: `WITH ${ctes.join(',\n')} ${select}`, params, rows: rows.length };
}

async function runGroupStatement(repo: Repository, { type, update, sql, params, rows }: GroupStatement): Promise<void> {
  const r = await repo.db.query<{ n: number }>(sql, params);
  const written = repo.opts.notifyChannel ? r.rows.length : Number(r.rows[0]?.n ?? 0);
  if (written !== rows) {
    throw conflict(update ? `${rows - written} of ${rows} ${type} resources changed while results were being filed; try again` : `${rows - written} of ${rows} new ${type} resources already exist`);
  }
}
