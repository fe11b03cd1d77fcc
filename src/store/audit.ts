import { createHash } from 'node:crypto';
import type { Db } from './db.js';
import type { RequestContext } from './repository.js';

export type AuditOperation = 'create' | 'read' | 'vread' | 'update' | 'patch' | 'delete' | 'search' | 'history' | 'login' | 'login-failed' | 'logout' | 'export' | 'import' | 'print' | 'override' | 'execute';

const ACTION: Record<AuditOperation, string> = {
  create: 'C', read: 'R', vread: 'R', update: 'U', patch: 'U', delete: 'D', search: 'E', history: 'R',
  login: 'E', 'login-failed': 'E', logout: 'E', export: 'R', import: 'C', print: 'R', override: 'U', execute: 'E',
};

/** What links a row into the hash chain, after the COLUMNS of its entry. */
export const LINK_COLUMNS = ['seq', 'chain_pos', 'prev_hash', 'hash'];

const COLUMNS = ['tenant', 'recorded', 'user_id', 'username', 'role', 'action', 'operation', 'resource_type', 'resource_id', 'patient', 'outcome', 'outcome_desc', 'source', 'query'];

export interface AuditRow {
  seq: number;
  tenant: string;
  recorded: string;
  user_id: string | null;
  username: string | null;
  role: string | null;
  action: string;
  operation: string;
  resource_type: string | null;
  resource_id: string | null;
  patient: string | null;
  outcome: string;
  outcome_desc: string | null;
  source: string | null;
  query: string | null;
  chain_pos: number | null;
  prev_hash: string | null;
  hash: string | null;
}

/** The fields a row's hash covers, in a fixed order: editing any of them breaks the chain. */
function canonical(row: AuditRow | Record<string, unknown>): string {
  const r = row as Record<string, unknown>;
  const recorded = r.recorded instanceof Date ? r.recorded.toISOString() : new Date(String(r.recorded)).toISOString();
  return JSON.stringify([Number(r.seq), r.tenant, recorded, r.user_id, r.username, r.role, r.action, r.operation, r.resource_type, r.resource_id, r.patient, r.outcome, r.outcome_desc, r.source, r.query]);
}

export const chainHash = (prevHash: string, row: AuditRow | Record<string, unknown>) => createHash('sha256').update(prevHash).update('\n').update(canonical(row)).digest('hex');
const GENESIS = '0'.repeat(64);
const SEAL_LOCK = 7_042_002;

/**
 * The audit trail. Writes go into the same statement as the change they record, and a sealer links
 * those rows into the hash chain in the order it finds them. Reads and searches are buffered and
 * flushed in batches (at most flushMs later), already linked: one insert per event, no later update.
 * Either way one chain, so any edit or deletion of a sealed row is detected.
 */
export class AuditLog {
  private buffer: unknown[][] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly flushMs = 50,
  ) {}

  entryFor(ctx: RequestContext, op: AuditOperation, type?: string, id?: string, patient?: string, outcome = '0', query?: string, desc?: string) {
    return {
      columns: COLUMNS,
      values: [ctx.tenant, new Date().toISOString(), ctx.user?.id ?? null, ctx.user?.username ?? null, ctx.user?.role ?? null, ACTION[op], op, type ?? null, id ?? null, patient ?? null, outcome, desc ?? null, ctx.source ?? null, query ?? null],
    };
  }

  /** Records an event without waiting (reads, searches, logins). */
  enqueue(ctx: RequestContext, op: AuditOperation, type?: string, id?: string, patient?: string, outcome = '0', query?: string, desc?: string): void {
    this.buffer.push(this.entryFor(ctx, op, type, id, patient, outcome, query, desc).values);
    if (this.buffer.length >= 500) void this.flush();
    else if (!this.timer) this.timer = setTimeout(() => void this.flush(), this.flushMs);
  }

  /** Records an event now, waiting for it to be stored. */
  async record(ctx: RequestContext, op: AuditOperation, type?: string, id?: string, patient?: string, outcome = '0', query?: string, desc?: string, db: Db = this.db): Promise<void> {
    const e = this.entryFor(ctx, op, type, id, patient, outcome, query, desc);
    await db.query(`INSERT INTO audit_log (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`, e.values);
  }

  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const batch = this.buffer;
    this.buffer = [];
    if (!batch.length) return this.flushing;
    this.flushing = this.flushing.then(() =>
      this.insertSealed(batch).catch((error) => {
        process.emitWarning(`audit flush failed: ${(error as Error).message}`);
      }),
    );
    return this.flushing;
  }

  /** Inserts a batch already linked into the chain, holding the sealing lock while it does. */
  private async insertSealed(batch: unknown[][]): Promise<void> {
    await this.db.transaction(async (tx) => {
      const links = await this.linkNew(tx, batch);
      const all = [...COLUMNS, ...LINK_COLUMNS];
      const params: unknown[] = [];
      const tuples = batch.map((values, i) => {
        const base = params.length;
        params.push(...values, ...links[i]);
        return `(${all.map((_, j) => `$${base + j + 1}`).join(', ')})`;
      });
      await tx.query(`INSERT INTO audit_log (${all.join(', ')}) VALUES ${tuples.join(', ')}`, params);
    });
  }

  /**
   * In the caller's transaction: takes the sealing lock (held until it ends) and links entries not
   * yet stored (values in `entryFor` column order) into the chain after its head, in the order
   * given. Per entry, the values of LINK_COLUMNS; the caller must insert every one of them in this
   * transaction, or roll it back (a gap in chain positions is reported by verification).
   */
  async linkNew(tx: Db, batch: unknown[][]): Promise<[number, number, string, string][]> {
    if (!batch.length) return [];
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SEAL_LOCK]);
    let { pos, prev } = await chainHead(tx);
    const seqs = await tx.query<{ seq: number }>(`SELECT nextval(pg_get_serial_sequence('audit_log', 'seq'))::bigint AS seq FROM generate_series(1, $1)`, [batch.length]);
    return batch.map((values, i) => {
      const row: Record<string, unknown> = { seq: Number(seqs.rows[i].seq) };
      COLUMNS.forEach((c, j) => (row[c] = values[j]));
      pos += 1;
      const hash = chainHash(prev, row);
      const link: [number, number, string, string] = [row.seq as number, pos, prev, hash];
      prev = hash;
      return link;
    });
  }

  /** Links unsealed rows into the chain. Safe to run from several processes: one seals at a time. */
  async seal(limit = 5000): Promise<number> {
    return this.db.transaction(async (tx) => {
      const lock = await tx.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [SEAL_LOCK]);
      if (!lock.rows[0]?.ok) return 0;
      let { pos, prev } = await chainHead(tx);
      const rows = await tx.query<AuditRow>('SELECT * FROM audit_log WHERE hash IS NULL ORDER BY seq LIMIT $1', [limit]);
      if (!rows.rows.length) return 0;
      const seqs: number[] = [];
      const positions: number[] = [];
      const prevs: string[] = [];
      const hashes: string[] = [];
      for (const row of rows.rows) {
        pos += 1;
        const hash = chainHash(prev, row);
        seqs.push(Number(row.seq));
        positions.push(pos);
        prevs.push(prev);
        hashes.push(hash);
        prev = hash;
      }
      await tx.query(
        `UPDATE audit_log a SET chain_pos = u.pos, prev_hash = u.prev, hash = u.hash
         FROM (SELECT unnest($1::bigint[]) AS seq, unnest($2::bigint[]) AS pos, unnest($3::text[]) AS prev, unnest($4::text[]) AS hash) u
         WHERE a.seq = u.seq`,
        [seqs, positions, prevs, hashes],
      );
      return rows.rows.length;
    });
  }

  async close(): Promise<void> {
    await this.flush();
    await this.flushing;
  }
}

/** The last link of the chain (call with the sealing lock held). */
async function chainHead(db: Db): Promise<{ pos: number; prev: string }> {
  const head = await db.query<{ chain_pos: number; hash: string }>('SELECT chain_pos, hash FROM audit_log WHERE chain_pos IS NOT NULL ORDER BY chain_pos DESC LIMIT 1');
  return { pos: head.rows[0] ? Number(head.rows[0].chain_pos) : 0, prev: head.rows[0]?.hash ?? GENESIS };
}

export interface VerifyReport {
  ok: boolean;
  checked: number;
  unsealed: number;
  problems: string[];
}

/** Walks the whole chain: every row's hash must follow from its predecessor, with no gaps. */
export async function verifyAuditChain(db: Db, onProgress?: (done: number, total: number) => void): Promise<VerifyReport> {
  const problems: string[] = [];
  const total = Number((await db.query<{ n: number }>('SELECT count(*)::bigint AS n FROM audit_log WHERE chain_pos IS NOT NULL')).rows[0].n);
  const maxPos = Number((await db.query<{ m: number | null }>('SELECT max(chain_pos) AS m FROM audit_log')).rows[0].m ?? 0);
  const unsealed = Number((await db.query<{ n: number }>('SELECT count(*)::bigint AS n FROM audit_log WHERE hash IS NULL')).rows[0].n);
  let expectedPos = 1;
  let prev = GENESIS;
  let checked = 0;
  const page = 5000;
  for (let from = 0; ; ) {
    const r = await db.query<AuditRow>('SELECT * FROM audit_log WHERE chain_pos > $1 ORDER BY chain_pos LIMIT $2', [from, page]);
    if (!r.rows.length) break;
    for (const row of r.rows) {
      const pos = Number(row.chain_pos);
      if (pos !== expectedPos) problems.push(`audit entries at chain positions ${expectedPos}..${pos - 1} are missing (deleted?)`);
      if (row.prev_hash !== prev) problems.push(`entry ${pos} (seq ${row.seq}) does not link to the entry before it`);
      if (chainHash(prev, row) !== row.hash) problems.push(`entry ${pos} (seq ${row.seq}, ${row.operation} ${row.resource_type ?? ''}/${row.resource_id ?? ''}) was altered after it was sealed`);
      prev = row.hash ?? '';
      expectedPos = pos + 1;
      checked += 1;
      from = pos;
    }
    onProgress?.(checked, total);
    if (problems.length > 100) break;
  }
  if (maxPos && expectedPos - 1 !== maxPos && problems.length <= 100) problems.push(`the chain ends at ${expectedPos - 1} but positions up to ${maxPos} were issued`);
  return { ok: problems.length === 0, checked, unsealed, problems };
}
