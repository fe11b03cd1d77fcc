import type { Role } from '../fhir/systems.js';
import { roles } from '../fhir/systems.js';
import { openStore, type Store } from '../store/store.js';
import { freshPostgresUrl } from '../store/testing.js';
import { addUser, createSession, ensureTenant, findUser } from '../store/users.js';
import { fhirValidator, startServer, writeGuard, type RunningServer } from './main.js';

export const PASSWORD = 'correct-horse-battery';

/** A small world for server tests: two organisations, one user per role in each, a bearer token per user. */
export interface ServerFixture {
  url: string;
  server: RunningServer;
  store: Store;
  tokens: Record<string, string>; // "t1:phlebotomist" -> bearer token
  close(): Promise<void>;
}

export async function startFixture(backend: 'pglite' | 'postgres'): Promise<ServerFixture> {
  let drop: (() => Promise<void>) | undefined;
  let databaseUrl: string | undefined;
  if (backend === 'postgres') ({ url: databaseUrl, drop } = await freshPostgresUrl());
  const store = await openStore({ databaseUrl, validate: fhirValidator, guard: writeGuard });
  const tokens: Record<string, string> = {};
  for (const tenant of ['t1', 't2']) {
    await ensureTenant(store.db, tenant, `Organisation ${tenant}`);
    for (const role of roles) {
      const username = `${tenant}-${role}`;
      const user = (await findUser(store.db, username)) ?? (await addUser(store.db, { tenant, username, role, display: `${role} of ${tenant}`, password: PASSWORD }));
      tokens[`${tenant}:${role}`] = (await createSession(store.db, user, 'bearer')).token;
    }
  }
  const server = await startServer({ port: 0, mllpPort: 0, host: '127.0.0.1', logLevel: 'silent', databaseUrl }, { store });
  return {
    url: server.url,
    server,
    store,
    tokens,
    async close() {
      await server.close();
      await store.close();
      await drop?.();
    },
  };
}

/** fetch with a bearer token and JSON in/out. */
export function client(base: string, token?: string) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(base + path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': typeof body === 'string' ? 'application/fhir+json' : 'application/fhir+json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    return { status: res.status, headers: res.headers, body: json };
  };
}

export type Role_ = Role;
