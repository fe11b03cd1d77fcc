import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Bundle } from '@medplum/fhirtypes';
import { FhirError, forbidden, notFound } from '../../fhir/errors.js';
import type { Db } from '../../store/db.js';
import { allowed, type Operation } from '../../services/access/policies.js';
import { catalogueDefinitions, catalogueDefinitionTypes, loadCatalogue, searchCatalogueDefinitions, type CatalogueDefinitionType } from '../../services/catalogue/index.js';
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
export function registerCatalogueDefinitionRoutes(app: FastifyInstance, deps: { db: Db; base: (req: FastifyRequest) => string }): void {
  const definitions = async (req: FastifyRequest, type: CatalogueDefinitionType) => {
    const tenant = contextOf(req).tenant;
    const [catalogue, { effective }] = await Promise.all([loadCatalogue(deps.db, tenant), domainConfigOf(deps.db, tenant)]);
    return catalogueDefinitions(catalogue.items, effective.phlebotomy.containers, type);
  };
  for (const type of catalogueDefinitionTypes) {
    const search = async (req: FastifyRequest, query: URLSearchParams) => {
      guard(req, type, 'search');
      const r = searchCatalogueDefinitions(await definitions(req, type), type, query);
      const base = deps.base(req);
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
      const found = (await definitions(req, type)).find((r) => r.id === req.params.id);
      if (!found) throw notFound(type, req.params.id);
      return reply.type(FHIR_JSON).send(found);
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
