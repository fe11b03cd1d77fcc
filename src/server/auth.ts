import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../store/db.js';
import type { AuditLog } from '../store/audit.js';
import type { RequestContext } from '../store/repository.js';
import { createSession, findSession, hashToken, revokeSession, touchSession, UserError, verifyLogin, type Session } from '../store/users.js';
import { ApiError } from './errors.js';

export const SESSION_COOKIE = 'allied_session';
const CACHE_MS = 15_000;
const TOUCH_MS = 60_000;

declare module 'fastify' {
  interface FastifyRequest {
    session?: Session;
  }
}

/** Per-IP login attempts in a sliding minute: beyond the limit, 429 before any password check. */
class LoginRateLimit {
  private hits = new Map<string, number[]>();
  constructor(private readonly perMinute: number) {}
  allow(key: string): boolean {
    const now = Date.now();
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < 60_000);
    recent.push(now);
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) for (const [k, v] of this.hits) if (!v.some((t) => now - t < 60_000)) this.hits.delete(k);
    return recent.length <= this.perMinute;
  }
}

export function contextOf(req: FastifyRequest): RequestContext {
  const s = req.session!;
  return { tenant: s.user.tenant, user: { id: s.user.id, username: s.user.username, role: s.user.role }, source: req.ip };
}

const publicUser = (s: Session) => ({ ...s.user });

/** Sessions from the cookie (browser, with CSRF check) or a bearer token (API clients). */
export function registerAuth(app: FastifyInstance, deps: { db: Db; audit: AuditLog; secureCookies: boolean; loginsPerMinute?: number }): void {
  const cache = new Map<string, { session: Session | undefined; until: number }>();
  const touched = new Map<string, number>();
  const limiter = new LoginRateLimit(deps.loginsPerMinute ?? 20);

  async function lookup(token: string): Promise<Session | undefined> {
    const key = hashToken(token);
    const hit = cache.get(key);
    const now = Date.now();
    if (hit && hit.until > now) return hit.session && hit.session.expiresAt.getTime() > now ? hit.session : undefined;
    const session = await findSession(deps.db, token);
    cache.set(key, { session, until: now + CACHE_MS });
    if (cache.size > 50_000) cache.clear();
    if (session && session.kind === 'cookie' && now - (touched.get(key) ?? 0) > TOUCH_MS) {
      touched.set(key, now);
      await touchSession(deps.db, key);
    }
    return session;
  }

  app.decorateRequest('session', undefined);
  app.addHook('onRequest', async (req) => {
    const path = req.url;
    if (!path.startsWith('/api/') && !path.startsWith('/fhir/')) return;
    if (path === '/fhir/R4/metadata' || path.startsWith('/fhir/R4/metadata?') || path === '/api/auth/login') return;
    const auth = req.headers.authorization;
    if (auth) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      if (!m) throw new ApiError(401, 'unauthenticated', 'Authorization must be "Bearer <token>"');
      req.session = await lookup(m[1]);
      if (!req.session) throw new ApiError(401, 'unauthenticated', 'The bearer token is unknown, expired or revoked');
      return;
    }
    const cookie = req.cookies?.[SESSION_COOKIE];
    if (!cookie) throw new ApiError(401, 'unauthenticated', 'Log in first');
    req.session = await lookup(cookie);
    if (!req.session) throw new ApiError(401, 'unauthenticated', 'Your session has ended; log in again');
    if (!['GET', 'HEAD', 'OPTIONS'].includes(req.method) && req.headers['x-csrf-token'] !== req.session.csrfToken) {
      throw new ApiError(403, 'csrf', 'The request lacks the x-csrf-token header of this session (reload the page)');
    }
  });

  app.post('/api/auth/login', async (req, reply) => {
    const body = (req.body ?? {}) as { username?: unknown; password?: unknown };
    if (typeof body.username !== 'string' || typeof body.password !== 'string' || !body.username) {
      throw new ApiError(400, 'invalid', 'Send {"username", "password"}', typeof body.username !== 'string' ? 'username' : 'password');
    }
    if (!limiter.allow(req.ip)) throw new ApiError(429, 'rate-limited', 'Too many login attempts from here; wait a minute and try again');
    let user;
    try {
      user = await verifyLogin(deps.db, body.username, body.password);
    } catch (error) {
      if (error instanceof UserError) {
        const known = await deps.db.query<{ tenant: string }>('SELECT tenant FROM app_user WHERE lower(username) = lower($1)', [body.username]);
        if (known.rows[0]) deps.audit.enqueue({ tenant: known.rows[0].tenant, source: req.ip, user: { id: '', username: body.username, role: '' } }, 'login-failed', undefined, undefined, undefined, '4', undefined, error.code);
        throw new ApiError(error.status, error.code, error.message);
      }
      throw error;
    }
    const { token, csrfToken, expiresAt } = await createSession(deps.db, user, 'cookie');
    deps.audit.enqueue({ tenant: user.tenant, source: req.ip, user: { id: user.id, username: user.username, role: user.role } }, 'login');
    reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: deps.secureCookies, path: '/', expires: expiresAt });
    return { user, csrfToken };
  });

  app.post('/api/auth/logout', async (req: FastifyRequest, reply: FastifyReply) => {
    const token = req.cookies?.[SESSION_COOKIE];
    if (token) {
      await revokeSession(deps.db, token);
      cache.delete(hashToken(token));
    }
    if (req.session) deps.audit.enqueue(contextOf(req), 'logout');
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.get('/api/auth/me', async (req) => ({ user: publicUser(req.session!), csrfToken: req.session!.csrfToken }));
}
