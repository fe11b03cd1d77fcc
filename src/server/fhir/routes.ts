import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { badRequest, forbidden } from '../../fhir/errors.js';
import { assertStoredType, type Repository } from '../../store/repository.js';
import type { SearchResult } from '../../store/search.js';
import { allowed, type Operation } from '../../services/access/policies.js';
import { processBundle } from '../../services/fhir/bundle.js';
import { contextOf } from '../auth.js';
import { capabilityStatement } from './capability.js';
import { registerAuditEventRoutes } from './audit-routes.js';
import { catalogueBundleReader, catalogueReadOnly, registerCatalogueDefinitionRoutes } from './catalogue-routes.js';
import { isCatalogueDefinitionType } from '../../services/catalogue/index.js';
import type { Db } from '../../store/db.js';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';

export function baseUrlOf(req: FastifyRequest, configured?: string): string {
  if (configured) return configured.replace(/\/$/, '') + '/fhir/R4';
  return `${req.protocol}://${req.headers.host ?? 'localhost'}/fhir/R4`;
}

function authorize(req: FastifyRequest, type: string, op: Operation): void {
  assertStoredType(type); // an unknown type is 404 whoever asks
  // the catalogue's definitions are made from the catalogue, never stored (a transaction Bundle cannot write them either)
  if (isCatalogueDefinitionType(type) && op !== 'read' && op !== 'search') throw catalogueReadOnly(type);
  const role = req.session!.user.role;
  if (!allowed(role, type, op)) throw forbidden(`The ${role} role may not ${op} ${type} resources`);
}

function sendResource(reply: FastifyReply, resource: Resource, status = 200, base?: string) {
  reply.code(status).type(FHIR_JSON).header('ETag', `W/"${resource.meta?.versionId}"`).header('Last-Modified', new Date(resource.meta!.lastUpdated!).toUTCString());
  if (status === 201 && base) reply.header('Location', `${base}/${resource.resourceType}/${resource.id}/_history/${resource.meta?.versionId}`);
  return reply.send(resource);
}

function preferMinimal(req: FastifyRequest): boolean {
  return /return=minimal/.test(String(req.headers.prefer ?? ''));
}

/**
 * The searchset Bundle as JSON text: the matches go in as the text the store holds, never parsed and
 * serialised again (for a page of 20 that was most of the work a search cost this process).
 */
function searchBundleText(req: FastifyRequest, type: string, query: URLSearchParams, result: SearchResult, base: string): string {
  const { entry, ...envelope } = searchBundle(req, type, query, { ...result, resources: [] }, base);
  const entries = (result.json ?? []).map((m) => `{"fullUrl":${JSON.stringify(`${base}/${type}/${m.id}`)},"resource":${m.text},"search":{"mode":"match"}}`);
  for (const e of entry ?? []) entries.push(JSON.stringify(e));
  return `${JSON.stringify(envelope).slice(0, -1)},"entry":[${entries.join(',')}]}`;
}

function searchBundle(req: FastifyRequest, type: string, query: URLSearchParams, result: SearchResult, base: string): Bundle {
  const link = (offset: number) => {
    const q = new URLSearchParams(query);
    q.set('_offset', String(offset));
    q.set('_count', String(result.count));
    return `${base}/${type}?${q.toString()}`;
  };
  const links: Bundle['link'] = [{ relation: 'self', url: `${base}/${type}${query.toString() ? '?' + query.toString() : ''}` }];
  if (result.offset > 0) links.push({ relation: 'first', url: link(0) }, { relation: 'previous', url: link(Math.max(0, result.offset - result.count)) });
  if (result.hasMore) links.push({ relation: 'next', url: link(result.offset + result.count) });
  const role = req.session!.user.role;
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    ...(result.total !== undefined ? { total: result.total } : {}),
    link: links,
    entry: [
      ...result.resources.map((r) => ({ fullUrl: `${base}/${r.resourceType}/${r.id}`, resource: r, search: { mode: 'match' as const } })),
      ...result.included.filter((r) => allowed(role, r.resourceType, 'read')).map((r) => ({ fullUrl: `${base}/${r.resourceType}/${r.id}`, resource: r, search: { mode: 'include' as const } })),
    ],
  };
}

function queryOf(req: FastifyRequest): URLSearchParams {
  const i = req.url.indexOf('?');
  return new URLSearchParams(i >= 0 ? req.url.slice(i + 1) : '');
}

function bodyResource(req: FastifyRequest, type: string): Resource {
  const body = req.body as Resource | undefined;
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest(`The body must be a ${type} resource in JSON`);
  if (body.resourceType !== type) throw badRequest(`The body is a ${String(body.resourceType)}, but the URL is for ${type}`, 'resourceType');
  return body;
}

/** FHIR R4 REST at /fhir/R4. */
export function registerFhirRoutes(app: FastifyInstance, deps: { db: Db; repo: Repository; version: string; baseUrl?: string }): void {
  const { repo } = deps;
  const base = (req: FastifyRequest) => baseUrlOf(req, deps.baseUrl);
  registerAuditEventRoutes(app, { db: deps.db, base });
  registerCatalogueDefinitionRoutes(app, { db: deps.db, base });

  app.get('/fhir/R4/metadata', async (req, reply) => reply.type(FHIR_JSON).send(capabilityStatement(base(req), deps.version)));

  app.post('/fhir/R4', async (req, reply) => {
    const bundle = req.body as Bundle;
    const result = await processBundle(contextOf(req), repo, bundle, (type, op) => authorize(req, type, op), base(req), catalogueBundleReader(req, base(req)));
    return reply.type(FHIR_JSON).send(result);
  });
  app.post('/fhir/R4/', async (req, reply) => {
    const result = await processBundle(contextOf(req), repo, req.body as Bundle, (type, op) => authorize(req, type, op), base(req), catalogueBundleReader(req, base(req)));
    return reply.type(FHIR_JSON).send(result);
  });

  const search = async (req: FastifyRequest<{ Params: { type: string } }>, reply: FastifyReply, query: URLSearchParams) => {
    const { type } = req.params;
    authorize(req, type, 'search');
    const result = await repo.search(contextOf(req), type, query, { json: true });
    return reply.type(FHIR_JSON).send(searchBundleText(req, type, query, result, base(req)));
  };
  app.get<{ Params: { type: string } }>('/fhir/R4/:type', (req, reply) => search(req, reply, queryOf(req)));
  app.post<{ Params: { type: string } }>('/fhir/R4/:type/_search', (req, reply) => {
    const q = queryOf(req);
    if (typeof req.body === 'string') for (const [k, v] of new URLSearchParams(req.body)) q.append(k, v);
    return search(req, reply, q);
  });

  app.post<{ Params: { type: string } }>('/fhir/R4/:type', async (req, reply) => {
    const { type } = req.params;
    authorize(req, type, 'create');
    const ifNoneExist = req.headers['if-none-exist'] as string | undefined;
    const { resource, created } = await repo.create(contextOf(req), bodyResource(req, type), { ifNoneExist });
    if (preferMinimal(req)) return reply.code(created ? 201 : 200).header('Location', `${base(req)}/${type}/${resource.id}/_history/${resource.meta?.versionId}`).header('ETag', `W/"${resource.meta?.versionId}"`).send();
    return sendResource(reply, resource, created ? 201 : 200, base(req));
  });

  app.get<{ Params: { type: string } }>('/fhir/R4/:type/_history', async (req, reply) => {
    const { type } = req.params;
    authorize(req, type, 'history');
    const q = queryOf(req);
    const entries = await repo.history(contextOf(req), type, undefined, { count: q.get('_count') ? Number(q.get('_count')) : undefined, since: q.get('_since') ?? undefined });
    return reply.type(FHIR_JSON).send(historyBundle(entries, base(req)));
  });

  app.get<{ Params: { type: string; id: string } }>('/fhir/R4/:type/:id', async (req, reply) => {
    const { type, id } = req.params;
    authorize(req, type, 'read');
    return sendResource(reply, await repo.read(contextOf(req), type, id));
  });

  app.put<{ Params: { type: string; id: string } }>('/fhir/R4/:type/:id', async (req, reply) => {
    const { type, id } = req.params;
    authorize(req, type, 'update');
    const body = bodyResource(req, type);
    if (body.id && body.id !== id) throw badRequest(`The body's id "${body.id}" differs from the URL's "${id}"`, `${type}.id`);
    const { resource, created } = await repo.update(contextOf(req), { ...body, id }, { ifMatch: req.headers['if-match'] as string | undefined });
    return sendResource(reply, resource, created ? 201 : 200, base(req));
  });

  app.patch<{ Params: { type: string; id: string } }>('/fhir/R4/:type/:id', async (req, reply) => {
    const { type, id } = req.params;
    authorize(req, type, 'update');
    const resource = await repo.patch(contextOf(req), type, id, req.body, { ifMatch: req.headers['if-match'] as string | undefined });
    return sendResource(reply, resource);
  });

  app.delete<{ Params: { type: string; id: string } }>('/fhir/R4/:type/:id', async (req, reply) => {
    const { type, id } = req.params;
    authorize(req, type, 'delete');
    await repo.delete(contextOf(req), type, id);
    return reply.code(204).send();
  });

  app.get<{ Params: { type: string; id: string } }>('/fhir/R4/:type/:id/_history', async (req, reply) => {
    const { type, id } = req.params;
    authorize(req, type, 'history');
    const entries = await repo.history(contextOf(req), type, id);
    if (!entries.length) await repo.read(contextOf(req), type, id); // 404 with the right message
    return reply.type(FHIR_JSON).send(historyBundle(entries, base(req)));
  });

  app.get<{ Params: { type: string; id: string; vid: string } }>('/fhir/R4/:type/:id/_history/:vid', async (req, reply) => {
    const { type, id, vid } = req.params;
    authorize(req, type, 'read');
    return sendResource(reply, await repo.vread(contextOf(req), type, id, vid));
  });
}

function historyBundle(entries: Awaited<ReturnType<Repository['history']>>, base: string): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'history',
    total: entries.length,
    entry: entries.map((e) => ({
      fullUrl: `${base}/${e.resource.resourceType}/${e.resource.id}`,
      ...(e.deleted ? {} : { resource: e.resource }),
      request: { method: e.deleted ? 'DELETE' : e.versionId === '1' ? 'POST' : 'PUT', url: `${e.resource.resourceType}/${e.resource.id}` },
      response: { status: e.deleted ? '204' : e.versionId === '1' ? '201' : '200', etag: `W/"${e.versionId}"`, lastModified: e.lastUpdated },
    })),
  };
}
