import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../store/db.js';
import type { Repository } from '../../store/repository.js';
import { domainConfigOf } from '../../services/config/domain-config.js';
import { loadCatalogue } from '../../services/catalogue/store.js';
import { collectionPlanFor } from '../../services/phlebotomy/collection-plan.js';
import { collectionSettingsOf, setCollectionSettings } from '../../services/phlebotomy/collection-settings.js';
import { recordFasting, type FastingInput } from '../../services/phlebotomy/fasting.js';
import { pendingDispatch } from '../../services/phlebotomy/pending-dispatch.js';
import { contextOf } from '../auth.js';
import { ApiError } from '../errors.js';
import { actorOf } from './collection.js';

const MAY_PLAN = new Set(['phlebotomist', 'lab', 'nurse', 'physician', 'admin']);
const COLLECTORS = new Set(['phlebotomist', 'nurse', 'lab', 'admin']);

function need(req: FastifyRequest, roles: Set<string>, what: string): void {
  const role = req.session!.user.role;
  if (!roles.has(role)) throw new ApiError(403, 'forbidden', `The ${role} role may not ${what}`);
}

export function registerPhlebotomyRoutes(app: FastifyInstance, deps: { db: Db; repo: Repository }): void {
  const { db, repo } = deps;

  app.get<{ Params: { id: string }; Querystring: { device?: string } }>('/api/patients/:id/tube-plan', async (req) => {
    need(req, MAY_PLAN, 'see tube plans');
    const ctx = contextOf(req);
    const { effective } = await domainConfigOf(db, ctx.tenant);
    return collectionPlanFor(ctx, repo, effective, await collectionSettingsOf(db, ctx.tenant), req.params.id, { device: (req.query.device ?? 'needle') as 'needle' });
  });

  // the organisation's collection rounds, time zone and fasting hours
  app.get('/api/collection/settings', async (req) => {
    need(req, new Set([...MAY_PLAN]), 'see the collection rounds');
    return collectionSettingsOf(db, req.session!.user.tenant);
  });
  app.put('/api/collection/settings', async (req) => {
    if (req.session!.user.role !== 'admin') throw new ApiError(403, 'forbidden', 'Only administrators may change the collection rounds');
    const ctx = contextOf(req);
    const settings = await setCollectionSettings(db, ctx.tenant, req.body);
    repo.opts.audit?.enqueue(ctx, 'update', undefined, undefined, undefined, '0', 'settings/collection');
    return settings;
  });

  app.post('/api/collection/fasting', async (req, reply) => {
    need(req, COLLECTORS, 'record fasting status');
    const report = await recordFasting(contextOf(req), repo, (req.body ?? {}) as FastingInput, actorOf(req));
    return reply.code(201).send(report);
  });

  app.get('/api/specimens/pending-dispatch', async (req) => {
    need(req, COLLECTORS, 'send specimens');
    const ctx = contextOf(req);
    const { effective } = await domainConfigOf(db, ctx.tenant);
    const specimens = await pendingDispatch(ctx, repo, effective, await loadCatalogue(db, ctx.tenant));
    return { specimens };
  });
}
