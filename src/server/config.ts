import { resolve } from 'node:path';

export interface ServerConfig {
  host: string;
  port: number;
  databaseUrl?: string;
  dataDir: string;
  logLevel: string;
  /** largest request body accepted, bytes */
  bodyLimit: number;
  /** cookies marked Secure (set when served over HTTPS, e.g. behind a proxy) */
  secureCookies: boolean;
  /** where the built web app is */
  webDir: string;
  /** public base URL for links (FHIR paging, fullUrl); derived from the request when unset */
  baseUrl?: string;
  /** MLLP port for reference-lab results (HL7 v2); null = no listener */
  mllpPort: number | null;
  /** the organisation inbound HL7 belongs to when there are several (else MSH-6 decides) */
  mllpTenant?: string;
  /** PostgreSQL connections per server process */
  dbPoolSize: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<ServerConfig> = {}): ServerConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT "${env.PORT}" is not a port number (0-65535)`);
  return {
    host: env.HOST ?? '127.0.0.1',
    port,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.ALLIED_DATA_DIR ?? '.allied'),
    logLevel: env.ALLIED_LOG_LEVEL ?? 'info',
    bodyLimit: Number(env.ALLIED_BODY_LIMIT ?? 16 * 1024 * 1024),
    secureCookies: env.ALLIED_SECURE_COOKIES === 'true',
    webDir: resolve(env.ALLIED_WEB_DIR ?? new URL('../../dist/web', import.meta.url).pathname),
    baseUrl: env.ALLIED_BASE_URL,
    mllpPort: env.ALLIED_MLLP_PORT === 'off' ? null : Number(env.ALLIED_MLLP_PORT ?? 2575),
    mllpTenant: env.ALLIED_MLLP_TENANT,
    dbPoolSize: poolSizeOf(env.ALLIED_DB_POOL),
    ...overrides,
  };
}

function poolSizeOf(value: string | undefined): number {
  if (value === undefined || value === '') return 10;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 2 || n > 200) throw new Error(`ALLIED_DB_POOL "${value}" is not a connection count (a whole number, 2 to 200)`);
  return n;
}
