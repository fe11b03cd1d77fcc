import type { FastifyInstance } from 'fastify';
import type { Db } from '../../store/db.js';
import { mayReadAudit } from '../../services/access/policies.js';
import { searchAuditLog } from '../../store/audit-search.js';
import { contextOf } from '../auth.js';
import { ApiError } from '../errors.js';

export function registerAuditRoutes(app: FastifyInstance, deps: { db: Db }): void {
  app.get<{ Querystring: Record<string, string | undefined> }>('/api/audit', async (req) => {
    const user = req.session!.user;
    if (!mayReadAudit(user.role)) throw new ApiError(403, 'forbidden', 'Only administrators may read the audit log');
    const q = req.query;
    for (const k of ['from', 'to']) if (q[k] && Number.isNaN(Date.parse(q[k]!))) throw new ApiError(400, 'invalid', `"${q[k]}" is not a date`, k);
    return searchAuditLog(deps.db, contextOf(req).tenant, {
      username: q.username || undefined,
      patient: q.patient || undefined,
      operation: q.operation || undefined,
      resourceType: q.resourceType || undefined,
      from: q.from || undefined,
      to: q.to || undefined,
      offset: Number(q.offset ?? 0) || 0,
      limit: Math.min(Number(q.limit ?? 50) || 50, 500),
    });
  });
}
