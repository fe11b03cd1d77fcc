import type { Db } from './db.js';

export interface InboxRow {
  id: number;
  tenant: string;
  channel: string;
  source: string | null;
  message_id: string | null;
  raw: string;
  received_at: Date;
  status: 'received' | 'processed' | 'error' | 'rejected' | 'duplicate';
  error: string | null;
  processed_at: Date | null;
}

/**
 * Stores an inbound message before anything else happens to it. Returns its row id, or the id of
 * the earlier copy when the same message id was already received (a duplicate is not applied twice).
 */
export async function storeInbound(db: Db, row: { tenant: string; channel: string; source: string; messageId: string | null; raw: string }): Promise<{ id: number; duplicateOf?: number }> {
  if (row.messageId) {
    const r = await db.query<{ id: number }>(
      `INSERT INTO inbox (tenant, channel, source, message_id, raw) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant, channel, message_id) WHERE message_id IS NOT NULL DO NOTHING RETURNING id`,
      [row.tenant, row.channel, row.source, row.messageId, row.raw],
    );
    if (r.rows[0]) return { id: Number(r.rows[0].id) };
    const prior = await db.query<{ id: number }>('SELECT id FROM inbox WHERE tenant = $1 AND channel = $2 AND message_id = $3', [row.tenant, row.channel, row.messageId]);
    return { id: Number(prior.rows[0].id), duplicateOf: Number(prior.rows[0].id) };
  }
  const r = await db.query<{ id: number }>('INSERT INTO inbox (tenant, channel, source, message_id, raw) VALUES ($1, $2, $3, NULL, $4) RETURNING id', [row.tenant, row.channel, row.source, row.raw]);
  return { id: Number(r.rows[0].id) };
}

export async function setInboxStatus(db: Db, id: number, status: InboxRow['status'], error: string | null = null): Promise<void> {
  await db.query(`UPDATE inbox SET status = $2, error = $3, processed_at = CASE WHEN $2 = 'received' THEN NULL ELSE now() END WHERE id = $1`, [id, status, error]);
}

export async function getInbox(db: Db, tenant: string, id: number): Promise<InboxRow | undefined> {
  return (await db.query<InboxRow>('SELECT * FROM inbox WHERE tenant = $1 AND id = $2', [tenant, id])).rows[0];
}

export async function listInbox(db: Db, tenant: string, opts: { status?: string; limit?: number } = {}): Promise<InboxRow[]> {
  const params: unknown[] = [tenant];
  let where = 'tenant = $1';
  if (opts.status) where += ` AND status = $${params.push(opts.status)}`;
  return (await db.query<InboxRow>(`SELECT * FROM inbox WHERE ${where} ORDER BY id DESC LIMIT ${Math.min(opts.limit ?? 100, 1000)}`, params)).rows;
}
