import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuditLog } from '../../store/audit.js';
import type { Db } from '../../store/db.js';
import {
  catalogueFromBundle, catalogueRulesOf, catalogueToBundle, createOrderable, loadCatalogue, nonBloodContainers, orderableKinds,
  replaceCatalogue, updateOrderable, type Orderable,
} from '../../services/catalogue/index.js';
import { domainConfigOf } from '../../services/config/domain-config.js';
import { contextOf } from '../auth.js';
import { ApiError } from '../errors.js';

const nonBloodContainerOptions = [
  { code: nonBloodContainers.urineCup, display: 'Urine cup', capColor: null, additive: null, capacityMl: null },
  { code: nonBloodContainers.urineSterileCup, display: 'Sterile urine cup', capColor: null, additive: null, capacityMl: null },
  { code: nonBloodContainers.sputumCup, display: 'Sterile sputum cup', capColor: null, additive: null, capacityMl: null },
  { code: nonBloodContainers.swabTransportMedium, display: 'Swab in viral transport medium', capColor: null, additive: null, capacityMl: null },
  { code: nonBloodContainers.stoolCup, display: 'Stool container', capColor: null, additive: null, capacityMl: null },
  { code: nonBloodContainers.stoolPreservative, display: 'Stool vial with fixative (O&P)', capColor: null, additive: null, capacityMl: null },
  { code: nonBloodContainers.bloodGasSyringe, display: 'Blood gas syringe', capColor: null, additive: null, capacityMl: null },
];

function needAdmin(req: FastifyRequest, what: string): void {
  const role = req.session!.user.role;
  if (role !== 'admin') throw new ApiError(403, 'forbidden', `Only administrators may ${what} (you are signed in as ${role})`);
}

function matches(o: Orderable, q: string): boolean {
  return !q || o.display.toLowerCase().includes(q) || o.code.toLowerCase().includes(q) || o.coding.some((c) => c.code.toLowerCase() === q);
}

/**
 * The organisation's orderable catalogue: everyone signed in reads it (the order form lists the
 * active entries); administrators add, edit, retire and reactivate entries, and import and export
 * it as a FHIR Bundle. Every change is audited.
 */
export function registerCatalogueRoutes(app: FastifyInstance, deps: { db: Db; audit: AuditLog }): void {
  const { db, audit } = deps;

  app.get<{ Querystring: { kind?: string; q?: string; status?: string } }>('/api/catalogue', async (req) => {
    const { kind, status = 'active' } = req.query;
    if (kind && !(orderableKinds as readonly string[]).includes(kind)) throw new ApiError(400, 'invalid', `kind must be one of ${orderableKinds.join(', ')}`, 'kind');
    if (!['active', 'retired', 'all'].includes(status)) throw new ApiError(400, 'invalid', 'status must be active, retired or all', 'status');
    const q = (req.query.q ?? '').toLowerCase().trim();
    const catalogue = await loadCatalogue(db, contextOf(req).tenant);
    const items = catalogue.items
      .filter((o) => status === 'all' || (o.status ?? 'active') === status)
      .filter((o) => !kind || o.kind === kind)
      .filter((o) => matches(o, q));
    return { items };
  });

  // What the editor offers: containers (A.2 and non-blood), reference labs, the lab's test codes.
  app.get('/api/catalogue/options', async (req) => {
    const ctx = contextOf(req);
    const rules = await catalogueRulesOf(db, ctx.tenant);
    const containers = [
      ...Object.values(rules.containers).map((c) => ({ code: c.code, display: c.display, capColor: c.capColorBD, additive: c.additive, capacityMl: c.capacityMl })),
      ...nonBloodContainerOptions,
    ];
    return { containers, referenceLabs: rules.referenceLabs, labTests: Object.values(rules.tests).map((t) => ({ code: t.code, display: t.display })) };
  });

  app.get('/api/catalogue/export', async (req, reply) => {
    const ctx = contextOf(req);
    const [catalogue, { effective }] = await Promise.all([loadCatalogue(db, ctx.tenant), domainConfigOf(db, ctx.tenant)]);
    await audit.record(ctx, 'export', 'ActivityDefinition', undefined, undefined, '0', 'catalogue/export', `${catalogue.items.length} catalogue entries`);
    return reply.header('content-disposition', 'attachment; filename="catalogue.json"').type('application/fhir+json; charset=utf-8').send(catalogueToBundle(catalogue.items, effective.phlebotomy.containers));
  });

  app.post('/api/catalogue/import', async (req) => {
    needAdmin(req, 'import the catalogue');
    const ctx = contextOf(req);
    const entries = catalogueFromBundle(req.body);
    const { catalogue, retired } = await replaceCatalogue(db, ctx.tenant, entries, await catalogueRulesOf(db, ctx.tenant));
    await audit.record(ctx, 'import', 'ActivityDefinition', undefined, undefined, '0', 'catalogue/import', `${entries.length} entries imported${retired.length ? `; retired: ${retired.join(', ')}` : ''}`);
    return { imported: entries.length, retired, total: catalogue.items.length };
  });

  app.get<{ Params: { code: string } }>('/api/catalogue/:code', async (req) => {
    const item = (await loadCatalogue(db, contextOf(req).tenant)).find(req.params.code);
    if (!item) throw new ApiError(404, 'not-found', `${req.params.code} is not in the catalogue`, 'code');
    return item;
  });

  app.post('/api/catalogue', async (req, reply) => {
    needAdmin(req, 'change the catalogue');
    const ctx = contextOf(req);
    const item = await createOrderable(db, ctx.tenant, req.body, await catalogueRulesOf(db, ctx.tenant));
    await audit.record(ctx, 'create', 'ActivityDefinition', item.code, undefined, '0', 'catalogue', `added ${item.code} ${item.display}`);
    return reply.code(201).send(item);
  });

  app.put<{ Params: { code: string } }>('/api/catalogue/:code', async (req) => {
    needAdmin(req, 'change the catalogue');
    const ctx = contextOf(req);
    const before = (await loadCatalogue(db, ctx.tenant)).find(req.params.code);
    const item = await updateOrderable(db, ctx.tenant, req.params.code, req.body, await catalogueRulesOf(db, ctx.tenant));
    const change = before?.status !== item.status ? (item.status === 'retired' ? 'retired' : 'reactivated') : 'edited';
    await audit.record(ctx, 'update', 'ActivityDefinition', item.code, undefined, '0', 'catalogue', `${change} ${item.code} ${item.display}`);
    return item;
  });
}
