import type { Encounter, Patient, ServiceRequest, Task } from '@medplum/fhirtypes';
import { systems } from '../../fhir/systems.js';
import { FhirError } from '../../fhir/errors.js';
import type { Repository, RequestContext } from '../../store/repository.js';
import type { Orderable } from '../catalogue/models.js';
import { loadCatalogue, type Catalogue } from '../catalogue/store.js';
import { ServiceError } from '../errors.js';
import { collectionSettingsOf } from '../phlebotomy/collection-settings.js';
import { timedDrawWindow } from '../phlebotomy/timed-draw.js';

export type Priority = 'routine' | 'urgent' | 'asap' | 'stat';
export const priorities: Priority[] = ['routine', 'urgent', 'asap', 'stat'];

/** How long after ordering each priority is due, in minutes. DEFAULT: an organisation may override. */
export const defaultDueMinutes: Record<Priority, number> = { stat: 30, asap: 60, urgent: 120, routine: 240 };

export interface PlaceOrderInput {
  patientId: string;
  orderable: string;
  priority: Priority;
  reasonCode?: string;
  reasonText?: string;
  occurrence?: string;
  locationId?: string;
  note?: string;
  /** the clinician asks for a fasting draw on this order, even if the test does not always need one */
  fasting?: boolean;
  /** hours without caloric intake; default the catalogue's or the organisation's (DOMAIN.md A.8) */
  fastingHours?: number;
}

/** How a fasting order is marked (services/phlebotomy/order-facts.ts reads it back). */
const FASTING_DETAIL = { system: 'urn:allied:order-detail', code: 'fasting-required', display: 'Fasting required' };

const ICD10CM = /^[A-TV-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/;

const taskCodeFor: Record<Orderable['kind'], { code: string; display: string }> = {
  lab: { code: 'collect-specimen', display: 'Collect specimen' },
  imaging: { code: 'perform-imaging', display: 'Perform imaging exam' },
  respiratory: { code: 'perform-respiratory', display: 'Perform respiratory therapy service' },
};

export function validateOrderInput(input: Partial<PlaceOrderInput>, catalogue: Catalogue): PlaceOrderInput {
  if (!input || typeof input !== 'object') throw new ServiceError('invalid', 'The order must be a JSON object');
  if (typeof input.patientId !== 'string' || !input.patientId) throw new ServiceError('invalid', 'Choose the patient for the order', 'patientId');
  if (typeof input.orderable !== 'string' || !catalogue.find(input.orderable)) throw new ServiceError('invalid', `"${input.orderable ?? ''}" is not in the orderable catalogue`, 'orderable');
  if (!catalogue.orderable(input.orderable)) throw new ServiceError('invalid', `${catalogue.find(input.orderable)!.display} (${input.orderable}) has been retired from the catalogue and can no longer be ordered`, 'orderable');
  if (!priorities.includes(input.priority as Priority)) throw new ServiceError('invalid', `Priority must be one of ${priorities.join(', ')}`, 'priority');
  if (input.reasonCode !== undefined && input.reasonCode !== '' && !ICD10CM.test(String(input.reasonCode).toUpperCase())) {
    throw new ServiceError('invalid', `"${input.reasonCode}" is not an ICD-10-CM code (e.g. J18.9)`, 'reasonCode');
  }
  if (input.occurrence !== undefined && input.occurrence !== '' && Number.isNaN(Date.parse(input.occurrence))) {
    throw new ServiceError('invalid', `"${input.occurrence}" is not a date and time`, 'occurrence');
  }
  if (input.fasting !== undefined && input.fasting !== null && typeof input.fasting !== 'boolean') throw new ServiceError('invalid', 'fasting is true or false', 'fasting');
  if (input.fastingHours !== undefined && input.fastingHours !== null) {
    const h = input.fastingHours;
    if (typeof h !== 'number' || !Number.isFinite(h) || h < 1 || h > 48) throw new ServiceError('invalid', `Fasting hours must be a number from 1 to 48 (it is ${JSON.stringify(h)})`, 'fastingHours');
  }
  if ((input.fasting || input.fastingHours != null) && !catalogue.find(input.orderable)!.specimen) {
    throw new ServiceError('invalid', `${catalogue.find(input.orderable)!.display} is not a specimen draw: fasting applies to lab tests only`, 'fasting');
  }
  return input as PlaceOrderInput;
}

/** ServiceRequest.orderDetail and patientInstruction for a fasting draw the clinician asked for. */
function fastingRequest(input: PlaceOrderInput, orderable: Orderable): Pick<ServiceRequest, 'orderDetail' | 'patientInstruction'> {
  if (!input.fasting && input.fastingHours == null) return {};
  const hours = input.fastingHours ?? orderable.fastingHours;
  return {
    orderDetail: [{ coding: [{ ...FASTING_DETAIL }], text: hours ? `Fasting ${hours} h` : 'Fasting' }],
    patientInstruction: hours ? `Nothing to eat or drink except water for ${hours} hours before the draw.` : "Nothing to eat or drink except water before the draw (ask the ward for the hours).",
  };
}

function patientName(p: Patient): string {
  const n = p.name?.[0];
  return n ? [n.given?.join(' '), n.family].filter(Boolean).join(' ') : 'Unknown patient';
}

/** The location a task goes to: the order's, else where the patient is now (the open encounter). */
async function taskLocation(ctx: RequestContext, repo: Repository, input: PlaceOrderInput, patientId: string): Promise<{ reference: string; display?: string } | undefined> {
  if (input.locationId) {
    const loc = await repo.read(ctx, 'Location', input.locationId, { audit: false }).catch((e) => {
      if (e instanceof FhirError && e.status === 404) throw new ServiceError('invalid', `There is no location "${input.locationId}"`, 'locationId');
      throw e;
    });
    return { reference: `Location/${loc.id}`, display: (loc as { name?: string }).name };
  }
  const enc = await repo.search(ctx, 'Encounter', new URLSearchParams({ patient: patientId, status: 'in-progress,arrived,triaged', _sort: '-date', _count: '1' }), { audit: false });
  const e = enc.resources[0] as Encounter | undefined;
  const loc = e?.location?.[0]?.location;
  return loc?.reference ? { reference: loc.reference, display: loc.display } : undefined;
}

/** The Task that puts an order on the performing role's worklist, due by priority (or at the requested time). */
export function buildOrderTask(
  sr: ServiceRequest,
  orderable: Orderable,
  patient: Patient,
  opts: { now: Date; dueMinutes?: Record<Priority, number>; location?: { reference: string; display?: string }; encounterId?: string; due?: Date },
): Task {
  const priority = (sr.priority ?? 'routine') as Priority;
  const dueMinutes = (opts.dueMinutes ?? defaultDueMinutes)[priority];
  const due = opts.due ?? (sr.occurrenceDateTime ? new Date(sr.occurrenceDateTime) : new Date(opts.now.getTime() + dueMinutes * 60_000));
  const kind = taskCodeFor[orderable.kind];
  const location = opts.location ?? (sr.locationReference?.[0]?.reference ? { reference: sr.locationReference[0].reference, display: sr.locationReference[0].display } : undefined);
  const encounterId = opts.encounterId ?? sr.encounter?.reference?.split('/')[1];
  return {
    resourceType: 'Task',
    status: 'requested',
    intent: 'order',
    priority,
    code: { coding: [{ system: systems.taskCode, code: kind.code, display: kind.display }] },
    description: `${kind.display}: ${orderable.display}`,
    basedOn: [{ reference: `ServiceRequest/${sr.id}` }],
    focus: { reference: `ServiceRequest/${sr.id}`, display: orderable.display },
    for: { reference: `Patient/${patient.id}`, display: patientName(patient) },
    ...(encounterId ? { encounter: { reference: `Encounter/${encounterId}` } } : {}),
    authoredOn: sr.authoredOn ?? opts.now.toISOString(),
    lastModified: opts.now.toISOString(),
    ...(sr.requester ? { requester: sr.requester } : {}),
    performerType: [{ coding: [{ system: systems.alliedRole, code: orderable.performerRole }] }],
    ...(location ? { location } : {}),
    restriction: { period: { end: due.toISOString() } },
  };
}

/**
 * Places an order: the ServiceRequest and the Task for the role that performs it, in one
 * transaction, routed by location and priority with a due time.
 */
export async function placeOrder(
  ctx: RequestContext,
  repo: Repository,
  raw: Partial<PlaceOrderInput>,
  opts: { requester?: string; dueMinutes?: Record<Priority, number>; now?: Date } = {},
): Promise<{ serviceRequest: ServiceRequest; tasks: Task[] }> {
  const catalogue = await loadCatalogue(repo.db, ctx.tenant);
  const input = validateOrderInput(raw, catalogue);
  const orderable = catalogue.orderable(input.orderable)!;
  const now = opts.now ?? new Date();
  // a clock window (morning cortisol) is due when its window closes, not by priority; STAT stays now
  let due: Date | undefined;
  if (orderable.timing?.kind === 'clock' && input.priority !== 'stat') {
    const occurrenceDateTime = input.occurrence ? new Date(input.occurrence).toISOString() : undefined;
    const w = timedDrawWindow(orderable.timing, { authoredOn: now.toISOString(), occurrenceDateTime }, (await collectionSettingsOf(repo.db, ctx.tenant)).timeZone);
    if ('end' in w) due = new Date(w.end);
  }
  return repo.transaction(async (tx) => {
    const patient = await tx.read<Patient>(ctx, 'Patient', input.patientId).catch((e) => {
      if (e instanceof FhirError && (e.status === 404 || e.status === 410)) throw new ServiceError('invalid', `There is no patient "${input.patientId}"`, 'patientId');
      throw e;
    });
    const enc = await tx.search(ctx, 'Encounter', new URLSearchParams({ patient: patient.id!, status: 'in-progress,arrived,triaged', _sort: '-date', _count: '1' }), { audit: false });
    const encounter = enc.resources[0];
    const location = await taskLocation(ctx, tx, input, patient.id!);
    const requester = opts.requester ? { reference: opts.requester } : undefined;
    const reason = input.reasonCode ? String(input.reasonCode).toUpperCase() : undefined;
    const sr: ServiceRequest = {
      resourceType: 'ServiceRequest',
      status: 'active',
      intent: 'order',
      priority: input.priority,
      category: [{ coding: [{ system: systems.orderable, code: orderable.kind }, ...(orderable.kind === 'lab' ? [{ system: systems.serviceRequestCategory, code: '108252007', display: 'Laboratory procedure' }] : [])], text: orderable.kind }],
      code: { coding: [...orderable.coding, { system: systems.orderable, code: orderable.code, display: orderable.display }], text: orderable.display },
      subject: { reference: `Patient/${patient.id}`, display: patientName(patient) },
      ...(encounter ? { encounter: { reference: `Encounter/${encounter.id}` } } : {}),
      authoredOn: now.toISOString(),
      ...(input.occurrence ? { occurrenceDateTime: new Date(input.occurrence).toISOString() } : {}),
      ...(requester ? { requester } : {}),
      ...(reason || input.reasonText ? { reasonCode: [{ ...(reason ? { coding: [{ system: systems.icd10cm, code: reason }] } : {}), ...(input.reasonText ? { text: input.reasonText } : {}) }] } : {}),
      ...(location ? { locationReference: [location] } : {}),
      ...(input.note ? { note: [{ text: input.note }] } : {}),
      ...fastingRequest(input, orderable),
      performerType: { coding: [{ system: systems.alliedRole, code: orderable.performerRole }] },
    };
    const { resource: serviceRequest } = await tx.create(ctx, sr);
    const task = buildOrderTask(serviceRequest, orderable, patient, { now, dueMinutes: opts.dueMinutes, location, encounterId: encounter?.id, due });
    const { resource: created } = await tx.create(ctx, task);
    return { serviceRequest, tasks: [created] };
  });
}
