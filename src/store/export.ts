import type { Resource } from '@medplum/fhirtypes';
import type { Db } from './db.js';
import { tableOf } from './schema.js';

/** Every live resource of a type for one tenant, in id order, a page at a time (bounded memory). */
export async function* exportResources(db: Db, tenant: string, type: string, pageSize = 1000): AsyncGenerator<Resource[]> {
  for (let after = ''; ; ) {
    const r = await db.query<{ id: string; content: Resource }>(
      `SELECT id, content FROM ${tableOf(type)} WHERE tenant = $1 AND NOT deleted AND id > $2 ORDER BY id LIMIT $3`,
      [tenant, after, pageSize],
    );
    if (!r.rows.length) return;
    yield r.rows.map((row) => row.content);
    after = r.rows[r.rows.length - 1].id;
  }
}

export async function countResources(db: Db, tenant: string, type: string): Promise<number> {
  return Number((await db.query<{ n: number }>(`SELECT count(*)::bigint AS n FROM ${tableOf(type)} WHERE tenant = $1 AND NOT deleted`, [tenant])).rows[0].n);
}
