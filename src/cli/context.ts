import { loadConfig } from '../server/config.js';
import { acquireDataDirLock } from '../server/lock.js';
import { openConfiguredStore } from '../server/main.js';
import type { Store } from '../store/store.js';

/** Opens the configured database for a one-shot command (taking PGlite's folder lock), runs fn, closes. */
export async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const release = config.databaseUrl ? () => undefined : acquireDataDirLock(config.dataDir);
  try {
    const store = await openConfiguredStore(config);
    try {
      return await fn(store);
    } finally {
      await store.close();
    }
  } finally {
    release();
  }
}

export function describeDatabase(): string {
  const config = loadConfig();
  return config.databaseUrl ? `PostgreSQL (${new URL(config.databaseUrl).host}${new URL(config.databaseUrl).pathname})` : `PGlite in ${config.dataDir}`;
}
