import type { FastifyInstance } from 'fastify';
import type { Db } from '../../store/db.js';
import { domainConfigOf, setDomainConfig } from '../../services/config/domain-config.js';
import { contextOf } from '../auth.js';
import { ApiError } from '../errors.js';

/** The organisation's rule configuration (DOMAIN.md DEFAULT values and their overrides): admins change it. */
export function registerSettingsRoutes(app: FastifyInstance, deps: { db: Db; audit: import('../../store/audit.js').AuditLog }): void {
  app.get('/api/settings/domain', async (req) => {
    const ctx = contextOf(req);
    const { override, effective } = await domainConfigOf(deps.db, ctx.tenant);
    return { override, effective };
  });
  app.put('/api/settings/domain', async (req) => {
    const user = req.session!.user;
    if (user.role !== 'admin') throw new ApiError(403, 'forbidden', 'Only administrators may change the rule configuration');
    const ctx = contextOf(req);
    const effective = await setDomainConfig(deps.db, ctx.tenant, req.body);
    await deps.audit.record(ctx, 'update', undefined, undefined, undefined, '0', 'settings/domain');
    return { override: req.body, effective };
  });
}
