import type { Communication, Specimen, ServiceRequest, Task } from '@medplum/fhirtypes';
import { specimenRejectionDecision, type DomainConfig } from '../../domain/index.js';
import { systems } from '../../fhir/systems.js';
import type { Repository, RequestContext } from '../../store/repository.js';
import { nextCounter } from '../../store/counters.js';
import { ServiceError } from '../errors.js';
import { recollect, type Actor, CONTAINER_SYSTEM } from './collect.js';
import { MANIFEST_URL, specimenTransitions, stateOf, withState, type SpecimenState } from './specimen-state.js';
import { labTestCodeOf } from './test-codes.js';

/** Finds a specimen by its scanned container id (the label barcode). */
export async function specimenByContainerId(ctx: RequestContext, repo: Repository, containerId: string): Promise<Specimen> {
  const code = String(containerId ?? '').trim();
  if (!code) throw new ServiceError('invalid', 'Scan a specimen label', 'containerId');
  const r = await repo.search(ctx, 'Specimen', new URLSearchParams({ identifier: `${systems.accession}|${code}`, _count: '2' }));
  if (!r.resources.length) throw new ServiceError('not-found', `No specimen has the label ${code}: check the label, or treat it as unlabeled`);
  return r.resources[0] as Specimen;
}

function move(s: Specimen, to: SpecimenState): Specimen {
  const from = stateOf(s);
  if (!specimenTransitions[from].includes(to)) {
    throw new ServiceError('illegal-transition', `Specimen ${s.identifier?.[0]?.value} is ${from}; it cannot be marked ${to}`, 'containerId');
  }
  return withState(s, to);
}

/** Sends specimens with a courier or the tube system: one manifest (batch) for all, each in transit. */
export async function dispatchSpecimens(ctx: RequestContext, repo: Repository, input: { containerIds: string[]; courier: string }): Promise<{ manifest: string; specimens: Specimen[] }> {
  if (!Array.isArray(input?.containerIds) || !input.containerIds.length) throw new ServiceError('invalid', 'Scan the specimens going into this batch', 'containerIds');
  if (!input.courier?.trim()) throw new ServiceError('invalid', 'Say how they travel (courier name, tube system station)', 'courier');
  return repo.transaction(async (tx) => {
    const manifest = `M${new Date().toISOString().slice(2, 10).replace(/-/g, '')}-${String(await nextCounter(tx.db, ctx.tenant, 'manifest')).padStart(5, '0')}`;
    const out: Specimen[] = [];
    for (const id of input.containerIds) {
      const s = move(await specimenByContainerId(ctx, tx, id), 'in-transit');
      const ext = [...(s.extension ?? []).filter((e) => e.url !== MANIFEST_URL), { url: MANIFEST_URL, valueString: `${manifest} via ${input.courier.trim()}` }];
      out.push((await tx.update(ctx, { ...s, extension: ext })).resource);
    }
    return { manifest, specimens: out };
  });
}

/** The lab scans a specimen in: received now. */
export async function receiveSpecimen(ctx: RequestContext, repo: Repository, containerId: string): Promise<Specimen> {
  const s = move(await specimenByContainerId(ctx, repo, containerId), 'received');
  return (await repo.update(ctx, { ...s, receivedTime: new Date().toISOString() })).resource;
}

export interface EvaluationInput {
  containerId: string;
  labelStatus: 'ok' | 'unlabeled' | 'mismatch_with_order' | 'incomplete';
  hemolysis?: 'none' | 'slight' | 'moderate' | 'gross';
  clotted?: boolean;
  drawnMl?: number;
  volumeMl?: number;
  onIce?: boolean;
  /** a person's decision over the rules', with the reason (audited) */
  override?: { decision: 'accept' | 'reject'; reason: string };
}

export interface Evaluation {
  specimen: Specimen;
  decision: 'accept' | 'reject';
  reasons: { code: string; message: string }[];
  overridden: boolean;
  recollectTasks: string[];
  /** recollect tasks an earlier rejection created that this acceptance cancelled (the clinician is told) */
  recollectCancelled: string[];
}

const OPEN_TASK = new Set(['requested', 'accepted', 'on-hold']);

/** The open recollect tasks a rejection of this specimen created: linked by reasonReference (older ones by their note). */
async function recollectTasksOf(ctx: RequestContext, repo: Repository, s: Specimen, orders: ServiceRequest[]): Promise<Task[]> {
  if (!orders.length) return [];
  const r = await repo.search(ctx, 'Task', new URLSearchParams({ 'based-on': orders.map((o) => `ServiceRequest/${o.id}`).join(','), status: [...OPEN_TASK].join(','), _count: '100' }), { audit: false });
  const label = s.identifier?.[0]?.value ?? '';
  return (r.resources as Task[]).filter((t) => t.reasonReference?.reference === `Specimen/${s.id}` || (!!label && (t.note ?? []).some((n) => n.text?.includes(`specimen ${label} rejected`))));
}

/** Accepting a specimen that had been rejected: its recollect tasks are no longer needed. */
async function cancelRecollects(ctx: RequestContext, tx: Repository, s: Specimen, orders: ServiceRequest[], reason: string, actor: Actor): Promise<string[]> {
  const cancelled: string[] = [];
  for (const task of await recollectTasksOf(ctx, tx, s, orders)) {
    const why = `Specimen ${s.identifier?.[0]?.value} accepted at receiving after all (${reason}): recollection not needed`;
    await tx.update(ctx, { ...task, status: 'cancelled', statusReason: { text: why }, lastModified: new Date().toISOString() });
    cancelled.push(task.id!);
    const sr = orders.find((o) => task.basedOn?.some((b) => b.reference === `ServiceRequest/${o.id}`));
    const notice: Communication = {
      resourceType: 'Communication',
      status: 'completed',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/communication-category', code: 'notification' }] }],
      priority: 'routine',
      subject: s.subject as Communication['subject'],
      ...(sr ? { about: [{ reference: `ServiceRequest/${sr.id}` }], basedOn: [{ reference: `ServiceRequest/${sr.id}` }] } : {}),
      ...(sr?.requester ? { recipient: [sr.requester] } : {}),
      sender: actor,
      sent: new Date().toISOString(),
      payload: [{ contentString: `${sr?.code?.text ?? 'Lab test'}: the recollection is no longer needed. ${why}.` }],
    };
    await tx.create(ctx, notice);
    tx.opts.audit?.enqueue(ctx, 'override', 'Task', task.id, s.subject?.reference, '0', 'recollect cancelled', why);
  }
  return cancelled;
}

/**
 * The receiving desk's decision for a specimen, by DOMAIN.md A.7 (specimenRejectionDecision) with the
 * organisation's thresholds. A rejection fails nothing silently: each order gets a recollect task and
 * the ordering clinician a notice. A person may override, with a reason that is audited.
 */
export async function evaluateSpecimen(ctx: RequestContext, repo: Repository, config: DomainConfig, input: EvaluationInput, actor: Actor): Promise<Evaluation> {
  return repo.transaction(async (tx) => {
    let s = await specimenByContainerId(ctx, tx, input.containerId);
    if (stateOf(s) === 'collected' || stateOf(s) === 'in-transit') s = (await tx.update(ctx, { ...move(s, 'received'), receivedTime: new Date().toISOString() })).resource;
    const container = s.type?.coding?.find((c) => c.system === CONTAINER_SYSTEM)?.code ?? '';
    const orders = await Promise.all((s.request ?? []).map((r) => tx.read<ServiceRequest>(ctx, 'ServiceRequest', r.reference!.split('/')[1], { audit: false })));
    const collected = s.collection?.collectedDateTime ? Date.parse(s.collection.collectedDateTime) : Date.now();
    const minutes = Math.max(0, Math.round((Date.now() - collected) / 60_000));
    const reasons: Evaluation['reasons'] = [];
    let decision: 'accept' | 'reject' = 'accept';
    for (const sr of orders.length ? orders : [undefined]) {
      const test = sr ? labTestCodeOf(sr, config) : undefined;
      if (!test || !(container in config.phlebotomy.containers)) continue;
      const d = specimenRejectionDecision({
        test,
        container,
        labelStatus: input.labelStatus,
        hemolysis: input.hemolysis ?? 'none',
        clotted: input.clotted ?? false,
        ...(input.drawnMl !== undefined ? { drawnMl: input.drawnMl, nominalDrawMl: config.phlebotomy.containers[container].nominalDrawMl } : {}),
        ...(input.volumeMl !== undefined ? { volumeMl: input.volumeMl } : {}),
        ...(input.onIce !== undefined ? { onIce: input.onIce } : {}),
        minutesSinceCollection: minutes,
        config,
      });
      if (d.decision === 'reject') decision = 'reject';
      for (const r of d.reasons) if (!reasons.some((x) => x.code === r.code)) reasons.push({ code: r.code, message: r.message });
    }
    if (input.labelStatus !== 'ok' && !reasons.length) {
      decision = 'reject';
      reasons.push({ code: input.labelStatus.toUpperCase(), message: 'Label problem: unlabeled or mislabeled specimens are never relabelled; recollect' });
    }
    const wasRejected = stateOf(s) === 'rejected';
    let overridden = false;
    if (input.override) {
      if (!input.override.reason?.trim()) throw new ServiceError('reason-required', 'An override needs a reason', 'override.reason');
      if (input.labelStatus === 'unlabeled' && input.override.decision === 'accept') throw new ServiceError('invalid', 'An unlabeled specimen cannot be accepted: recollect it (DOMAIN.md A.6)', 'override');
      overridden = input.override.decision !== decision;
      decision = input.override.decision;
      tx.opts.audit?.enqueue(ctx, 'override', 'Specimen', s.id, s.subject?.reference, '0', `receiving ${decision}`, input.override.reason.trim());
    }
    const note = { text: `${decision === 'accept' ? 'Accepted' : 'Rejected'} at receiving${reasons.length ? `: ${reasons.map((r) => r.message).join('; ')}` : ''}${input.override ? ` (override: ${input.override.reason.trim()})` : ''}`, time: new Date().toISOString() };
    const next = { ...withState(s, decision === 'accept' ? 'accepted' : 'rejected'), note: [...(s.note ?? []), note] };
    if (decision === 'reject') next.condition = [{ text: reasons.map((r) => r.code).join(', ') || 'rejected' }];
    const specimen = (await tx.update(ctx, next)).resource;
    const recollectTasks: string[] = [];
    if (decision === 'reject') {
      for (const sr of orders) {
        const r = await recollect(ctx, tx, sr, `specimen ${s.identifier?.[0]?.value} rejected (${reasons.map((x) => x.message).join('; ') || input.override?.reason})`, actor);
        // the rejected specimen is why the task exists: an acceptance later finds and cancels it
        await tx.update(ctx, { ...r.task, reasonReference: { reference: `Specimen/${s.id}` } });
        recollectTasks.push(r.task.id!);
      }
    }
    const recollectCancelled = decision === 'accept' && wasRejected ? await cancelRecollects(ctx, tx, s, orders, input.override?.reason?.trim() || 'accepted on review', actor) : [];
    return { specimen, decision, reasons, overridden, recollectTasks, recollectCancelled };
  });
}
