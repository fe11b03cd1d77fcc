import { DomainInputError, resolveDomainConfig, type DomainConfig } from '../../domain/index.js';
import type { Db } from '../../store/db.js';
import { getSetting, putSetting } from '../../store/settings.js';
import { withCatalogue } from '../catalogue/lab-tests.js';
import { loadCatalogue } from '../catalogue/store.js';
import { ServiceError } from '../errors.js';

const KEY = 'domain';
// Per database (a test process may open several with the same organisation names), then per organisation.
const caches = new WeakMap<Db, Map<string, { override: unknown; effective: DomainConfig; at: number }>>();
const cacheOf = (db: Db) => caches.get(db) ?? caches.set(db, new Map()).get(db)!;
const CACHE_MS = 10_000;

/**
 * An organisation's rule configuration: DOMAIN.md's DEFAULT values with the organisation's stored
 * overrides on top (a lab's own citrate fill limit, an ICU's triage levels...), and the specimen
 * requirements of its test catalogue. Services pass `effective` as the `config` of every domain
 * rule they call.
 */
export async function domainConfigOf(db: Db, tenant: string): Promise<{ override: unknown; effective: DomainConfig }> {
  let hit = cacheOf(db).get(tenant);
  if (!hit || Date.now() - hit.at >= CACHE_MS) {
    const override = (await getSetting(db, tenant, KEY)) ?? {};
    hit = { override, effective: resolveDomainConfig(override), at: Date.now() };
    cacheOf(db).set(tenant, hit);
  }
  return { override: hit.override, effective: withCatalogue(hit.effective, await loadCatalogue(db, tenant)) };
}

/** Stores new overrides after checking them against the rule tables; a bad value names its field. */
export async function setDomainConfig(db: Db, tenant: string, override: unknown): Promise<DomainConfig> {
  if (!override || typeof override !== 'object' || Array.isArray(override)) throw new ServiceError('invalid', 'The configuration must be a JSON object of overrides (e.g. {"phlebotomy": {"citrateMinFillPct": 92}})');
  let effective: DomainConfig;
  try {
    effective = resolveDomainConfig(override);
  } catch (error) {
    if (error instanceof DomainInputError) throw new ServiceError('invalid', error.message, error.field);
    throw error;
  }
  await putSetting(db, tenant, KEY, override);
  cacheOf(db).delete(tenant);
  return effective;
}
