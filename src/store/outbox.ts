import type { Db } from './db.js';

export interface OutboxRow {
  id: number;
  tenant: string;
  channel: string;
  destination: string;
  payload: string;
  idempotency_key: string;
  status: 'pending' | 'sending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
}

/** Adds a message in the caller's transaction; the same idempotency key twice is one message. */
export async function enqueue(db: Db, row: { tenant: string; channel: string; destination: string; payload: string; idempotencyKey: string }): Promise<number | undefined> {
  const r = await db.query<{ id: number }>(
    `INSERT INTO outbox (tenant, channel, destination, payload, idempotency_key) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
    [row.tenant, row.channel, row.destination, row.payload, row.idempotencyKey],
  );
  return r.rows[0]?.id;
}

/** Takes up to `limit` due messages of a channel for sending (skipping ones another worker holds). */
export async function claimDue(db: Db, channel: string, limit: number): Promise<OutboxRow[]> {
  const r = await db.query<OutboxRow>(
    `UPDATE outbox SET status = 'sending', attempts = attempts + 1
     WHERE id IN (SELECT id FROM outbox WHERE channel = $1 AND status = 'pending' AND next_attempt_at <= now() ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
     RETURNING *`,
    [channel, limit],
  );
  return r.rows;
}

export async function markDelivered(db: Db, id: number, note: string): Promise<void> {
  await db.query(`UPDATE outbox SET status = 'delivered', delivered_at = now(), last_error = $2 WHERE id = $1`, [id, note]);
}

/** A failure: retried after `retryInMs`, or kept as failed for a person when that is null. */
export async function markFailed(db: Db, id: number, error: string, retryInMs: number | null): Promise<void> {
  if (retryInMs === null) await db.query(`UPDATE outbox SET status = 'failed', last_error = $2 WHERE id = $1`, [id, error]);
  else await db.query(`UPDATE outbox SET status = 'pending', last_error = $2, next_attempt_at = now() + ($3 || ' milliseconds')::interval WHERE id = $1`, [id, error, String(retryInMs)]);
}

/** A person sends it again (after a NACK or when the lab was down). */
export async function resend(db: Db, tenant: string, id: number): Promise<boolean> {
  const r = await db.query(`UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = now() WHERE tenant = $1 AND id = $2 AND status IN ('failed', 'delivered', 'pending') RETURNING id`, [tenant, id]);
  return r.rows.length > 0;
}

export async function listOutbox(db: Db, tenant: string, opts: { channel?: string; status?: string; limit?: number } = {}): Promise<OutboxRow[]> {
  const params: unknown[] = [tenant];
  let where = 'tenant = $1';
  if (opts.channel) where += ` AND channel = $${params.push(opts.channel)}`;
  if (opts.status) where += ` AND status = $${params.push(opts.status)}`;
  const r = await db.query<OutboxRow>(`SELECT * FROM outbox WHERE ${where} ORDER BY id DESC LIMIT ${Math.min(opts.limit ?? 100, 1000)}`, params);
  return r.rows;
}
