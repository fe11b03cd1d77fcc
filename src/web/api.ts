/**
 * The app API client (docs/api.md). Every call goes through `request`, which sends the session
 * cookie, adds the CSRF header to writes, and turns error answers into `ApiError` values.
 */
import type {
  AuditEvent, AuditQuery, CatalogueItem, LocationSummary, NewOrder, OrderableKind, OrderSummary,
  PatientBanner, PatientSummary, PlacedOrder, Session, WorklistItem,
} from './models.js';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  /** The whole error answer, for calls that say more than `error` (e.g. `reasons` of an identity mismatch). */
  readonly body: unknown;

  constructor(status: number, code: string, message: string, field?: string, body?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.body = body;
  }
}

let csrfToken = '';
let unauthenticatedHandler: (() => void) | undefined;

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called when any call (other than a login attempt) answers 401: the session is gone. */
export function onUnauthenticated(handler: (() => void) | undefined): void {
  unauthenticatedHandler = handler;
}

type Query = Record<string, string | number | undefined | null>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function request<T>(method: string, path: string, body?: unknown, opts: { signal?: AbortSignal } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'Cannot reach the Allied server. Check the connection and try again.');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON (a proxy's error page): fall through to the status line
  }
  if (res.ok) return json as T;
  const e = (json as { error?: { code?: string; message?: string; field?: string } } | undefined)?.error;
  const error = new ApiError(res.status, e?.code ?? `http-${res.status}`, e?.message ?? `The server answered ${res.status} ${res.statusText}`.trim(), e?.field, json);
  if (res.status === 401 && path !== '/api/auth/login' && path !== '/api/auth/me') unauthenticatedHandler?.();
  throw error;
}

const get = <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', withQuery(path, query), undefined, { signal });
const post = <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {});
const put = <T>(path: string, body: unknown) => request<T>('PUT', path, body);
/** The plain verbs, for workspaces that keep their own calls beside them (phlebotomy, lab, settings). */
export const http = { get, post, put };
const enc = encodeURIComponent;

export const api = {
  login: (username: string, password: string) => post<Session>('/api/auth/login', { username, password }),
  logout: () => post<void>('/api/auth/logout'),
  me: () => get<Session>('/api/auth/me'),

  searchPatients: (q: string, signal?: AbortSignal, limit = 20) =>
    get<{ patients: PatientSummary[] }>('/api/patients', { q, limit }, signal).then((r) => r.patients),
  banner: (id: string, signal?: AbortSignal) => get<PatientBanner>(`/api/patients/${enc(id)}/banner`, undefined, signal),
  patientOrders: (id: string, signal?: AbortSignal) =>
    get<{ orders: OrderSummary[] }>(`/api/patients/${enc(id)}/orders`, undefined, signal).then((r) => r.orders),

  catalogue: (q: string, kind?: OrderableKind, signal?: AbortSignal) =>
    get<{ items: CatalogueItem[] }>('/api/catalogue', { q, kind }, signal).then((r) => r.items),
  locations: (signal?: AbortSignal) => get<{ locations: LocationSummary[] }>('/api/locations', undefined, signal).then((r) => r.locations),

  placeOrder: (order: NewOrder) => post<PlacedOrder>('/api/orders', order),

  worklist: (role: string | undefined, location: string | undefined, signal?: AbortSignal) =>
    get<{ role: string; items: WorklistItem[] }>('/api/worklist', { role, location }, signal),
  worklistStreamUrl: (role: string) => withQuery('/api/worklist/stream', { role }),
  transition: (taskId: string, to: string, version: number, reason?: string) =>
    post<WorklistItem>(`/api/tasks/${enc(taskId)}/transition`, { to, version, ...(reason ? { reason } : {}) }),

  audit: (query: AuditQuery, signal?: AbortSignal) =>
    get<{ total: number; events: AuditEvent[] }>('/api/audit', { ...query }, signal),
};
