import type { Db } from '../../store/db.js';
import { getSetting, updateSetting } from '../../store/settings.js';
import { ServiceError } from '../errors.js';
import type { Orderable, OrderableKind } from './models.js';
import { seedCatalogue } from './seed.js';
import { validateCatalogue, validateOrderable, type CatalogueRules } from './validate.js';

/** An organisation's orderable catalogue as loaded: every entry, active and retired, in catalogue order. */
export interface Catalogue {
  readonly items: readonly Orderable[];
  /** The entry with this code, retired or not (orders already placed keep theirs). */
  find(code: string): Orderable | undefined;
  /** The entry with this code if it may be ordered now. */
  orderable(code: string): Orderable | undefined;
  ofKind(kind: OrderableKind): Orderable[];
  /** Whether the organisation has its own stored catalogue (else this is the seed). */
  readonly stored: boolean;
}

interface Stored {
  items: Orderable[];
}

const KEY = 'catalogue';
// Other server processes (ALLIED_WORKERS > 1) see an edit within this time; this process at once.
const CACHE_MS = 5_000;
// Per database (a test process opens several, with the same organisation names), then per organisation.
const caches = new WeakMap<Db, Map<string, { catalogue: Catalogue; at: number }>>();
function cacheOf(db: Db): Map<string, { catalogue: Catalogue; at: number }> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  return cache;
}

function catalogueOf(items: Orderable[], stored: boolean): Catalogue {
  const byCode = new Map(items.map((o) => [o.code, o]));
  return {
    items,
    stored,
    find: (code) => byCode.get(code),
    orderable: (code) => {
      const o = byCode.get(code);
      return o && o.status !== 'retired' ? o : undefined;
    },
    ofKind: (kind) => items.filter((o) => o.kind === kind),
  };
}

/** Drops this process's cached catalogue: for a change made inside a transaction, whose cache was the transaction's. */
export function forgetCachedCatalogue(db: Db, tenant: string): void {
  cacheOf(db).delete(tenant);
}

/** The organisation's catalogue (the seed until it has its own), cached per organisation and renewed on every change. */
export async function loadCatalogue(db: Db, tenant: string): Promise<Catalogue> {
  const cache = cacheOf(db);
  const hit = cache.get(tenant);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.catalogue;
  const stored = await getSetting<Stored>(db, tenant, KEY);
  const catalogue = catalogueOf(stored?.items ?? seedCatalogue(), stored !== undefined);
  cache.set(tenant, { catalogue, at: Date.now() });
  return catalogue;
}

async function write(db: Db, tenant: string, change: (items: Orderable[]) => Orderable[]): Promise<Catalogue> {
  try {
    const next = await updateSetting<Stored>(db, tenant, KEY, (current) => ({ items: change(current?.items ?? seedCatalogue()) }), () => ({ items: seedCatalogue() }));
    const catalogue = catalogueOf(next.items, true);
    cacheOf(db).set(tenant, { catalogue, at: Date.now() });
    return catalogue;
  } catch (e) {
    cacheOf(db).delete(tenant);
    throw e;
  }
}

/** Stores the seed as the organisation's own catalogue if it has none (demo seed, first start). */
export async function ensureCatalogue(db: Db, tenant: string): Promise<Catalogue> {
  if ((await loadCatalogue(db, tenant)).stored) return loadCatalogue(db, tenant);
  return write(db, tenant, (items) => items);
}

/** Adds an entry; its code must be new. */
export async function createOrderable(db: Db, tenant: string, raw: unknown, rules: CatalogueRules): Promise<Orderable> {
  const item = validateOrderable(raw, rules);
  await write(db, tenant, (items) => {
    if (items.some((o) => o.code === item.code)) throw new ServiceError('conflict', `${item.code} is already in the catalogue: edit it instead, or choose another code`, 'code');
    const lastOfKind = items.findLastIndex((o) => o.kind === item.kind);
    const next = [...items];
    next.splice(lastOfKind < 0 ? next.length : lastOfKind + 1, 0, item);
    return next;
  });
  return item;
}

/** Replaces the entry with this code (retire and reactivate are edits of `status`). */
export async function updateOrderable(db: Db, tenant: string, code: string, raw: unknown, rules: CatalogueRules): Promise<Orderable> {
  const body = raw && typeof raw === 'object' && !Array.isArray(raw) ? { ...(raw as Record<string, unknown>) } : raw;
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const b = body as Record<string, unknown>;
    if (b.code !== undefined && b.code !== code) throw new ServiceError('invalid', `The code cannot change (${code} -> ${String(b.code)}): retire this entry and add a new one`, 'code');
    b.code = code;
  }
  const item = validateOrderable(body, rules);
  await write(db, tenant, (items) => {
    const i = items.findIndex((o) => o.code === code);
    if (i < 0) throw new ServiceError('not-found', `${code} is not in the catalogue`, 'code');
    if (items[i].kind !== item.kind) throw new ServiceError('invalid', `${code} is a ${items[i].kind} entry; its kind cannot change`, 'kind');
    const next = [...items];
    next[i] = item;
    return next;
  });
  return item;
}

/**
 * Makes `labId` the performing lab of these entries (the reference lab's list of tests from before
 * the catalogue decided). Every code must be in the catalogue; nothing changes if one is not.
 */
export async function assignPerformingLab(db: Db, tenant: string, labId: string, codes: readonly string[], field = 'orderables'): Promise<void> {
  if (!codes.length) return;
  await write(db, tenant, (items) => {
    const known = new Set(items.map((o) => o.code));
    codes.forEach((code, i) => {
      if (!known.has(code)) throw new ServiceError('invalid', `"${code}" is not in the catalogue: add it there first, or remove it from the list`, `${field}[${i}]`);
    });
    const wanted = new Set(codes);
    return items.map((o) => (wanted.has(o.code) ? { ...o, performingLab: labId } : o));
  });
}

/**
 * Brings every entry these reference labs perform back to the in-house lab (an admin who removes a
 * lab and says so); returns the codes moved.
 */
export async function movePerformingLabsInHouse(db: Db, tenant: string, labIds: readonly string[]): Promise<string[]> {
  const gone = new Set(labIds);
  let moved: string[] = [];
  if (!gone.size) return moved;
  await write(db, tenant, (items) => {
    moved = items.filter((o) => o.performingLab && gone.has(o.performingLab)).map((o) => o.code);
    return items.map((o) => (o.performingLab && gone.has(o.performingLab) ? (({ performingLab: _lab, ...rest }) => rest)(o) : o));
  });
  return moved;
}

/**
 * Replaces the catalogue with these entries, all checked first (nothing changes if one is wrong).
 * Entries the new list lacks stay, retired, so orders already placed keep their definition.
 */
export async function replaceCatalogue(db: Db, tenant: string, raw: unknown, rules: CatalogueRules): Promise<{ catalogue: Catalogue; retired: string[] }> {
  const items = validateCatalogue(raw, rules);
  let retired: string[] = [];
  const had = (await getSetting<Stored>(db, tenant, KEY)) !== undefined;
  const catalogue = await write(db, tenant, (current) => {
    const codes = new Set(items.map((o) => o.code));
    const kept = had ? current.filter((o) => !codes.has(o.code)).map((o) => ({ ...o, status: 'retired' as const })) : [];
    retired = kept.map((o) => o.code);
    return [...items, ...kept];
  });
  return { catalogue, retired };
}
