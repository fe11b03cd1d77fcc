import { MllpClient } from '../../interop/hl7v2/index.js';
import type { Db } from '../../store/db.js';
import { claimDue, markDelivered, markFailed, type OutboxRow } from '../../store/outbox.js';
import { HL7_CHANNEL } from './orders-out.js';
import { referenceLabsOf } from './reference-labs.js';

const BASE_RETRY_MS = 5_000;
const MAX_RETRY_MS = 10 * 60_000;

/** What happened to one message on one try, for logs and tests. */
export interface DeliveryResult {
  id: number;
  outcome: 'delivered' | 'retry' | 'failed';
  note: string;
}

async function deliverOne(db: Db, row: OutboxRow): Promise<DeliveryResult> {
  const lab = (await referenceLabsOf(db, row.tenant)).find((l) => l.id === row.destination);
  if (!lab) {
    const note = `No reference lab "${row.destination}" is configured any more; fix the configuration and resend`;
    await markFailed(db, row.id, note, null);
    return { id: row.id, outcome: 'failed', note };
  }
  const client = new MllpClient({ host: lab.host, port: lab.port, ackTimeoutMs: lab.ackTimeoutMs ?? 30_000, connectTimeoutMs: 10_000 });
  try {
    const sent = await client.send(row.payload);
    if (sent.ok) {
      const note = `${sent.ack.code}${sent.ack.text ? `: ${sent.ack.text}` : ''} (${lab.name} acknowledged)`;
      await markDelivered(db, row.id, note);
      return { id: row.id, outcome: 'delivered', note };
    }
    const f = sent.failure;
    if (f.kind === 'nack' || f.kind === 'bad-ack') {
      const note = `${lab.name} refused the message: ${f.message}. Correct it and resend.`;
      await markFailed(db, row.id, note, null);
      return { id: row.id, outcome: 'failed', note };
    }
    const max = lab.maxAttempts ?? 5;
    if (row.attempts >= max) {
      const note = `${f.message}; gave up after ${row.attempts} tries. Resend when ${lab.name} is reachable.`;
      await markFailed(db, row.id, note, null);
      return { id: row.id, outcome: 'failed', note };
    }
    const wait = Math.min(BASE_RETRY_MS * 2 ** (row.attempts - 1), MAX_RETRY_MS);
    const note = `${f.message}; try ${row.attempts} of ${max}, next in ${Math.round(wait / 1000)} s`;
    await markFailed(db, row.id, note, wait);
    return { id: row.id, outcome: 'retry', note };
  } finally {
    await client.close();
  }
}

/** One pass of the HL7 outbox worker: sends what is due, in order, each once. */
export async function deliverDueOrders(db: Db, limit = 20): Promise<DeliveryResult[]> {
  const rows = await claimDue(db, HL7_CHANNEL, limit);
  const out: DeliveryResult[] = [];
  for (const row of rows) out.push(await deliverOne(db, row));
  return out;
}

/** Runs the worker every `everyMs` until stopped. */
export function startOutboxWorker(db: Db, opts: { everyMs?: number; onResult?: (r: DeliveryResult) => void } = {}): () => Promise<void> {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    if (stopped) return;
    running = running.then(() => deliverDueOrders(db).then((rs) => rs.forEach((r) => opts.onResult?.(r)))).catch(() => undefined);
  }, opts.everyMs ?? 1000);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
