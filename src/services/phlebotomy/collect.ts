import type { ChargeItem, Communication, Patient, Practitioner, Procedure, Reference, ServiceRequest, Specimen, Task } from '@medplum/fhirtypes';

/** The person doing the work: their Practitioner, or their user name when they have none. */
export type Actor = Reference<Practitioner>;
import { chargeCodesForEvent, type DomainConfig } from '../../domain/index.js';
import { systems } from '../../fhir/systems.js';
import type { Repository, RequestContext } from '../../store/repository.js';
import { nextCounter } from '../../store/counters.js';
import { containerId, formatAccession } from '../labels/index.js';
import { ServiceError } from '../errors.js';
import { loadCatalogue } from '../catalogue/store.js';
import { buildOrderTask } from '../orders/place-order.js';
import { identifyPatient, type IdentifyInput } from './identify.js';
import { tubePlanFor } from './tube-plan.js';
import { withState } from './specimen-state.js';
import { queueSendOuts } from '../labs/orders-out.js';
import { fastingStatusForOrders } from './fasting.js';
import { nonBloodSpecimen } from './non-blood.js';
import { collectionPlanFor } from './collection-plan.js';
import type { CollectionSettings } from './rounds.js';

export const CONTAINER_SYSTEM = 'urn:allied:container';

export interface CollectInput extends IdentifyInput {
  patientId: string;
  device?: 'needle' | 'winged';
  /** which collection tasks; default: the patient's open ones that may be drawn now (see `later`) */
  taskIds?: string[];
}

/** A pending order not drawn by this collection, and why (its timed window is not open or has passed). */
export interface LeftForLater {
  taskId: string | null;
  orderId: string;
  display: string;
  reason: string;
}

/**
 * Bedside collection: checks the patient's identity (a mismatch blocks and is logged), then creates
 * one Specimen per planned tube with its accession and container id, collected now by this user,
 * and starts the tasks. Labels are printed from the returned specimens.
 */
export async function collectSpecimens(ctx: RequestContext, repo: Repository, config: DomainConfig, input: CollectInput, collector: Actor, settings?: CollectionSettings): Promise<{ specimens: Specimen[]; tasks: Task[]; later: LeftForLater[] }> {
  if (!input || typeof input.patientId !== 'string') throw new ServiceError('invalid', 'Choose the patient', 'patientId');
  const patient = await repo.read<Patient>(ctx, 'Patient', input.patientId);
  const id = identifyPatient(patient, input);
  if (!id.match) {
    repo.opts.audit?.enqueue(ctx, 'execute', 'Patient', patient.id, `Patient/${patient.id}`, '4', 'identification mismatch', id.reasons.join('; '));
    throw new ServiceError('identity-mismatch', `Collection blocked: ${id.reasons.join('; ')}`, 'scannedWristband', 409);
  }
  let later: LeftForLater[] = [];
  let chosen = input.taskIds?.length ? input.taskIds : undefined;
  if (!chosen && settings) {
    // no tasks named: what may be drawn now, by the bedside plan's rule (a timed draw waits for its window)
    const now = await collectionPlanFor(ctx, repo, config, settings, patient.id!, { device: input.device });
    later = now.later.map((o) => ({ taskId: o.taskId ?? null, orderId: o.id, display: o.display, reason: o.reason }));
    chosen = now.orders.map((o) => o.taskId).filter((x): x is string => !!x);
    if (!chosen.length && later.length) {
      throw new ServiceError('invalid', `Nothing to draw now for this patient: ${later.map((l) => `${l.display}: ${l.reason}`).join('; ')}. Come back when the window opens, or ask the ordering clinician.`, 'taskIds');
    }
  }
  const wanted = chosen?.length ? new Set(chosen) : undefined;
  // the tubes are consolidated for the orders drawn now (a timed draw left for later shares no tube with them)
  const all = wanted ? await tubePlanFor(ctx, repo, config, patient.id!, { device: input.device }) : undefined;
  const only = all ? new Set(all.orders.filter((o) => o.taskId && wanted!.has(o.taskId)).map((o) => o.id)) : undefined;
  const plan = await tubePlanFor(ctx, repo, config, patient.id!, { device: input.device, ...(only ? { only } : {}) });
  const orders = plan.orders.filter((o) => o.taskId && (!wanted || wanted.has(o.taskId)));
  if (!orders.length) throw new ServiceError('invalid', 'This patient has no open collection tasks', 'taskIds');
  const now = new Date().toISOString();
  const fasting = await fastingStatusForOrders(ctx, repo, patient.id!, orders.map((o) => o.id));
  const fastingOf = (ids: string[]) => ids.map((id) => fasting.get(id)).find(Boolean);
  return repo.transaction(async (tx) => {
    const sequence = await nextCounter(tx.db, ctx.tenant, `accession-${now.slice(0, 4)}`);
    const accession = formatAccession({ sequence, date: new Date(now) });
    const specimens: Specimen[] = [];
    const tubes = plan.tubes.filter((t) => t.tests.some((x) => !x.orderId || orders.some((o) => o.id === x.orderId)));
    for (const [i, tube] of tubes.entries()) {
      const requestIds = [...new Set(tube.tests.map((t) => t.orderId).filter((x): x is string => !!x))];
      const specimen: Specimen = withState({
        resourceType: 'Specimen',
        status: 'available',
        identifier: [{ system: systems.accession, value: containerId(accession, i + 1) }],
        accessionIdentifier: { system: systems.accession, value: accession },
        type: { coding: [{ system: CONTAINER_SYSTEM, code: tube.container, display: tube.display }], text: tube.display },
        subject: { reference: `Patient/${patient.id}` },
        request: requestIds.map((r) => ({ reference: `ServiceRequest/${r}` })),
        receivedTime: undefined,
        collection: { collector, collectedDateTime: now, quantity: { value: tube.volumeMl, unit: 'mL', system: 'http://unitsofmeasure.org', code: 'mL' }, ...(fastingOf(requestIds) ? { fastingStatusCodeableConcept: fastingOf(requestIds) } : {}) },
        container: [{ type: { coding: [{ system: CONTAINER_SYSTEM, code: tube.container }], text: `${tube.display} (${tube.capColor})` }, capacity: { value: tube.tubeMl, unit: 'mL' } }],
        note: [{ text: `Tests: ${tube.tests.map((t) => t.display).join(', ')}; handling: ${tube.handling.replace('_', ' ')}` }],
      }, 'collected');
      delete specimen.receivedTime;
      specimens.push((await tx.create(ctx, specimen)).resource);
    }
    // urine, swabs, sputum, stool (DOMAIN.md A.9): a container each, labelled like the tubes
    for (const other of plan.others.filter((x) => x.tests.some((t) => orders.some((o) => o.id === t.orderId)))) {
      const requestIds = other.tests.map((t) => t.orderId);
      const specimen: Specimen = withState({
        resourceType: 'Specimen',
        status: 'available',
        identifier: [{ system: systems.accession, value: containerId(accession, specimens.length + 1) }],
        accessionIdentifier: { system: systems.accession, value: accession },
        type: { coding: [{ system: CONTAINER_SYSTEM, code: other.container, display: other.display }], text: other.display },
        subject: { reference: `Patient/${patient.id}` },
        request: requestIds.map((r) => ({ reference: `ServiceRequest/${r}` })),
        collection: { collector, collectedDateTime: now, ...(fastingOf(requestIds) ? { fastingStatusCodeableConcept: fastingOf(requestIds) } : {}) },
        container: [{ type: { coding: [{ system: CONTAINER_SYSTEM, code: other.container }], text: other.display } }],
        note: [{ text: `Tests: ${other.tests.map((t) => t.display).join(', ')}; ${other.transport}` }],
      }, 'collected');
      specimens.push((await tx.create(ctx, specimen)).resource);
    }
    const tasks: Task[] = [];
    for (const o of orders) {
      const task = await tx.read<Task>(ctx, 'Task', o.taskId!);
      if (task.status === 'in-progress') {
        tasks.push(task);
        continue;
      }
      const mine = specimens.filter((s) => s.request?.some((r) => r.reference === `ServiceRequest/${o.id}`));
      const next: Task = { ...task, status: task.status === 'requested' ? 'accepted' : task.status, owner: task.owner ?? collector, lastModified: now };
      const accepted = task.status === 'requested' ? (await tx.update(ctx, next)).resource : task;
      const started: Task = { ...accepted, status: 'in-progress', executionPeriod: { start: now }, ...(mine.length ? { output: mine.map((s) => ({ type: { text: 'specimen' }, valueReference: { reference: `Specimen/${s.id}` } })) } : {}) };
      tasks.push((await tx.update(ctx, started)).resource);
    }
    // tests a reference lab performs: the order goes out with the specimen, from the outbox
    await queueSendOuts(ctx, tx, specimens);
    return { specimens, tasks, later };
  });
}

export interface DocumentInput {
  specimenIds: string[];
  site?: string;
  method?: 'venipuncture' | 'capillary' | 'arterial' | 'line-draw';
  attempts?: number;
  complications?: string;
  note?: string;
}

// SNOMED CT where we are sure of the concept; the others travel as text until a terminologist maps them
const METHOD_CODE: Record<string, { code?: string; display: string }> = {
  venipuncture: { code: '28520004', display: 'Venipuncture for blood test' },
  capillary: { code: '278450005', display: 'Finger-prick sampling' },
  arterial: { display: 'Arterial blood sampling' },
  'line-draw': { display: 'Blood sampling from a vascular line' },
};
const methodConcept = (method: string) => {
  const m = METHOD_CODE[method];
  return m.code ? { coding: [{ system: systems.snomed, code: m.code, display: m.display }], text: m.display } : { text: m.display };
};

/** Documents the draw (site, method, attempts, complications), completes the tasks and charges the collection once per encounter. */
export async function documentCollection(ctx: RequestContext, repo: Repository, input: DocumentInput, actor: Actor): Promise<{ specimens: Specimen[]; charge: ChargeItem | null }> {
  if (!Array.isArray(input?.specimenIds) || !input.specimenIds.length) throw new ServiceError('invalid', 'Name the specimens collected', 'specimenIds');
  const method = input.method ?? 'venipuncture';
  if (!(method in METHOD_CODE)) throw new ServiceError('invalid', `method must be one of ${Object.keys(METHOD_CODE).join(', ')}`, 'method');
  const attempts = input.attempts ?? 1;
  if (!Number.isInteger(attempts) || attempts < 1 || attempts > 5) throw new ServiceError('invalid', 'attempts is a whole number from 1 to 5 (policy: no more than two attempts per collector)', 'attempts');
  return repo.transaction(async (tx) => {
    const specimens: Specimen[] = [];
    for (const id of input.specimenIds) {
      const s = await tx.read<Specimen>(ctx, 'Specimen', id);
      const notes = [...(s.note ?? []), ...(input.complications ? [{ text: `Complications: ${input.complications}` }] : []), ...(input.note ? [{ text: input.note }] : []), { text: `Attempts: ${attempts}` }];
      const next: Specimen = {
        ...s,
        collection: { ...s.collection, method: methodConcept(method), ...(input.site ? { bodySite: { text: input.site } } : {}) },
        note: notes,
      };
      specimens.push((await tx.update(ctx, next)).resource);
    }
    const requests = [...new Set(specimens.flatMap((s) => s.request?.map((r) => r.reference!) ?? []))];
    for (const ref of requests) {
      const found = await tx.search(ctx, 'Task', new URLSearchParams({ 'based-on': ref, status: 'in-progress', _count: '10' }), { audit: false });
      for (const t of found.resources as Task[]) await tx.update(ctx, { ...t, status: 'completed', executionPeriod: { ...t.executionPeriod, end: new Date().toISOString() }, lastModified: new Date().toISOString() });
    }
    const patientRef = specimens[0].subject?.reference;
    const sr = requests.length ? await tx.read<ServiceRequest>(ctx, 'ServiceRequest', requests[0].split('/')[1], { audit: false }) : undefined;
    const encounter = sr?.encounter?.reference;
    let already = false;
    if (encounter) {
      const prior = await tx.search(ctx, 'ChargeItem', new URLSearchParams({ encounter, code: `${systems.cpt}|36415`, _count: '1' }), { audit: false });
      already = prior.resources.length > 0;
    }
    // the draw itself is a Procedure: what the charge is for
    const procedure = (
      await tx.create<Procedure>(ctx, {
        resourceType: 'Procedure',
        status: 'completed',
        code: methodConcept(method),
        subject: { reference: patientRef! },
        ...(encounter ? { encounter: { reference: encounter } } : {}),
        performedDateTime: specimens[0].collection?.collectedDateTime,
        performer: [{ actor }],
        basedOn: requests.map((r) => ({ reference: r })),
        ...(input.site ? { bodySite: [{ text: input.site }] } : {}),
        ...(input.complications ? { complication: [{ text: input.complications }] } : {}),
        note: [{ text: `Attempts: ${attempts}; specimens ${specimens.map((x) => x.identifier?.[0]?.value).join(', ')}` }],
      })
    ).resource;
    const event = method === 'capillary' ? 'capillary_collection' : 'venipuncture_collection';
    const suggestion = chargeCodesForEvent({ event, alreadyChargedThisEncounter: already });
    let charge: ChargeItem | null = null;
    // a urine cup or a swab is not a venipuncture
    const blood = specimens.some((x) => !nonBloodSpecimen(x.type?.coding?.find((c) => c.system === CONTAINER_SYSTEM)?.code));
    if (suggestion.codes.length && patientRef && method !== 'arterial' && blood) {
      charge = (
        await tx.create(ctx, {
          resourceType: 'ChargeItem',
          status: 'billable',
          code: { coding: [{ system: systems.cpt, code: suggestion.codes[0], display: method === 'capillary' ? 'Capillary blood collection' : 'Venipuncture' }] },
          subject: { reference: patientRef },
          ...(encounter ? { context: { reference: encounter } } : {}),
          occurrenceDateTime: specimens[0].collection?.collectedDateTime,
          performer: [{ actor }],
          enteredDate: new Date().toISOString(),
          quantity: { value: 1 },
          service: [{ reference: `Procedure/${procedure.id}` }],
        } as ChargeItem)
      ).resource;
    }
    return { specimens, charge };
  });
}

/** A recollection: a new task for the same order, and a notice to the ordering clinician. */
export async function recollect(ctx: RequestContext, repo: Repository, sr: ServiceRequest, reason: string, sender: Actor): Promise<{ task: Task; notice: Communication }> {
  const patient = await repo.read<Patient>(ctx, 'Patient', sr.subject!.reference!.split('/')[1], { audit: false });
  const code = sr.code?.coding?.find((c) => c.system === systems.orderable)?.code;
  const orderable = code ? (await loadCatalogue(repo.db, ctx.tenant)).find(code) : undefined;
  if (!orderable) throw new ServiceError('invalid', `The order ${sr.id} is not from the catalogue; recollect it by hand`);
  const now = new Date();
  const base = buildOrderTask({ ...sr, occurrenceDateTime: undefined }, orderable, patient, { now });
  const task = (await repo.create(ctx, { ...base, description: `Recollect: ${orderable.display}`, note: [{ text: `Recollect: ${reason}` }] })).resource;
  const notice: Communication = {
    resourceType: 'Communication',
    status: 'completed',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/communication-category', code: 'notification' }] }],
    priority: sr.priority === 'stat' ? 'stat' : 'urgent',
    subject: { reference: `Patient/${patient.id}` },
    about: [{ reference: `ServiceRequest/${sr.id}` }],
    basedOn: [{ reference: `ServiceRequest/${sr.id}` }],
    ...(sr.requester ? { recipient: [sr.requester] } : {}),
    sender,
    sent: now.toISOString(),
    payload: [{ contentString: `${orderable.display} for ${base.for?.display}: ${reason}. A recollection has been scheduled.` }],
  };
  return { task, notice: (await repo.create(ctx, notice)).resource };
}

export interface UnableInput {
  taskIds: string[];
  reason: string;
}

/** "Unable to collect" with a reason: the task fails, a recollect task is created, the clinician is told. */
export async function unableToCollect(ctx: RequestContext, repo: Repository, input: UnableInput, actor: Actor): Promise<{ failed: Task[]; recollect: Task[]; notices: Communication[] }> {
  if (!input?.reason?.trim()) throw new ServiceError('reason-required', 'Say why the specimen could not be collected (patient refused, not on the unit, hard stick...)', 'reason');
  if (!Array.isArray(input.taskIds) || !input.taskIds.length) throw new ServiceError('invalid', 'Name the tasks', 'taskIds');
  return repo.transaction(async (tx) => {
    const out = { failed: [] as Task[], recollect: [] as Task[], notices: [] as Communication[] };
    for (const id of input.taskIds) {
      const task = await tx.read<Task>(ctx, 'Task', id);
      const failed = (await tx.update(ctx, { ...task, status: 'failed', statusReason: { text: input.reason.trim() }, owner: task.owner ?? actor, lastModified: new Date().toISOString() })).resource;
      out.failed.push(failed);
      const srRef = task.basedOn?.[0]?.reference;
      if (srRef?.startsWith('ServiceRequest/')) {
        const sr = await tx.read<ServiceRequest>(ctx, 'ServiceRequest', srRef.slice(15), { audit: false });
        const r = await recollect(ctx, tx, sr, `not collected: ${input.reason.trim()}`, actor);
        out.recollect.push(r.task);
        out.notices.push(r.notice);
      }
    }
    return out;
  });
}
