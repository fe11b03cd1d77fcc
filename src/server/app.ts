import Fastify, { LogController, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../store/store.js';
import type { ServerConfig } from './config.js';
import { registerAuth } from './auth.js';
import { handleError, ApiError } from './errors.js';
import { ChangeHub } from './events.js';
import { registerFhirRoutes } from './fhir/routes.js';
import { registerPatientRoutes } from './api/patients.js';
import { registerOrderRoutes } from './api/orders.js';
import { registerCatalogueRoutes } from './api/catalogue.js';
import { registerResultRoutes } from './api/results.js';
import { registerWorklistRoutes } from './api/worklist.js';
import { registerAuditRoutes } from './api/audit.js';
import { registerOps } from './ops.js';
import { registerSettingsRoutes } from './api/settings.js';
import { registerPhlebotomyRoutes } from './api/phlebotomy.js';
import { registerCollectionRoutes } from './api/collection.js';
import { registerInterfaceRoutes } from './api/interfaces.js';

const VERSION = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version as string;

/** The whole HTTP server: web app, /fhir/R4, /api, operations endpoints. */
export async function buildApp(store: Store, config: ServerConfig, hub: ChangeHub): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: config.bodyLimit,
    trustProxy: true,
    logger: {
      level: config.logLevel,
      // no PHI in logs: the route pattern, never the URL with its query (names, MRNs)
      serializers: {
        req: (req) => ({ method: req.method, route: req.routeOptions?.url, id: req.id }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    },
    // one line per request only when debugging: at 5,000 req/s request logs cost more than the work
    logController: new LogController({ disableRequestLogging: config.logLevel !== 'debug' }),
  });
  app.setErrorHandler(handleError);

  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['application/json', 'application/fhir+json', 'application/json-patch+json'], { parseAs: 'string' }, (_req, body, done) => {
    const text = String(body);
    if (!text.trim()) return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(new ApiError(400, 'invalid', `The body is not valid JSON: ${(error as Error).message}`), undefined);
    }
  });
  app.addContentTypeParser(['application/x-www-form-urlencoded', 'text/plain'], { parseAs: 'string' }, (_req, body, done) => done(null, String(body)));

  await app.register(cookie);
  registerOps(app, { db: store.db });
  registerAuth(app, { db: store.db, audit: store.audit, secureCookies: config.secureCookies });
  registerFhirRoutes(app, { db: store.db, repo: store.repo, version: VERSION, baseUrl: config.baseUrl });
  registerPatientRoutes(app, { repo: store.repo });
  registerOrderRoutes(app, { repo: store.repo });
  registerCatalogueRoutes(app, { db: store.db, audit: store.audit });
  registerWorklistRoutes(app, { db: store.db, repo: store.repo, hub });
  registerAuditRoutes(app, { db: store.db });
  registerSettingsRoutes(app, { db: store.db, audit: store.audit });
  registerPhlebotomyRoutes(app, { db: store.db, repo: store.repo });
  registerCollectionRoutes(app, { db: store.db, repo: store.repo });
  registerInterfaceRoutes(app, { db: store.db, repo: store.repo });
  registerResultRoutes(app, { repo: store.repo, hub });

  const index = join(config.webDir, 'index.html');
  if (existsSync(index)) {
    await app.register(fastifyStatic, { root: config.webDir, prefix: '/', wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.url.startsWith('/fhir/')) {
      return handleError(new ApiError(404, 'not-found', `No such endpoint: ${req.method} ${req.url.split('?')[0]}`), req, reply);
    }
    if (req.method === 'GET' && existsSync(index)) return reply.type('text/html; charset=utf-8').send(readFileSync(index));
    return reply.code(404).type('text/plain').send(existsSync(index) ? 'Not found' : 'The web app is not built yet: run "npm run build:web" (npm start does it for you).');
  });
  return app;
}
