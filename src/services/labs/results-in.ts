import type { Patient, ServiceRequest } from '@medplum/fhirtypes';
import { ackTargetFromRaw, ackTargetOf, buildAck, buildErrorAck, parseHl7Message, readLabResult, type AckTarget, type ParseOutcome, type ResultLinks } from '../../interop/hl7v2/index.js';
import type { Repository, RequestContext } from '../../store/repository.js';
import { getInbox, setInboxStatus, type InboundRow } from '../../store/inbox.js';
import { ServiceError } from '../errors.js';
import { HL7_CHANNEL } from './orders-out.js';
import { FILLER_SYSTEM, fileMatchedResult, LAB_SENDER, performerOf } from './filing.js';
import { referenceLabsOf } from './reference-labs.js';

export { FILLER_SYSTEM, LAB_SENDER };

export interface InboundOutcome {
  ack: string;
  inboxId?: number;
  /** received: stored and waiting to be filed (AA); the others are answered at once */
  status: 'received' | 'duplicate' | 'rejected' | 'error';
  detail: string;
}

/** What arrival decides about a message without the database: its inbox row, and the refusal ACK if it is refused. */
export interface Arrival {
  row: InboundRow;
  target: AckTarget;
  /** AE/AR text for a message refused on arrival (stored, not filed) */
  refusal?: string;
}

/**
 * Decides on arrival: not HL7 at all -> AE/AR (stored as rejected); not an ORU^R01 -> AR (stored as
 * rejected); otherwise it is stored as received and answered AA once stored. Reading the result
 * (OBR/OBX values, dates, ranges) is left to filing: readLabResult refuses only what is not an ORU,
 * which is refused here already, so the ACK does not wait for it. Filing (reading, matching, FHIR,
 * corrections, critical notices, parking) follows from the stored row.
 */
export function assessLabMessage(parsed: ParseOutcome, raw: string, tenant: string, source: string): Arrival {
  const base = { tenant, channel: HL7_CHANNEL, source, raw };
  if (!parsed.ok) {
    const target = ackTargetFromRaw(raw, parsed.controlId);
    return { row: { ...base, messageId: null, status: 'rejected', error: parsed.error.message }, target, refusal: buildErrorAck(target, parsed.error) };
  }
  const m = parsed.message;
  const target = ackTargetOf(m);
  const messageId = target.controlId || null;
  const type = `${m.get('MSH-9.1')}^${m.get('MSH-9.2')}`;
  if (type !== 'ORU^R01') {
    const detail = `Message type ${type} is not accepted here (ORU^R01 only)`;
    return { row: { ...base, messageId, status: 'rejected', error: detail }, target, refusal: buildAck(target, { code: 'AR', text: detail, errors: [{ code: 'unsupported-message-type', message: detail, location: 'MSH-9' }] as never }) };
  }
  return { row: { ...base, messageId, status: 'received' }, target };
}

/** The ACK for an arrival once its row is stored. */
export function answerArrival(a: Arrival, stored: { id: number; duplicateOf?: number }): InboundOutcome {
  // a copy of a message refused on arrival is refused the same way; a copy of an accepted one is not applied again
  if (stored.duplicateOf !== undefined && !a.refusal) {
    return { ack: buildAck(a.target, { code: 'AA', text: 'Duplicate of a message already received; not applied again' }), inboxId: stored.duplicateOf, status: 'duplicate', detail: 'duplicate' };
  }
  if (a.refusal) return { ack: a.refusal, inboxId: stored.id, status: a.row.status === 'error' ? 'error' : 'rejected', detail: a.row.error ?? '' };
  return { ack: buildAck(a.target, { code: 'AA' }), inboxId: stored.id, status: 'received', detail: 'stored; filing follows' };
}

/** A person matches a parked result to a patient and orders, and it is filed. */
export async function matchParkedResult(ctx: RequestContext, repo: Repository, inboxId: number, input: { patientId: string; serviceRequestIds: string[] }): Promise<{ observations: number; reports: number; critical: number }> {
  const row = await getInbox(repo.db, ctx.tenant, inboxId);
  if (!row) throw new ServiceError('not-found', `There is no inbound message ${inboxId}`);
  if (row.status !== 'error') throw new ServiceError('conflict', `Message ${inboxId} is ${row.status}, not waiting for matching`);
  const parsed = parseHl7Message(row.raw);
  if (!parsed.ok) throw new ServiceError('invalid', parsed.error.message);
  const read = readLabResult(parsed.message);
  if (!read.ok) throw new ServiceError('invalid', `This message cannot be read, only rejected: ${read.error.message}`);
  const patient = await repo.read<Patient>(ctx, 'Patient', input.patientId);
  if (!Array.isArray(input.serviceRequestIds) || input.serviceRequestIds.length !== read.result.orders.length) {
    throw new ServiceError('invalid', `Choose one order for each of the ${read.result.orders.length} results in the message`, 'serviceRequestIds');
  }
  const orders = await Promise.all(input.serviceRequestIds.map((id) => repo.read<ServiceRequest>(ctx, 'ServiceRequest', id)));
  const other = orders.find((o) => o.subject?.reference !== `Patient/${patient.id}`);
  if (other) throw new ServiceError('invalid', `Order ${other.id} is not this patient's`, 'serviceRequestIds');
  const performer = performerOf(await referenceLabsOf(repo.db, ctx.tenant), read.result);
  const links: ResultLinks = { patient: { reference: `Patient/${patient.id}` }, orders: orders.map((o) => ({ serviceRequest: { reference: `ServiceRequest/${o.id}` } })), ...(performer ? { performer } : {}) };
  const r = await repo.transaction(async (tx) => {
    // two people matching the same message at once: the second finds it done
    const now = await tx.db.query<{ status: string }>('SELECT status FROM inbox WHERE id = $1 FOR UPDATE', [inboxId]);
    if (now.rows[0]?.status !== 'error') throw new ServiceError('conflict', `Message ${inboxId} is ${now.rows[0]?.status}, not waiting for matching`);
    const filed = await fileMatchedResult(tx, ctx, inboxId, read.result, links, orders);
    await setInboxStatus(tx.db, inboxId, 'processed', `Matched by ${ctx.user?.username ?? 'a person'}`);
    return filed;
  });
  repo.opts.audit?.enqueue(ctx, 'execute', 'Patient', patient.id, `Patient/${patient.id}`, '0', `matched inbound message ${inboxId}`);
  return r;
}

export async function rejectParkedResult(ctx: RequestContext, repo: Repository, inboxId: number, reason: string): Promise<void> {
  if (!reason?.trim()) throw new ServiceError('reason-required', 'Say why the message is rejected', 'reason');
  const row = await getInbox(repo.db, ctx.tenant, inboxId);
  if (!row) throw new ServiceError('not-found', `There is no inbound message ${inboxId}`);
  if (row.status !== 'error') throw new ServiceError('conflict', `Message ${inboxId} is ${row.status}, not waiting for matching`);
  await setInboxStatus(repo.db, inboxId, 'rejected', `Rejected by ${ctx.user?.username ?? 'a person'}: ${reason.trim()}`);
  repo.opts.audit?.enqueue(ctx, 'execute', undefined, undefined, undefined, '0', `rejected inbound message ${inboxId}`, reason.trim());
}
