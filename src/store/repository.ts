import { randomUUID } from 'node:crypto';
import type { Resource } from '@medplum/fhirtypes';
import { badRequest, conflict, FhirError, gone, notFound, preconditionFailed, unprocessable, type Issue } from '../fhir/errors.js';
import { storedResourceTypes } from '../fhir/search/registry.js';
import type { Db } from './db.js';
import { columnPlan } from './columns.js';
import { historyTableOf, tableOf } from './schema.js';
import { applyJsonPatch } from './json-patch.js';
import { searchResources, type SearchResult } from './search.js';
import type { AuditLog, AuditOperation } from './audit.js';

/** Who is asking, for which organisation, from where. Every store call carries one. */
export interface RequestContext {
  tenant: string;
  user?: { id: string; username: string; role: string };
  source?: string;
}

export type Validator = (resource: unknown) => Issue[];

export interface RepositoryOptions {
  validate?: Validator;
  audit?: AuditLog;
  /** channel for pg_notify on every committed write (live worklists); off when undefined */
  notifyChannel?: string;
  /** business rules checked on every write, e.g. the task state machine; throw to refuse */
  guard?: (previous: Resource | undefined, next: Resource) => void;
}

export interface HistoryEntry {
  resource: Resource;
  deleted: boolean;
  versionId: string;
  lastUpdated: string;
}

const ID_RE = /^[A-Za-z0-9\-.]{1,64}$/;

export function assertStoredType(type: string): void {
  if (!storedResourceTypes.includes(type)) {
    throw new FhirError(404, [{ severity: 'error', code: 'not-supported', diagnostics: `Resource type "${type}" is not supported here. Supported: ${storedResourceTypes.join(', ')}` }]);
  }
}

function assertId(id: string): void {
  if (!ID_RE.test(id)) throw badRequest(`"${id}" is not a valid resource id (1-64 letters, digits, "-" or ".")`);
}

/** The one place that reads and writes resources. Each write keeps its version in history in the same statement. */
export class Repository {
  constructor(
    readonly db: Db,
    readonly opts: RepositoryOptions = {},
  ) {}

  /** The same repository working inside a transaction. */
  within(tx: Db): Repository {
    return new Repository(tx, this.opts);
  }

  async transaction<T>(fn: (repo: Repository) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => fn(this.within(tx)));
  }

  private check(resource: Resource): void {
    const issues = this.opts.validate?.(resource) ?? [];
    const errors = issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
    if (errors.length) throw unprocessable(errors);
  }

  private auditWrite(ctx: RequestContext, op: AuditOperation, resource: Resource | { resourceType: string; id: string }, outcome = '0') {
    return this.opts.audit?.entryFor(ctx, op, resource.resourceType, resource.id, patientOf(resource), outcome);
  }

  /** The SQL and parameters that write one version: current row, history row, audit row and notification, in one statement. */
  private writeStatement(ctx: RequestContext, resource: Resource, version: number, mode: 'insert' | 'update' | 'delete', op: AuditOperation, expected?: number) {
    const type = resource.resourceType;
    const table = tableOf(type);
    const plan = columnPlan(type);
    const lastUpdated = resource.meta!.lastUpdated!;
    const deleted = mode === 'delete';
    const params: unknown[] = [ctx.tenant, resource.id, version, lastUpdated, deleted, JSON.stringify(resource)];
    const colValues = deleted ? plan.names.map(() => null) : plan.values(resource);
    const colParams = colValues.map((v, i) => {
      params.push(v);
      return `$${params.length}::${plan.casts[i]}`;
    });
    const ctes: string[] = [];
    let main: string;
    if (mode === 'insert') {
      main = `INSERT INTO ${table} (tenant, id, version, last_updated, deleted, content${plan.names.map((n) => ', ' + n).join('')})
        VALUES ($1, $2, $3, $4::timestamptz, $5, $6::jsonb${colParams.map((p) => ', ' + p).join('')})
        ON CONFLICT (tenant, id) DO NOTHING RETURNING id`;
    } else {
      params.push(expected);
      main = `UPDATE ${table} SET version = $3, last_updated = $4::timestamptz, deleted = $5, content = $6::jsonb${plan.names.map((n, i) => `, ${n} = ${colParams[i]}`).join('')}
        WHERE tenant = $1 AND id = $2 AND version = $${params.length} RETURNING id`;
    }
    ctes.push(`w AS (${main})`);
    ctes.push(`h AS (INSERT INTO ${historyTableOf(type)} (tenant, id, version, last_updated, deleted, content) SELECT $1, $2, $3, $4::timestamptz, $5, $6::jsonb FROM w)`);
    const audit = this.auditWrite(ctx, op, resource);
    if (audit) {
      const base = params.length;
      params.push(...audit.values);
      ctes.push(`a AS (INSERT INTO audit_log (${audit.columns.join(', ')}) SELECT ${audit.columns.map((_, i) => `$${base + i + 1}`).join(', ')} FROM w)`);
    }
    let select = 'SELECT id FROM w';
    if (this.opts.notifyChannel) {
      params.push(this.opts.notifyChannel, JSON.stringify({ tenant: ctx.tenant, type, id: resource.id, version, deleted, ...changeAudience(type, resource) }));
      select = `SELECT id, pg_notify($${params.length - 1}, $${params.length}) FROM w`;
    }
    return { sql: `WITH ${ctes.join(', ')} ${select}`, params };
  }

  async create<T extends Resource>(ctx: RequestContext, input: T, opts: { ifNoneExist?: string; keepId?: boolean } = {}): Promise<{ resource: T; created: boolean }> {
    if (!input || typeof input !== 'object' || typeof input.resourceType !== 'string') throw badRequest('The body must be a FHIR resource with a resourceType');
    assertStoredType(input.resourceType);
    if (opts.ifNoneExist) {
      const query = opts.ifNoneExist.replace(/^[^?]*\?/, '');
      return this.transaction(async (repo) => {
        await repo.db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${ctx.tenant}|${input.resourceType}|${query}`]);
        const found = await repo.search(ctx, input.resourceType, new URLSearchParams(query), { audit: false });
        if (found.resources.length > 1) throw preconditionFailed(`If-None-Exist "${query}" matched ${found.resources.length} ${input.resourceType} resources; it must match at most one`);
        if (found.resources.length === 1) return { resource: found.resources[0] as T, created: false };
        return repo.create(ctx, input, { keepId: opts.keepId });
      });
    }
    const id = opts.keepId && input.id ? input.id : randomUUID();
    assertId(id);
    const resource = { ...input, id, meta: { ...input.meta, versionId: '1', lastUpdated: new Date().toISOString() } } as T;
    this.check(resource);
    this.opts.guard?.(undefined, resource);
    const { sql, params } = this.writeStatement(ctx, resource, 1, 'insert', 'create');
    const r = await this.db.query(sql, params, { prepare: true });
    if (!r.rows.length) throw conflict(`${resource.resourceType}/${id} already exists`);
    return { resource, created: true };
  }

  private async current(ctx: RequestContext, type: string, id: string): Promise<{ version: number; deleted: boolean; content: Resource } | undefined> {
    const r = await this.db.query<{ version: number; deleted: boolean; content: Resource }>(
      `SELECT version, deleted, content FROM ${tableOf(type)} WHERE tenant = $1 AND id = $2`,
      [ctx.tenant, id],
      { prepare: true },
    );
    return r.rows[0];
  }

  async read<T extends Resource = Resource>(ctx: RequestContext, type: string, id: string, opts: { audit?: boolean } = {}): Promise<T> {
    assertStoredType(type);
    assertId(id);
    const row = await this.current(ctx, type, id);
    const found = row && !row.deleted;
    if (opts.audit !== false) this.opts.audit?.enqueue(ctx, 'read', type, id, found ? patientOf(row.content) : undefined, found ? '0' : '4');
    if (!row) throw notFound(type, id);
    if (row.deleted) throw gone(type, id);
    return row.content as T;
  }

  async vread<T extends Resource = Resource>(ctx: RequestContext, type: string, id: string, versionId: string): Promise<T> {
    assertStoredType(type);
    assertId(id);
    if (!/^\d+$/.test(versionId)) throw badRequest(`"${versionId}" is not a version id`);
    const r = await this.db.query<{ deleted: boolean; content: Resource }>(
      `SELECT deleted, content FROM ${historyTableOf(type)} WHERE tenant = $1 AND id = $2 AND version = $3`,
      [ctx.tenant, id, Number(versionId)],
      { prepare: true },
    );
    const row = r.rows[0];
    this.opts.audit?.enqueue(ctx, 'vread', type, id, row ? patientOf(row.content) : undefined, row ? '0' : '4');
    if (!row) throw new FhirError(404, [{ severity: 'error', code: 'not-found', diagnostics: `${type}/${id} has no version ${versionId}` }]);
    if (row.deleted) throw gone(type, id);
    return row.content as T;
  }

  /**
   * Writes a new version. With ifMatch, the write happens only if the stored version is still that
   * one (412 otherwise). An id that does not exist yet is created with that id.
   */
  async update<T extends Resource>(ctx: RequestContext, input: T, opts: { ifMatch?: string } = {}): Promise<{ resource: T; created: boolean }> {
    if (!input || typeof input !== 'object' || typeof input.resourceType !== 'string') throw badRequest('The body must be a FHIR resource with a resourceType');
    assertStoredType(input.resourceType);
    if (!input.id) throw badRequest('An update needs the resource id in the body', `${input.resourceType}.id`);
    assertId(input.id);
    const expectedMatch = opts.ifMatch !== undefined ? parseIfMatch(opts.ifMatch) : undefined;
    for (let attempt = 0; attempt < 5; attempt++) {
      const row = await this.current(ctx, input.resourceType, input.id);
      if (!row) {
        if (expectedMatch !== undefined) throw preconditionFailed(`${input.resourceType}/${input.id} does not exist, so it cannot be at version ${expectedMatch}`);
        try {
          return await this.create(ctx, input, { keepId: true });
        } catch (error) {
          if (error instanceof FhirError && error.status === 409) continue; // created meanwhile: update it
          throw error;
        }
      }
      if (expectedMatch !== undefined && row.version !== expectedMatch) {
        throw preconditionFailed(`${input.resourceType}/${input.id} is at version ${row.version}, not ${expectedMatch}: someone else changed it. Reload and try again.`);
      }
      const version = row.version + 1;
      const resource = { ...input, meta: { ...input.meta, versionId: String(version), lastUpdated: new Date().toISOString() } } as T;
      this.check(resource);
      this.opts.guard?.(row.deleted ? undefined : row.content, resource);
      const { sql, params } = this.writeStatement(ctx, resource, version, 'update', row.deleted ? 'create' : 'update', row.version);
      const r = await this.db.query(sql, params, { prepare: true });
      if (r.rows.length) return { resource, created: row.deleted };
      if (expectedMatch !== undefined) throw preconditionFailed(`${input.resourceType}/${input.id} changed while it was being saved. Reload and try again.`);
    }
    throw conflict(`${input.resourceType}/${input.id} is being changed by others too often; try again`);
  }

  async patch<T extends Resource = Resource>(ctx: RequestContext, type: string, id: string, operations: unknown, opts: { ifMatch?: string } = {}): Promise<T> {
    assertStoredType(type);
    assertId(id);
    const row = await this.current(ctx, type, id);
    if (!row) throw notFound(type, id);
    if (row.deleted) throw gone(type, id);
    const patched = applyJsonPatch(row.content, operations) as T;
    if (patched.resourceType !== type || patched.id !== id) throw badRequest('A patch may not change resourceType or id');
    const { resource } = await this.update(ctx, patched, { ifMatch: opts.ifMatch ?? String(row.version) });
    return resource;
  }

  async delete(ctx: RequestContext, type: string, id: string): Promise<void> {
    assertStoredType(type);
    assertId(id);
    const row = await this.current(ctx, type, id);
    if (!row || row.deleted) return; // deleting what is not there is a success (FHIR)
    const version = row.version + 1;
    const tombstone = { ...row.content, meta: { ...row.content.meta, versionId: String(version), lastUpdated: new Date().toISOString() } };
    const { sql, params } = this.writeStatement(ctx, tombstone, version, 'delete', 'delete', row.version);
    const r = await this.db.query(sql, params, { prepare: true });
    if (!r.rows.length) throw conflict(`${type}/${id} changed while it was being deleted; try again`);
  }

  async history(ctx: RequestContext, type: string, id?: string, opts: { count?: number; since?: string } = {}): Promise<HistoryEntry[]> {
    assertStoredType(type);
    if (id) assertId(id);
    const params: unknown[] = [ctx.tenant];
    let where = 'tenant = $1';
    if (id) {
      params.push(id);
      where += ` AND id = $${params.length}`;
    }
    if (opts.since) {
      params.push(opts.since);
      where += ` AND last_updated >= $${params.length}::timestamptz`;
    }
    params.push(Math.min(opts.count ?? 100, 1000));
    const r = await this.db.query<{ deleted: boolean; content: Resource; version: number; last_updated: Date | string }>(
      `SELECT deleted, content, version, last_updated FROM ${historyTableOf(type)} WHERE ${where} ORDER BY last_updated DESC, version DESC LIMIT $${params.length}`,
      params,
    );
    this.opts.audit?.enqueue(ctx, 'history', type, id, undefined, '0');
    return r.rows.map((row) => ({
      resource: row.content,
      deleted: row.deleted,
      versionId: String(row.version),
      lastUpdated: new Date(row.last_updated).toISOString(),
    }));
  }

  /** With json, the matches come as their stored JSON text (result.json) rather than parsed (result.resources). */
  async search(ctx: RequestContext, type: string, query: URLSearchParams, opts: { audit?: boolean; json?: boolean } = {}): Promise<SearchResult> {
    assertStoredType(type);
    const result = await searchResources(this.db, ctx.tenant, type, query, { json: opts.json });
    if (opts.audit !== false) this.opts.audit?.enqueue(ctx, 'search', type, undefined, searchPatient(query), '0', query.toString());
    return result;
  }
}

function parseIfMatch(header: string): number {
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!m) throw badRequest(`If-Match "${header}" is not a version (expected W/"3")`);
  return Number(m[1]);
}

/** The patient a resource is about, as "Patient/id", for the audit log. */
export function patientOf(resource: any): string | undefined {
  if (!resource) return undefined;
  if (resource.resourceType === 'Patient') return resource.id ? `Patient/${resource.id}` : undefined;
  for (const key of ['subject', 'patient', 'for', 'beneficiary']) {
    const ref = resource[key]?.reference;
    if (typeof ref === 'string' && ref.startsWith('Patient/')) return ref;
  }
  return undefined;
}

function searchPatient(query: URLSearchParams): string | undefined {
  const v = query.get('patient') ?? query.get('subject');
  if (!v) return undefined;
  return v.includes('/') ? v : `Patient/${v}`;
}

/**
 * Who a change notification is for, beyond its tenant: a Task's performer role (live worklists)
 * and a Communication's recipients (a live notices view wakes only theirs). Single and bulk writes
 * both send it.
 */
export function changeAudience(type: string, resource: Resource): { role?: string; recipients?: string[] } {
  if (type === 'Task') {
    const role = (resource as { performerType?: { coding?: { code?: string }[] }[] }).performerType?.[0]?.coding?.[0]?.code;
    return role ? { role } : {};
  }
  if (type === 'Communication') return { recipients: ((resource as { recipient?: { reference?: string }[] }).recipient ?? []).map((r) => r.reference).filter((r): r is string => !!r) };
  return {};
}
