import type { Resource } from '@medplum/fhirtypes';
import { unprocessable, conflict } from '../../fhir/errors.js';
import type { Repository, RequestContext } from '../../store/repository.js';
import { patientOf } from '../../store/repository.js';
import { columnPlan } from '../../store/columns.js';
import { historyTableOf, tableOf } from '../../store/schema.js';

/**
 * Creates many new resources in the caller's transaction with one statement per resource type:
 * current rows, version 1 in history, one audit row each and a change notification each, as
 * Repository.create does one at a time. Each resource carries its id. Checked with the
 * repository's validator and guard first (all of them, before anything is written); a clash with an
 * existing id fails the whole call (409).
 */
export async function createMany(repo: Repository, items: { ctx: RequestContext; resource: Resource }[], opts: { validate?: boolean } = {}): Promise<void> {
  if (!items.length) return;
  const lastUpdated = new Date().toISOString();
  const byType = new Map<string, { ctx: RequestContext; resource: Resource }[]>();
  for (const item of items) {
    const resource = { ...item.resource, meta: { ...item.resource.meta, versionId: '1', lastUpdated } } as Resource;
    if (opts.validate !== false) {
      const errors = (repo.opts.validate?.(resource) ?? []).filter((i) => i.severity === 'error' || i.severity === 'fatal');
      if (errors.length) throw unprocessable(errors);
    }
    repo.opts.guard?.(undefined, resource);
    const list = byType.get(resource.resourceType) ?? [];
    list.push({ ctx: item.ctx, resource });
    byType.set(resource.resourceType, list);
  }
  for (const [type, list] of byType) {
    const plan = columnPlan(type);
    const audit = repo.opts.audit;
    const rows = list.map(({ ctx, resource }) => {
      const row: Record<string, unknown> = { tenant: ctx.tenant, id: resource.id, content: resource };
      const values = plan.values(resource);
      plan.names.forEach((n, i) => (row[n] = values[i]));
      if (audit) {
        const e = audit.entryFor(ctx, 'create', type, resource.id, patientOf(resource), '0');
        e.columns.forEach((c, i) => (row[`a_${c}`] = e.values[i]));
      }
      return row;
    });
    const auditColumns = audit ? audit.entryFor({ tenant: '' }, 'create').columns : [];
    const recordType = [
      'tenant text',
      'id text',
      'content jsonb',
      ...plan.names.map((n, i) => `${n} ${plan.casts[i]}`),
      ...auditColumns.map((c) => `a_${c} ${c === 'recorded' ? 'timestamptz' : 'text'}`),
    ].join(', ');
    const table = tableOf(type);
    const ctes = [
      `v AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS v(${recordType}))`,
      `w AS (INSERT INTO ${table} (tenant, id, version, last_updated, deleted, content${plan.names.map((n) => ', ' + n).join('')})
        SELECT tenant, id, 1, $2::timestamptz, false, content${plan.names.map((n) => ', ' + n).join('')} FROM v
        ON CONFLICT (tenant, id) DO NOTHING RETURNING tenant, id)`,
      `h AS (INSERT INTO ${historyTableOf(type)} (tenant, id, version, last_updated, deleted, content)
        SELECT v.tenant, v.id, 1, $2::timestamptz, false, v.content FROM v JOIN w ON w.tenant = v.tenant AND w.id = v.id)`,
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
      select = `SELECT 1 AS n, pg_notify($3, json_build_object('tenant', tenant, 'type', '${type}', 'id', id, 'version', 1, 'deleted', false)::text) FROM w`;
    }
    const r = await repo.db.query<{ n: number }>(`WITH ${ctes.join(',\n')} ${select}`, params);
    const written = repo.opts.notifyChannel ? r.rows.length : Number(r.rows[0]?.n ?? 0);
    if (written !== rows.length) throw conflict(`${rows.length - written} of ${rows.length} new ${type} resources already exist`);
  }
}
