import type { Db } from '../../store/db.js';
import { getSetting, putSetting } from '../../store/settings.js';
import { validateCollectionSettings, type CollectionSettings } from './rounds.js';

const KEY = 'collection';

/** The organisation's rounds, time zone and fasting hours: the stored ones, else the demo defaults. */
export async function collectionSettingsOf(db: Db, tenant: string): Promise<CollectionSettings> {
  return validateCollectionSettings((await getSetting(db, tenant, KEY)) ?? {});
}

export async function setCollectionSettings(db: Db, tenant: string, input: unknown): Promise<CollectionSettings> {
  const settings = validateCollectionSettings(input);
  await putSetting(db, tenant, KEY, settings);
  return settings;
}
