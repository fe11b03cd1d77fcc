import type { FastifyInstance } from 'fastify';
import type { Db } from '../../store/db.js';
import type { Repository } from '../../store/repository.js';
import { domainConfigOf } from '../../services/config/domain-config.js';
import { tubePlanFor } from '../../services/phlebotomy/tube-plan.js';
import { contextOf } from '../auth.js';
import { ApiError } from '../errors.js';

const MAY_PLAN = new Set(['phlebotomist', 'lab', 'nurse', 'physician', 'admin']);

export function registerPhlebotomyRoutes(app: FastifyInstance, deps: { db: Db; repo: Repository }): void {
  app.get<{ Params: { id: string }; Querystring: { device?: string } }>('/api/patients/:id/tube-plan', async (req) => {
    const role = req.session!.user.role;
    if (!MAY_PLAN.has(role)) throw new ApiError(403, 'forbidden', `The ${role} role may not see tube plans`);
    const ctx = contextOf(req);
    const { effective } = await domainConfigOf(deps.db, ctx.tenant);
    return tubePlanFor(ctx, deps.repo, effective, req.params.id, { device: (req.query.device ?? 'needle') as 'needle' });
  });
}
