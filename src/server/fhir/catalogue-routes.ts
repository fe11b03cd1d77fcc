import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { FhirError, forbidden, notFound } from '../../fhir/errors.js';
import type { Db } from '../../store/db.js';
import { allowed, type Operation } from '../../services/access/policies.js';
import { catalogueDefinitions, catalogueDefinitionTypes, isCatalogueDefinitionType, loadCatalogue, searchCatalogueDefinitions, type CatalogueDefinitionType } from '../../services/catalogue/index.js';
import type { BundleReader } from '../../services/fhir/bundle.js';
import { domainConfigOf } from '../../services/config/domain-config.js';
import { contextOf } from '../auth.js';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** Why a write of a catalogue definition is refused, and where the catalogue is edited instead. */
export function catalogueReadOnly(type: string): FhirError {
  return new FhirError(405, [{
    severity: 'error',
    code: 'not-supported',
    diagnostics: `${type} resources are served from the organisation's test catalogue and are read-only here: edit an entry with PUT /api/catalogue/{code} (or the catalogue editor), or import a Bundle with POST /api/catalogue/import`,
  }]);
}

function guard(req: FastifyRequest, type: string, op: Operation): void {
  const role = req.session!.user.role;
  if (!allowed(role, type, op)) throw forbidden(`The ${role} role may not ${op} ${type} resources`);
}

/**
 * ActivityDefinition, ObservationDefinition and SpecimenDefinition at /fhir/R4, made from the
 * catalogue on each request (services/catalogue/fhir-search.ts): read and search; writes are 405.
 */
async function definitionsOf(db: Db, req: FastifyRequest, type: CatalogueDefinitionType) {
  const tenant = contextOf(req).tenant;
  const [catalogue, { effective }] = await Promise.all([loadCatalogue(db, tenant), domainConfigOf(db, tenant)]);
  return catalogueDefinitions(catalogue.items, effective.phlebotomy.containers, type);
}

async function searchDefinitions(db: Db, req: FastifyRequest, type: CatalogueDefinitionType, query: URLSearchParams, base: string): Promise<Bundle> {
  const r = searchCatalogueDefinitions(await definitionsOf(db, req, type), type, query);
  const bundle: Bundle = {
    resourceType: 'Bundle',
    type: 'searchset',
    total: r.total,
    link: [{ relation: 'self', url: `${base}/${type}${query.toString() ? `?${query}` : ''}` }],
    entry: r.matches.map((resource) => ({ fullUrl: `${base}/${type}/${resource.id}`, resource, search: { mode: 'match' as const } })),
  };
  if (r.offset + r.matches.length < r.total) {
    const next = new URLSearchParams(query);
    next.set('_offset', String(r.offset + r.count));
    bundle.link!.push({ relation: 'next', url: `${base}/${type}?${next}` });
  }
  return bundle;
}

async function readDefinition(db: Db, req: FastifyRequest, type: CatalogueDefinitionType, id: string): Promise<Resource> {
  const found = (await definitionsOf(db, req, type)).find((r) => r.id === id);
  if (!found) throw notFound(type, id);
  return found;
}

/**
 * GET entries of a transaction or batch Bundle for the catalogue's definitions, answered from the
 * catalogue like the direct GETs (the Bundle has already checked the role may read or search them).
 */
export function catalogueBundleReader(req: FastifyRequest, base: string): BundleReader {
  return async (repo, type, id, query) => {
    if (!isCatalogueDefinitionType(type)) return undefined;
    return id ? readDefinition(repo.db, req, type, id) : searchDefinitions(repo.db, req, type, query, base);
  };
}

export function registerCatalogueDefinitionRoutes(app: FastifyInstance, deps: { db: Db; base: (req: FastifyRequest) => string }): void {
  for (const type of catalogueDefinitionTypes) {
    const search = async (req: FastifyRequest, query: URLSearchParams) => {
      guard(req, type, 'search');
      return searchDefinitions(deps.db, req, type, query, deps.base(req));
    };
    const queryOf = (req: FastifyRequest) => new URLSearchParams(req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '');
    app.get(`/fhir/R4/${type}`, async (req, reply) => reply.type(FHIR_JSON).send(await search(req, queryOf(req))));
    app.post(`/fhir/R4/${type}/_search`, async (req, reply) => {
      const q = queryOf(req);
      if (typeof req.body === 'string') for (const [k, v] of new URLSearchParams(req.body)) q.append(k, v);
      return reply.type(FHIR_JSON).send(await search(req, q));
    });
    app.get<{ Params: { id: string } }>(`/fhir/R4/${type}/:id`, async (req, reply) => {
      guard(req, type, 'read');
      return reply.type(FHIR_JSON).send(await readDefinition(deps.db, req, type, req.params.id));
    });
    const readOnly = async () => {
      throw catalogueReadOnly(type);
    };
    app.post(`/fhir/R4/${type}`, readOnly);
    app.put(`/fhir/R4/${type}/:id`, readOnly);
    app.patch(`/fhir/R4/${type}/:id`, readOnly);
    app.delete(`/fhir/R4/${type}/:id`, readOnly);
    app.get(`/fhir/R4/${type}/_history`, readOnly);
    app.get(`/fhir/R4/${type}/:id/_history`, readOnly);
    app.get(`/fhir/R4/${type}/:id/_history/:vid`, readOnly);
  }
}
