import type { Specimen, ServiceRequest } from '@medplum/fhirtypes';
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
        recollectTasks.push(r.task.id!);
      }
    }
    return { specimen, decision, reasons, overridden, recollectTasks };
  });
}
