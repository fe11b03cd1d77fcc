import type { FastifyInstance } from 'fastify';
import type { Repository } from '../../store/repository.js';
import { allowed } from '../../services/access/policies.js';
import { patientResults } from '../../services/results/results.js';
import { acknowledgeNotice, listNotices } from '../../services/results/notices.js';
import type { ChangeHub } from '../events.js';
import { contextOf } from '../auth.js';
import { ApiError } from '../errors.js';

/** Results for the chart, and the clinician's notices (critical values, recollections, rejections). */
export function registerResultRoutes(app: FastifyInstance, deps: { repo: Repository; hub: ChangeHub }): void {
  const { repo, hub } = deps;

  app.get<{ Params: { id: string }; Querystring: { limit?: string } }>('/api/patients/:id/results', async (req) => {
    const role = req.session!.user.role;
    if (!allowed(role, 'DiagnosticReport', 'search') || !allowed(role, 'Observation', 'read')) throw new ApiError(403, 'forbidden', `The ${role} role may not read results`);
    const limit = req.query.limit === undefined ? undefined : Number(req.query.limit);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 200)) throw new ApiError(400, 'invalid', 'limit is a whole number of reports, 1 to 200', 'limit');
    const ctx = contextOf(req);
    await repo.read(ctx, 'Patient', req.params.id, { audit: false }); // 404 for an unknown patient, not an empty list
    return patientResults(repo, ctx, req.params.id, { limit });
  });

  /** Mine (a clinician linked to a practitioner) or, for an admin, every notice of the organisation. */
  app.get<{ Querystring: { status?: string; limit?: string } }>('/api/notices', async (req) => {
    const user = req.session!.user;
    if (!allowed(user.role, 'Communication', 'search')) throw new ApiError(403, 'forbidden', `The ${user.role} role may not read notices`);
    const status = req.query.status ?? 'open';
    if (status !== 'open' && status !== 'all') throw new ApiError(400, 'invalid', 'status is "open" (not yet acknowledged) or "all"', 'status');
    const limit = req.query.limit === undefined ? undefined : Number(req.query.limit);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 500)) throw new ApiError(400, 'invalid', 'limit is a whole number of notices, 1 to 500', 'limit');
    // An admin watches every notice of the organisation (who has not acknowledged what); others see theirs.
    const scope = user.role === 'admin' ? 'all' : 'mine';
    if (scope === 'mine' && !user.practitionerId) {
      return { notices: [], open: 0, scope: 'none', message: 'Your account is not linked to a practitioner, so no notices are addressed to you. An administrator can link it.' };
    }
    const r = await listNotices(repo, contextOf(req), { practitionerId: scope === 'mine' ? user.practitionerId! : undefined, open: status === 'open', limit });
    return { ...r, scope };
  });

  app.post<{ Params: { id: string }; Body: { version?: string } }>('/api/notices/:id/acknowledge', async (req) => {
    const user = req.session!.user;
    const version = req.body?.version;
    if (version !== undefined && typeof version !== 'string') throw new ApiError(400, 'invalid', 'version is the notice version shown, as a string', 'version');
    return acknowledgeNotice(repo, contextOf(req), req.params.id, { practitionerId: user.practitionerId, display: user.display }, version);
  });

  /** A ping whenever a notice for this person (an admin: anyone) is written; the page then asks for its own list. */
  app.get('/api/notices/stream', async (req, reply) => {
    const { tenant, role, practitionerId } = req.session!.user;
    const mine = practitionerId ? `Practitioner/${practitionerId}` : null;
    if (!allowed(role, 'Communication', 'search')) throw new ApiError(403, 'forbidden', `The ${role} role may not read notices`);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write('retry: 2000\n: connected to notices\n\n');
    const unsubscribe = hub.subscribe((e) => {
      if (e.tenant !== tenant || e.type !== 'Communication') return;
      // every write of a notice (single, or lab filing's bulk writes) says whom it is for
      if (role !== 'admin' && !(mine && e.recipients?.includes(mine))) return;
      res.write(`event: notice\ndata: ${JSON.stringify({ id: e.id, version: e.version })}\n\n`);
    });
    const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
    req.raw.on('close', () => {
      clearInterval(ping);
      unsubscribe();
    });
  });
}
