import type { Db } from '../../store/db.js';
import { getSetting, putSetting } from '../../store/settings.js';
import { validateCollectionSettings, type CollectionSettings } from './rounds.js';

const KEY = 'collection';
// every worklist read needs the rounds: other server processes see an edit within this time, this one at once
const CACHE_MS = 10_000;
// per database as well as per organisation: tests run several databases in one process
const caches = new WeakMap<Db, Map<string, { settings: CollectionSettings; at: number }>>();
const cacheOf = (db: Db) => caches.get(db) ?? caches.set(db, new Map()).get(db)!;

/** The organisation's rounds, time zone and fasting hours: the stored ones, else the demo defaults. */
export async function collectionSettingsOf(db: Db, tenant: string): Promise<CollectionSettings> {
  const cache = cacheOf(db);
  const hit = cache.get(tenant);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.settings;
  const settings = validateCollectionSettings((await getSetting(db, tenant, KEY)) ?? {});
  cache.set(tenant, { settings, at: Date.now() });
  return settings;
}

export async function setCollectionSettings(db: Db, tenant: string, input: unknown): Promise<CollectionSettings> {
  const settings = validateCollectionSettings(input);
  await putSetting(db, tenant, KEY, settings);
  cacheOf(db).delete(tenant);
  return settings;
}
