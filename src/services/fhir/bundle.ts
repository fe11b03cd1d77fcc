import { randomUUID } from 'node:crypto';
import type { Bundle, BundleEntry, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { badRequest, FhirError, outcomeOk } from '../../fhir/errors.js';
import type { Repository, RequestContext } from '../../store/repository.js';
import type { Operation } from '../access/policies.js';
import { ServiceError } from '../errors.js';

export type Authorize = (resourceType: string, op: Operation) => void;

/**
 * Answers a GET entry for a type the store does not hold (the catalogue's definitions), or
 * undefined to let the store answer: a read gives the resource, a search a searchset Bundle. It reads
 * through `repo` (the Bundle's own transaction: PGlite has one connection).
 */
export type BundleReader = (repo: Repository, type: string, id: string | undefined, query: URLSearchParams) => Promise<Resource | undefined>;

interface ParsedRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  type: string;
  id?: string;
  query: URLSearchParams;
}

function parseEntryRequest(entry: BundleEntry, index: number): ParsedRequest {
  const where = `Bundle.entry[${index}].request`;
  const method = entry.request?.method;
  const url = entry.request?.url;
  if (!method || !url) throw badRequest('Each entry needs request.method and request.url', where);
  if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) throw badRequest(`Method ${method} is not supported in a Bundle`, `${where}.method`);
  const [path, qs] = url.replace(/^.*\/fhir\/R4\//, '').split('?');
  const [type, id, ...rest] = path.split('/').filter(Boolean);
  if (!type || rest.length) throw badRequest(`"${url}" is not a Type or Type/id URL`, `${where}.url`);
  return { method: method as ParsedRequest['method'], type, id, query: new URLSearchParams(qs ?? '') };
}

function rewriteReferences(node: unknown, map: Map<string, string>): void {
  if (Array.isArray(node)) node.forEach((n) => rewriteReferences(n, map));
  else if (node && typeof node === 'object') {
    const obj = node as Record<string, unknown>;
    if (typeof obj.reference === 'string' && map.has(obj.reference)) obj.reference = map.get(obj.reference);
    for (const v of Object.values(obj)) if (v && typeof v === 'object') rewriteReferences(v, map);
  }
}

function errorOutcome(error: unknown, index: number): { status: number; outcome: OperationOutcome } {
  if (error instanceof FhirError) {
    const outcome = error.toOperationOutcome();
    outcome.issue = outcome.issue.map((i) => ({ ...i, diagnostics: `Bundle.entry[${index}]: ${i.diagnostics}`, expression: (i.expression ?? []).map((e) => `Bundle.entry[${index}].resource.${e.replace(/^[A-Z][A-Za-z]+\.?/, '')}`.replace(/\.$/, '')) }));
    return { status: error.status, outcome };
  }
  if (error instanceof ServiceError) {
    return { status: error.status, outcome: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'business-rule', diagnostics: `Bundle.entry[${index}]: ${error.message}`, expression: error.field ? [`Bundle.entry[${index}].resource.${error.field}`] : undefined }] } };
  }
  throw error;
}

const OP: Record<ParsedRequest['method'], (r: ParsedRequest) => Operation> = {
  GET: (r) => (r.id ? 'read' : 'search'),
  POST: () => 'create',
  PUT: () => 'update',
  PATCH: () => 'update',
  DELETE: () => 'delete',
};

async function runEntry(ctx: RequestContext, repo: Repository, entry: BundleEntry, req: ParsedRequest, base: string, reader?: BundleReader): Promise<BundleEntry> {
  const where = (i: string) => i;
  switch (req.method) {
    case 'GET': {
      const served = reader && (await reader(repo, req.type, req.id, req.query));
      if (served) return { resource: served, response: { status: '200 OK', ...(req.id ? { etag: `W/"${served.meta?.versionId ?? '1'}"` } : {}) } };
      if (req.id) {
        const resource = await repo.read(ctx, req.type, req.id);
        return { resource, response: { status: '200 OK', etag: `W/"${resource.meta?.versionId}"` } };
      }
      const found = await repo.search(ctx, req.type, req.query);
      const bundle: Bundle = { resourceType: 'Bundle', type: 'searchset', total: found.total, entry: found.resources.map((r) => ({ fullUrl: `${base}/${r.resourceType}/${r.id}`, resource: r, search: { mode: 'match' } })) };
      return { resource: bundle, response: { status: '200 OK' } };
    }
    case 'POST': {
      const body = entry.resource;
      if (!body || body.resourceType !== req.type) throw badRequest(`The resource must be a ${req.type}`, where('resource'));
      const { resource, created } = await repo.create(ctx, body, { ifNoneExist: entry.request?.ifNoneExist, keepId: true });
      return { fullUrl: `${base}/${resource.resourceType}/${resource.id}`, resource, response: { status: created ? '201 Created' : '200 OK', location: `${req.type}/${resource.id}/_history/${resource.meta?.versionId}`, etag: `W/"${resource.meta?.versionId}"` } };
    }
    case 'PUT': {
      const body = entry.resource;
      if (!body || body.resourceType !== req.type) throw badRequest(`The resource must be a ${req.type}`, where('resource'));
      if (!req.id) throw badRequest('PUT needs Type/id in request.url', where('request.url'));
      if (body.id && body.id !== req.id) throw badRequest(`The resource id "${body.id}" differs from the URL id "${req.id}"`, where('resource.id'));
      const { resource, created } = await repo.update(ctx, { ...body, id: req.id }, { ifMatch: entry.request?.ifMatch });
      return { fullUrl: `${base}/${resource.resourceType}/${resource.id}`, resource, response: { status: created ? '201 Created' : '200 OK', etag: `W/"${resource.meta?.versionId}"` } };
    }
    case 'PATCH': {
      if (!req.id) throw badRequest('PATCH needs Type/id in request.url', where('request.url'));
      const res = entry.resource as unknown as { resourceType?: string; contentType?: string; data?: string } | undefined;
      let ops: unknown;
      if (res?.resourceType === 'Binary' && res.data) ops = JSON.parse(Buffer.from(res.data, 'base64').toString('utf8'));
      else throw badRequest('A PATCH entry carries its JSON Patch as a Binary resource (contentType application/json-patch+json)', where('resource'));
      const resource = await repo.patch(ctx, req.type, req.id, ops, { ifMatch: entry.request?.ifMatch });
      return { fullUrl: `${base}/${resource.resourceType}/${resource.id}`, resource, response: { status: '200 OK', etag: `W/"${resource.meta?.versionId}"` } };
    }
    case 'DELETE': {
      if (!req.id) throw badRequest('DELETE needs Type/id in request.url', where('request.url'));
      await repo.delete(ctx, req.type, req.id);
      return { response: { status: '204 No Content', outcome: outcomeOk(`${req.type}/${req.id} deleted`) } };
    }
  }
}

/**
 * A transaction Bundle: every entry or none. POST entries get their ids first so that references
 * to their urn:uuid fullUrls can be rewritten; then entries run in the FHIR order
 * (DELETE, POST, PUT/PATCH, GET) inside one database transaction.
 */
export async function processBundle(ctx: RequestContext, repo: Repository, bundle: Bundle, authorize: Authorize, base: string, reader?: BundleReader): Promise<Bundle> {
  if (!bundle || bundle.resourceType !== 'Bundle') throw badRequest('POST to the base URL takes a Bundle');
  if (bundle.type !== 'transaction' && bundle.type !== 'batch') throw badRequest(`Bundle.type must be "transaction" or "batch", not "${bundle.type}"`, 'Bundle.type');
  const entries = bundle.entry ?? [];
  if (!Array.isArray(entries)) throw badRequest('Bundle.entry must be a list', 'Bundle.entry');
  const parsed = entries.map((e, i) => parseEntryRequest(e, i));
  parsed.forEach((p, i) => {
    try {
      authorize(p.type, OP[p.method](p));
    } catch (error) {
      if (error instanceof FhirError) throw new FhirError(error.status, error.issues.map((x) => ({ ...x, diagnostics: `Bundle.entry[${i}]: ${x.diagnostics}` })));
      throw error;
    }
  });

  if (bundle.type === 'batch') {
    const out: BundleEntry[] = [];
    for (let i = 0; i < entries.length; i++) {
      try {
        out.push(await repo.transaction((tx) => runEntry(ctx, tx, entries[i], parsed[i], base, reader)));
      } catch (error) {
        const { status, outcome } = errorOutcome(error, i);
        out.push({ response: { status: String(status), outcome } });
      }
    }
    return { resourceType: 'Bundle', type: 'batch-response', entry: out };
  }

  // transaction: assign ids to POSTs and rewrite references to their fullUrls
  const work = entries.map((e) => structuredClone(e));
  const idMap = new Map<string, string>();
  work.forEach((e, i) => {
    if (parsed[i].method === 'POST' && e.resource && !e.request?.ifNoneExist) {
      const id = randomUUID();
      if (e.fullUrl) idMap.set(e.fullUrl, `${parsed[i].type}/${id}`);
      (e.resource as Resource).id = id;
    } else if (e.resource && (parsed[i].method === 'POST')) {
      delete (e.resource as Resource).id;
    }
  });
  const order = { DELETE: 0, POST: 1, PUT: 2, PATCH: 2, GET: 3 };
  const sequence = work.map((_, i) => i).sort((a, b) => order[parsed[a].method] - order[parsed[b].method] || a - b);
  const results: BundleEntry[] = new Array(work.length);
  await repo.transaction(async (tx) => {
    for (const i of sequence) {
      const e = work[i];
      if (e.resource) rewriteReferences(e.resource, idMap);
      try {
        results[i] = await runEntry(ctx, tx, e, parsed[i], base, reader);
      } catch (error) {
        const { status, outcome } = errorOutcome(error, i);
        throw new FhirError(status, outcome.issue.map((x) => ({ severity: x.severity as 'error', code: x.code, diagnostics: `${x.diagnostics ?? ''} Nothing in the transaction was stored.`, expression: x.expression })));
      }
      // a conditional create that found an existing resource: later references to its fullUrl point to it
      if (parsed[i].method === 'POST' && e.fullUrl && results[i].resource) idMap.set(e.fullUrl, `${parsed[i].type}/${results[i].resource!.id}`);
    }
  });
  return { resourceType: 'Bundle', type: 'transaction-response', entry: results };
}
