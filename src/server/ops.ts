import type { FastifyInstance } from 'fastify';
import client from 'prom-client';
import type { Db } from '../store/db.js';
import { migrationStatus } from '../store/migrations/runner.js';

/** /healthz (the process answers), /readyz (database reachable, schema current), /metrics (Prometheus). */
export function registerOps(app: FastifyInstance, deps: { db: Db }): void {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'allied_' });
  const requests = new client.Counter({ name: 'allied_http_requests_total', help: 'HTTP requests by method, route and status', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const duration = new client.Histogram({
    name: 'allied_http_request_duration_seconds',
    help: 'HTTP request duration by route',
    labelNames: ['method', 'route'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions?.url ?? 'unmatched';
    requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    duration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    try {
      const s = await migrationStatus(deps.db);
      if (s.pending.length || !s.layoutCurrent) return reply.code(503).send({ status: 'not-ready', reason: `migrations pending: ${s.pending.join(', ') || 'search layout'}` });
      return { status: 'ready', migrations: s.applied.at(-1) ?? 0 };
    } catch (error) {
      return reply.code(503).send({ status: 'not-ready', reason: `database unreachable: ${(error as Error).message}` });
    }
  });
  app.get('/metrics', async (_req, reply) => reply.type(registry.contentType).send(await registry.metrics()));
}
