import type { FastifyInstance } from 'fastify';
import type { Patient, Task } from '@medplum/fhirtypes';
import type { Db } from '../../store/db.js';
import type { Repository } from '../../store/repository.js';
import { mayViewWorklist } from '../../services/access/policies.js';
import { transitionTask } from '../../services/tasks/transition.js';
import { roleWorklist, worklistItem } from '../../services/worklist/worklist.js';
import { loadCatalogue } from '../../services/catalogue/store.js';
import { collectionSettingsOf } from '../../services/phlebotomy/collection-settings.js';
import { collectionWorklist } from '../../services/phlebotomy/collection-worklist.js';
import { performerRoles, systems } from '../../fhir/systems.js';
import type { ChangeHub } from '../events.js';
import { contextOf } from '../auth.js';
import { ApiError } from '../errors.js';

function roleFor(userRole: string, asked?: string): string {
  const role = asked || userRole;
  if (!(performerRoles as readonly string[]).includes(role)) throw new ApiError(400, 'invalid', `"${role}" has no worklist. Worklists: ${performerRoles.join(', ')}`, 'role');
  if (!mayViewWorklist(userRole, role)) throw new ApiError(403, 'forbidden', `The ${userRole} role may not see the ${role} worklist`);
  return role;
}

export function registerWorklistRoutes(app: FastifyInstance, deps: { db: Db; repo: Repository; hub: ChangeHub }): void {
  const { db, repo, hub } = deps;

  app.get<{ Querystring: { role?: string; location?: string; limit?: string; round?: string } }>('/api/worklist', async (req) => {
    const role = roleFor(req.session!.user.role, req.query.role);
    const ctx = contextOf(req);
    const limit = req.query.limit ? Number(req.query.limit) : undefined;
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new ApiError(400, 'invalid', 'limit is a whole number of tasks, 1 to 1000', 'limit');
    if (role === 'phlebotomist') {
      // the collection worklist: rounds, timed-draw windows, fasting, non-blood specimens
      const r = await collectionWorklist(db, ctx, repo, await collectionSettingsOf(db, ctx.tenant), await loadCatalogue(db, ctx.tenant), { location: req.query.location || undefined, round: req.query.round || undefined, limit });
      repo.opts.audit?.enqueue(ctx, 'search', 'Task', undefined, undefined, '0', `worklist role=${role}${req.query.round ? ` round=${req.query.round}` : ''}`);
      return { role, items: r.items, rounds: r.rounds };
    }
    const items = await roleWorklist(db, ctx.tenant, role, { location: req.query.location || undefined, limit: req.query.limit ? Number(req.query.limit) : undefined });
    repo.opts.audit?.enqueue(ctx, 'search', 'Task', undefined, undefined, '0', `worklist role=${role}`);
    return { role, items };
  });

  app.get<{ Querystring: { role?: string } }>('/api/worklist/stream', async (req, reply) => {
    const role = roleFor(req.session!.user.role, req.query.role);
    const tenant = req.session!.user.tenant;
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write(`retry: 2000\n: connected to the ${role} worklist\n\n`);
    const unsubscribe = hub.subscribe((e) => {
      if (e.tenant !== tenant || e.type !== 'Task' || (e.role && e.role !== role)) return;
      res.write(`event: worklist\ndata: ${JSON.stringify({ taskId: e.id, change: e.version === 1 ? 'created' : 'updated', version: e.version })}\n\n`);
    });
    const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
    req.raw.on('close', () => {
      clearInterval(ping);
      unsubscribe();
    });
  });

  app.post<{ Params: { id: string }; Body: { to: string; reason?: string; version: number } }>('/api/tasks/:id/transition', async (req) => {
    const user = req.session!.user;
    const ctx = contextOf(req);
    const current = await repo.read<Task>(ctx, 'Task', req.params.id, { audit: false });
    const taskRole = current.performerType?.[0]?.coding?.[0]?.code ?? '';
    if (!mayViewWorklist(user.role, taskRole)) throw new ApiError(403, 'forbidden', `The ${user.role} role may not work ${taskRole || 'this'} tasks`);
    const actor = user.practitionerId ? { reference: `Practitioner/${user.practitionerId}`, display: user.display } : { identifier: { system: systems.username, value: user.username }, display: user.display };
    const task = await transitionTask(ctx, repo, req.params.id, req.body ?? ({} as never), actor);
    const patientRef = task.for?.reference;
    const patient = patientRef?.startsWith('Patient/') ? await repo.read<Patient>(ctx, 'Patient', patientRef.slice(8), { audit: false }).catch(() => null) : null;
    return worklistItem(task, patient);
  });
}
