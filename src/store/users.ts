import { createHash, randomBytes, randomUUID } from 'node:crypto';
import argon2 from 'argon2';
import type { Db } from './db.js';
import { roles, type Role } from '../fhir/systems.js';

export interface User {
  id: string;
  tenant: string;
  tenantName: string;
  username: string;
  display: string;
  role: Role;
  practitionerId: string | null;
  disabled: boolean;
}

export interface Session {
  user: User;
  kind: 'cookie' | 'bearer';
  csrfToken: string | null;
  expiresAt: Date;
  tokenHash: string;
}

export const LOCKOUT_AFTER = 5;
export const LOCKOUT_MINUTES = 15;
export const SESSION_IDLE_MINUTES = 30;
export const SESSION_MAX_HOURS = 12;

export class UserError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function checkPassword(password: string): void {
  if (typeof password !== 'string' || password.length < 10) throw new UserError('weak-password', 'A password needs at least 10 characters');
}

export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
}

export async function ensureTenant(db: Db, id: string, name: string): Promise<void> {
  await db.query('INSERT INTO tenant (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [id, name]);
}

export async function listTenants(db: Db): Promise<{ id: string; name: string }[]> {
  return (await db.query<{ id: string; name: string }>('SELECT id, name FROM tenant ORDER BY id')).rows;
}

const USER_SELECT = `SELECT u.id, u.tenant, t.name AS tenant_name, u.username, u.display, u.role, u.practitioner_id, u.disabled
  FROM app_user u JOIN tenant t ON t.id = u.tenant`;

type UserRow = { id: string; tenant: string; tenant_name: string; username: string; display: string; role: Role; practitioner_id: string | null; disabled: boolean };
const toUser = (r: UserRow): User => ({ id: r.id, tenant: r.tenant, tenantName: r.tenant_name, username: r.username, display: r.display, role: r.role, practitionerId: r.practitioner_id, disabled: r.disabled });

export async function addUser(db: Db, input: { tenant: string; username: string; display?: string; role: string; password: string; practitionerId?: string }): Promise<User> {
  if (!/^[a-z0-9][a-z0-9._@-]{1,63}$/i.test(input.username)) throw new UserError('bad-username', `"${input.username}" is not a valid username (2-64 letters, digits, . _ @ -)`);
  if (!(roles as readonly string[]).includes(input.role)) throw new UserError('bad-role', `"${input.role}" is not a role. Roles: ${roles.join(', ')}`);
  checkPassword(input.password);
  const t = await db.query('SELECT 1 FROM tenant WHERE id = $1', [input.tenant]);
  if (!t.rows.length) throw new UserError('no-tenant', `There is no organisation "${input.tenant}"`);
  const exists = await db.query('SELECT 1 FROM app_user WHERE lower(username) = lower($1)', [input.username]);
  if (exists.rows.length) throw new UserError('exists', `A user named "${input.username}" already exists`, 409);
  const id = randomUUID();
  await db.query(
    'INSERT INTO app_user (tenant, id, username, display, role, practitioner_id, password_hash) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [input.tenant, id, input.username, input.display ?? input.username, input.role, input.practitionerId ?? null, await hashPassword(input.password)],
  );
  return (await findUser(db, input.username))!;
}

export async function findUser(db: Db, username: string): Promise<User | undefined> {
  const r = await db.query<UserRow>(`${USER_SELECT} WHERE lower(u.username) = lower($1)`, [username]);
  return r.rows[0] ? toUser(r.rows[0]) : undefined;
}

export async function listUsers(db: Db, tenant: string): Promise<User[]> {
  return (await db.query<UserRow>(`${USER_SELECT} WHERE u.tenant = $1 ORDER BY u.username`, [tenant])).rows.map(toUser);
}

export async function setDisabled(db: Db, username: string, disabled: boolean): Promise<void> {
  const r = await db.query('UPDATE app_user SET disabled = $2 WHERE lower(username) = lower($1) RETURNING id, tenant', [username, disabled]);
  if (!r.rows.length) throw new UserError('no-user', `There is no user "${username}"`, 404);
  if (disabled) await db.query('UPDATE app_session SET revoked = true WHERE tenant = $1 AND user_id = $2', [r.rows[0].tenant, r.rows[0].id]);
}

export async function resetPassword(db: Db, username: string, password: string): Promise<void> {
  checkPassword(password);
  const r = await db.query(
    'UPDATE app_user SET password_hash = $2, failed_logins = 0, locked_until = NULL, password_changed_at = now() WHERE lower(username) = lower($1) RETURNING id, tenant',
    [username, await hashPassword(password)],
  );
  if (!r.rows.length) throw new UserError('no-user', `There is no user "${username}"`, 404);
  await db.query('UPDATE app_session SET revoked = true WHERE tenant = $1 AND user_id = $2', [r.rows[0].tenant, r.rows[0].id]);
}

/** Checks a password; counts failures and locks the account after LOCKOUT_AFTER in a row. */
export async function verifyLogin(db: Db, username: string, password: string): Promise<User> {
  const r = await db.query<UserRow & { password_hash: string; failed_logins: number; locked_until: Date | null }>(
    `${USER_SELECT.replace('SELECT ', 'SELECT u.password_hash, u.failed_logins, u.locked_until, ')} WHERE lower(u.username) = lower($1)`,
    [username],
  );
  const row = r.rows[0];
  const wrong = new UserError('bad-credentials', 'The username or password is wrong', 401);
  if (!row) {
    await argon2.hash(password || 'x', { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 }); // same time as a real check
    throw wrong;
  }
  if (row.locked_until && new Date(row.locked_until) > new Date()) {
    throw new UserError('locked', `This account is locked after ${LOCKOUT_AFTER} failed logins until ${new Date(row.locked_until).toISOString().slice(11, 16)} UTC. Ask an administrator to reset it, or wait.`, 423);
  }
  const ok = await argon2.verify(row.password_hash, password ?? '');
  if (!ok) {
    await db.query(
      `UPDATE app_user SET failed_logins = failed_logins + 1,
         locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + ($3 || ' minutes')::interval ELSE locked_until END
       WHERE tenant = $1 AND id = $4`,
      [row.tenant, LOCKOUT_AFTER, String(LOCKOUT_MINUTES), row.id],
    );
    if (row.failed_logins + 1 >= LOCKOUT_AFTER) throw new UserError('locked', `Too many failed logins: this account is locked for ${LOCKOUT_MINUTES} minutes. Ask an administrator to reset it, or wait.`, 423);
    throw wrong;
  }
  if (row.disabled) throw new UserError('disabled', 'This account is disabled. Ask an administrator.', 403);
  if (row.failed_logins > 0 || row.locked_until) await db.query('UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE tenant = $1 AND id = $2', [row.tenant, row.id]);
  return toUser(row);
}

/** Starts a session; returns the secret token (only its hash is stored). */
export async function createSession(db: Db, user: User, kind: 'cookie' | 'bearer', opts: { expiresInMs?: number; label?: string } = {}): Promise<{ token: string; csrfToken: string | null; expiresAt: Date }> {
  const token = (kind === 'bearer' ? 'alt_' : '') + randomBytes(32).toString('base64url');
  const csrfToken = kind === 'cookie' ? randomBytes(24).toString('base64url') : null;
  const expiresAt = new Date(Date.now() + (opts.expiresInMs ?? SESSION_MAX_HOURS * 3_600_000));
  await db.query(
    'INSERT INTO app_session (token_hash, tenant, user_id, kind, csrf_token, label, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [hashToken(token), user.tenant, user.id, kind, csrfToken, opts.label ?? null, expiresAt.toISOString()],
  );
  return { token, csrfToken, expiresAt };
}

/** The live session for a token, or undefined (expired, idle too long, revoked, user disabled). */
export async function findSession(db: Db, token: string): Promise<Session | undefined> {
  const tokenHash = hashToken(token);
  const r = await db.query<UserRow & { kind: 'cookie' | 'bearer'; csrf_token: string | null; expires_at: Date; last_seen_at: Date; revoked: boolean }>(
    `SELECT s.kind, s.csrf_token, s.expires_at, s.last_seen_at, s.revoked, u.id, u.tenant, t.name AS tenant_name, u.username, u.display, u.role, u.practitioner_id, u.disabled
     FROM app_session s JOIN app_user u ON u.tenant = s.tenant AND u.id = s.user_id JOIN tenant t ON t.id = u.tenant
     WHERE s.token_hash = $1`,
    [tokenHash],
  );
  const row = r.rows[0];
  if (!row || row.revoked || row.disabled) return undefined;
  const now = Date.now();
  if (new Date(row.expires_at).getTime() <= now) return undefined;
  if (row.kind === 'cookie' && now - new Date(row.last_seen_at).getTime() > SESSION_IDLE_MINUTES * 60_000) return undefined;
  return { user: toUser(row), kind: row.kind, csrfToken: row.csrf_token, expiresAt: new Date(row.expires_at), tokenHash };
}

export async function touchSession(db: Db, tokenHash: string): Promise<void> {
  await db.query('UPDATE app_session SET last_seen_at = now() WHERE token_hash = $1', [tokenHash]);
}

export async function revokeSession(db: Db, token: string): Promise<void> {
  await db.query('UPDATE app_session SET revoked = true WHERE token_hash = $1', [hashToken(token)]);
}

export { hashToken };
