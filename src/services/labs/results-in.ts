import type { Bundle, Communication, DiagnosticReport, Observation, Patient, ServiceRequest, Specimen } from '@medplum/fhirtypes';
import { ackTargetFromRaw, ackTargetOf, buildAck, buildErrorAck, DEFAULT_CRITICAL_FLAGS, labResultToFhir, parseHl7Message, readLabResult, type LabResult, type ResultLinks } from '../../interop/hl7v2/index.js';
import { systems } from '../../fhir/systems.js';
import type { Repository, RequestContext } from '../../store/repository.js';
import { getInbox, setInboxStatus, storeInbound } from '../../store/inbox.js';
import { processBundle } from '../fhir/bundle.js';
import { ServiceError } from '../errors.js';
import { HL7_CHANNEL, PLACER_SYSTEM } from './orders-out.js';
import { referenceLabsOf } from './reference-labs.js';

const FILLER_SYSTEM = 'urn:allied:lab-filler-order';
export const LAB_SENDER = { identifier: { system: systems.username, value: 'lab-interface' }, display: 'Reference lab interface' };

/** The links a result needs (patient, and per OBR the order and specimen), or why they cannot be found. */
export async function resolveLinks(ctx: RequestContext, repo: Repository, result: LabResult): Promise<{ links?: ResultLinks; problem?: string; orders: (ServiceRequest | undefined)[] }> {
  const pid = result.patients[0];
  let patient: Patient | undefined;
  for (const id of pid?.identifiers ?? []) {
    const r = await repo.search(ctx, 'Patient', new URLSearchParams({ identifier: `${systems.mrn}|${id.value}`, _count: '2' }), { audit: false });
    if (r.resources.length === 1) {
      patient = r.resources[0] as Patient;
      break;
    }
  }
  const orders: (ServiceRequest | undefined)[] = [];
  const links: NonNullable<ResultLinks['orders']> = [];
  for (const o of result.orders) {
    const placer = o.placerOrderNumber?.value;
    const found = placer ? await repo.search(ctx, 'ServiceRequest', new URLSearchParams({ identifier: `${PLACER_SYSTEM}|${placer}`, _count: '2' }), { audit: false }) : undefined;
    const sr = found?.resources[0] as ServiceRequest | undefined;
    orders.push(sr);
    let specimen: Specimen | undefined;
    const spmId = o.specimens[0]?.placerId;
    if (spmId) specimen = (await repo.search(ctx, 'Specimen', new URLSearchParams({ identifier: `${systems.accession}|${spmId}`, _count: '1' }), { audit: false })).resources[0] as Specimen | undefined;
    if (!specimen && sr) specimen = (await repo.search(ctx, 'Specimen', new URLSearchParams({ request: `ServiceRequest/${sr.id}`, _count: '1', _sort: '-collected' }), { audit: false })).resources[0] as Specimen | undefined;
    links.push({ serviceRequest: sr ? { reference: `ServiceRequest/${sr.id}` } : undefined, specimen: specimen ? { reference: `Specimen/${specimen.id}` } : undefined });
  }
  if (!patient) return { problem: `No patient with MRN ${pid?.identifiers.map((i) => i.value).join(' / ') || '(none sent)'}`, orders };
  const missing = result.orders.map((o, i) => (orders[i] ? null : o.placerOrderNumber?.value || '(no placer number)')).filter((x) => x !== null);
  if (missing.length) return { problem: `No order ${missing.join(', ')} (OBR-2) on file`, orders };
  const wrong = orders.find((sr) => sr?.subject?.reference !== `Patient/${patient!.id}`);
  if (wrong) return { problem: `Order ${wrong.identifier?.find((i) => i.system === PLACER_SYSTEM)?.value} belongs to another patient than PID-3`, orders };
  return { links: { patient: { reference: `Patient/${patient.id}` }, orders: links }, orders };
}

/**
 * Stores the results: one Observation per OBX and a DiagnosticReport per OBR, linked to the order and
 * specimen. A corrected result replaces the Observation it corrects (same filler number and code).
 * Critical values are sent to the ordering clinician at once.
 */
export async function applyLabResult(ctx: RequestContext, repo: Repository, result: LabResult, links: ResultLinks, orders: (ServiceRequest | undefined)[]): Promise<{ observations: number; reports: number; critical: number }> {
  const fhir = labResultToFhir(result, { ...links, fillerSystem: FILLER_SYSTEM });
  return repo.transaction(async (tx) => {
    const entries = fhir.bundle.entry ?? [];
    const replaced = new Map<string, string>();
    for (const e of entries) {
      const r = e.resource as Observation | DiagnosticReport;
      const ident = r.identifier?.find((i) => i.system === FILLER_SYSTEM)?.value;
      if (!ident) continue;
      const prior = await tx.search(ctx, r.resourceType, new URLSearchParams({ identifier: `${FILLER_SYSTEM}|${ident}`, _count: '1' }), { audit: false });
      if (prior.resources[0]) {
        replaced.set(`urn:uuid:${r.id}`, `${r.resourceType}/${prior.resources[0].id}`);
        e.request = { method: 'PUT', url: `${r.resourceType}/${prior.resources[0].id}` };
        (e.resource as { id?: string }).id = prior.resources[0].id;
      }
    }
    const rewrite = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(rewrite);
      else if (node && typeof node === 'object') {
        const o = node as Record<string, unknown>;
        if (typeof o.reference === 'string' && replaced.has(o.reference)) o.reference = replaced.get(o.reference);
        Object.values(o).forEach(rewrite);
      }
    };
    rewrite(entries);
    await processBundle(ctx, tx, { ...fhir.bundle, entry: entries } as Bundle, () => undefined, '');
    const critical = result.orders.flatMap((o, i) => [...o.observations, ...o.specimens.flatMap((s) => s.observations)].filter((x) => x.critical).map((x) => ({ x, sr: orders[i] })));
    for (const { x, sr } of critical) {
      const value = x.values.map((v) => ('value' in v && v.value !== undefined ? v.value : 'text' in v ? v.text : 'raw' in v ? v.raw : '')).join(' ');
      const notice: Communication = {
        resourceType: 'Communication',
        status: 'completed',
        priority: 'stat',
        category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/communication-category', code: 'alert' }], text: 'Critical lab value' }],
        subject: links.patient,
        ...(sr ? { about: [{ reference: `ServiceRequest/${sr.id}` }], basedOn: [{ reference: `ServiceRequest/${sr.id}` }] } : {}),
        ...(sr?.requester ? { recipient: [sr.requester] } : {}),
        sender: LAB_SENDER,
        sent: new Date().toISOString(),
        payload: [{ contentString: `CRITICAL: ${x.code?.display ?? x.code?.code ?? 'result'} ${value} ${x.units?.code ?? ''} (${x.abnormalFlags.join(',')}${x.referenceRange ? `; ref ${x.referenceRange.text}` : ''})`.replace(/\s+/g, ' ').trim() }],
      };
      await tx.create(ctx, notice);
    }
    for (const [i, sr] of orders.entries()) {
      if (sr && ['F', 'C'].includes(result.orders[i].status) && sr.status === 'active') {
        const fresh = await tx.read<ServiceRequest>(ctx, 'ServiceRequest', sr.id!, { audit: false });
        await tx.update(ctx, { ...fresh, status: 'completed' });
      }
    }
    return { observations: fhir.observations.length, reports: fhir.reports.length, critical: critical.length };
  });
}

export interface InboundOutcome {
  ack: string;
  inboxId?: number;
  status: 'processed' | 'parked' | 'duplicate' | 'rejected' | 'error';
  detail: string;
}

/**
 * An ORU^R01 from a reference lab: stored raw first, then parsed and applied. Answers AA when the
 * results are filed or parked for a person (nothing is dropped), AA for a duplicate MSH-10 without
 * applying it again, AE when it is an ORU we cannot read, AR when it is not an ORU^R01 at all.
 */
export async function receiveLabMessage(ctx: RequestContext, repo: Repository, raw: string, source: string): Promise<InboundOutcome> {
  const parsed = parseHl7Message(raw);
  if (!parsed.ok) {
    const stored = await storeInbound(repo.db, { tenant: ctx.tenant, channel: HL7_CHANNEL, source, messageId: null, raw });
    await setInboxStatus(repo.db, stored.id, 'rejected', parsed.error.message);
    return { ack: buildErrorAck(ackTargetFromRaw(raw, parsed.controlId), parsed.error), inboxId: stored.id, status: 'rejected', detail: parsed.error.message };
  }
  const m = parsed.message;
  const target = ackTargetOf(m);
  const controlId = target.controlId || null;
  const stored = await storeInbound(repo.db, { tenant: ctx.tenant, channel: HL7_CHANNEL, source, messageId: controlId, raw });
  if (stored.duplicateOf !== undefined) {
    return { ack: buildAck(target, { code: 'AA', text: 'Duplicate of a message already received; not applied again' }), inboxId: stored.duplicateOf, status: 'duplicate', detail: 'duplicate' };
  }
  const type = `${m.get('MSH-9.1')}^${m.get('MSH-9.2')}`;
  if (type !== 'ORU^R01') {
    const detail = `Message type ${type} is not accepted here (ORU^R01 only)`;
    await setInboxStatus(repo.db, stored.id, 'rejected', detail);
    return { ack: buildAck(target, { code: 'AR', text: detail, errors: [{ code: 'unsupported-message-type', message: detail, location: 'MSH-9' }] as never }), inboxId: stored.id, status: 'rejected', detail };
  }
  const read = readLabResult(m, { criticalFlags: [...DEFAULT_CRITICAL_FLAGS, ...(await referenceLabsOf(repo.db, ctx.tenant)).flatMap((l) => l.profile.criticalFlags ?? [])] });
  if (!read.ok) {
    await setInboxStatus(repo.db, stored.id, 'error', read.error.message);
    return { ack: buildErrorAck(target, read.error), inboxId: stored.id, status: 'error', detail: read.error.message };
  }
  return fileResult(ctx, repo, stored.id, read.result, target);
}

async function fileResult(ctx: RequestContext, repo: Repository, inboxId: number, result: LabResult, target: ReturnType<typeof ackTargetOf>): Promise<InboundOutcome> {
  const { links, problem, orders } = await resolveLinks(ctx, repo, result);
  if (!links) {
    await setInboxStatus(repo.db, inboxId, 'error', `Parked for matching: ${problem}`);
    return { ack: buildAck(target, { code: 'AA', text: `Received; held for manual matching (${problem})` }), inboxId, status: 'parked', detail: problem! };
  }
  const r = await applyLabResult(ctx, repo, result, links, orders);
  await setInboxStatus(repo.db, inboxId, 'processed', null);
  return { ack: buildAck(target, { code: 'AA' }), inboxId, status: 'processed', detail: `${r.observations} observations, ${r.reports} reports, ${r.critical} critical` };
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
  const links: ResultLinks = { patient: { reference: `Patient/${patient.id}` }, orders: orders.map((o) => ({ serviceRequest: { reference: `ServiceRequest/${o.id}` } })) };
  const r = await applyLabResult(ctx, repo, read.result, links, orders);
  await setInboxStatus(repo.db, inboxId, 'processed', `Matched by ${ctx.user?.username ?? 'a person'}`);
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
