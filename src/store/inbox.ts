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

export interface InboundRow {
  tenant: string;
  channel: string;
  source: string;
  messageId: string | null;
  raw: string;
  /** 'received' waits for processing; a message refused on arrival is stored as 'rejected' or 'error' with why */
  status?: 'received' | 'rejected' | 'error';
  error?: string | null;
}

/**
 * Stores several inbound messages in one statement (one commit for all of them). Per input, in
 * order: its row id, or `duplicateOf` when that message id was already stored (earlier, or earlier
 * in this same list).
 */
export async function storeInboundMany(db: Db, rows: InboundRow[]): Promise<{ id: number; duplicateOf?: number }[]> {
  if (!rows.length) return [];
  const one = rows[0];
  if (rows.length === 1 && one.messageId !== null) return [await storeOne(db, one, one.messageId)];
  const out: ({ id: number; duplicateOf?: number } | undefined)[] = new Array(rows.length);
  // the first of each (tenant, channel, message id) in the list goes in; later copies are duplicates of it
  const firstOf = new Map<string, number>();
  const insert: number[] = [];
  const single: number[] = [];
  rows.forEach((r, i) => {
    if (r.messageId === null) return single.push(i);
    const key = `${r.tenant}\u0000${r.channel}\u0000${r.messageId}`;
    if (!firstOf.has(key)) {
      firstOf.set(key, i);
      insert.push(i);
    }
  });
  const json = JSON.stringify(insert.map((i) => ({ n: i, tenant: rows[i].tenant, channel: rows[i].channel, source: rows[i].source, message_id: rows[i].messageId, raw: rows[i].raw, status: rows[i].status ?? 'received', error: rows[i].error ?? null })));
  // one row per input; ORDER BY n keeps ids in arrival order, so processing order follows it
  const r = await db.query<{ id: number; n: number }>(
    `WITH v AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS v(n int, tenant text, channel text, source text, message_id text, raw text, status text, error text)),
     ins AS (INSERT INTO inbox (tenant, channel, source, message_id, raw, status, error, processed_at)
       SELECT tenant, channel, source, message_id, raw, status, error, CASE WHEN status = 'received' THEN NULL ELSE now() END FROM v ORDER BY n
       ON CONFLICT (tenant, channel, message_id) WHERE message_id IS NOT NULL DO NOTHING
       RETURNING id, tenant, channel, message_id)
     SELECT ins.id, v.n FROM ins JOIN v ON v.tenant = ins.tenant AND v.channel = ins.channel AND v.message_id = ins.message_id`,
    [json],
    { prepare: true },
  );
  for (const row of r.rows) out[row.n] = { id: Number(row.id) };
  for (const i of single) {
    // no message id (MSH-10 empty): nothing to match duplicates by, each one is its own row
    const one = await db.query<{ id: number }>(
      `INSERT INTO inbox (tenant, channel, source, message_id, raw, status, error, processed_at) VALUES ($1, $2, $3, NULL, $4, $5, $6, CASE WHEN $5 = 'received' THEN NULL ELSE now() END) RETURNING id`,
      [rows[i].tenant, rows[i].channel, rows[i].source, rows[i].raw, rows[i].status ?? 'received', rows[i].error ?? null],
    );
    out[i] = { id: Number(one.rows[0].id) };
  }
  const missing = insert.filter((i) => out[i] === undefined);
  if (missing.length) {
    // already stored before this batch: find the earlier copies
    const prior = await db.query<{ id: number; tenant: string; channel: string; message_id: string }>(
      `SELECT i.id, i.tenant, i.channel, i.message_id FROM inbox i JOIN jsonb_to_recordset($1::jsonb) AS k(tenant text, channel text, message_id text)
         ON i.tenant = k.tenant AND i.channel = k.channel AND i.message_id = k.message_id`,
      [JSON.stringify(missing.map((i) => ({ tenant: rows[i].tenant, channel: rows[i].channel, message_id: rows[i].messageId })))],
    );
    const byKey = new Map(prior.rows.map((p) => [`${p.tenant}\u0000${p.channel}\u0000${p.message_id}`, Number(p.id)]));
    for (const i of missing) {
      const id = byKey.get(`${rows[i].tenant}\u0000${rows[i].channel}\u0000${rows[i].messageId}`);
      if (id === undefined) throw new Error(`inbox: message ${rows[i].messageId} was neither stored nor found`);
      out[i] = { id, duplicateOf: id };
    }
  }
  return rows.map((r, i) => {
    if (out[i]) return out[i]!;
    const first = out[firstOf.get(`${r.tenant}\u0000${r.channel}\u0000${r.messageId}`)!]!;
    return { id: first.id, duplicateOf: first.id };
  });
}

/**
 * One message with a message id, as storeInboundMany stores it: a plain prepared insert, since a
 * lone message (each sender waiting for its ACK) is the common batch and needs no JSON list.
 */
async function storeOne(db: Db, row: InboundRow, messageId: string): Promise<{ id: number; duplicateOf?: number }> {
  const status = row.status ?? 'received';
  const r = await db.query<{ id: number }>(
    `INSERT INTO inbox (tenant, channel, source, message_id, raw, status, error, processed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $6 = 'received' THEN NULL ELSE now() END)
     ON CONFLICT (tenant, channel, message_id) WHERE message_id IS NOT NULL DO NOTHING RETURNING id`,
    [row.tenant, row.channel, row.source, messageId, row.raw, status, row.error ?? null],
    { prepare: true },
  );
  if (r.rows[0]) return { id: Number(r.rows[0].id) };
  const prior = await db.query<{ id: number }>('SELECT id FROM inbox WHERE tenant = $1 AND channel = $2 AND message_id = $3', [row.tenant, row.channel, messageId]);
  if (!prior.rows[0]) throw new Error(`inbox: message ${messageId} was neither stored nor found`);
  return { id: Number(prior.rows[0].id), duplicateOf: Number(prior.rows[0].id) };
}

/**
 * In the caller's transaction: takes up to `limit` messages of a channel still waiting to be
 * processed, oldest first, locking them (another process skips them). Commit after setting their
 * status; a crash before that leaves them waiting, to be taken again.
 */
export async function claimReceived(tx: Db, channel: string, limit: number): Promise<Pick<InboxRow, 'id' | 'tenant' | 'source' | 'raw'>[]> {
  const r = await tx.query<Pick<InboxRow, 'id' | 'tenant' | 'source' | 'raw'>>(
    `SELECT id, tenant, source, raw FROM inbox WHERE channel = $1 AND status = 'received' ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [channel, limit],
  );
  return r.rows.map((row) => ({ ...row, id: Number(row.id) }));
}

/** Sets the status of several messages in one statement. */
export async function setInboxStatuses(db: Db, updates: { id: number; status: InboxRow['status']; error: string | null }[]): Promise<void> {
  if (!updates.length) return;
  await db.query(
    `UPDATE inbox SET status = u.status, error = u.error, processed_at = now()
     FROM jsonb_to_recordset($1::jsonb) AS u(id bigint, status text, error text) WHERE inbox.id = u.id`,
    [JSON.stringify(updates)],
  );
}
