import type { Observation, ServiceRequest, Specimen } from '@medplum/fhirtypes';
import { fastingSatisfiedExplained } from '../../domain/index.js';
import { systems } from '../../fhir/systems.js';
import type { Repository, RequestContext } from '../../store/repository.js';
import { loadCatalogue } from '../catalogue/store.js';
import { ServiceError } from '../errors.js';
import { collectionSettingsOf } from './collection-settings.js';
import { fastingOf, orderableOf } from './order-facts.js';
import type { Actor } from './collect.js';
import { localClock } from './zoned-time.js';

/*
 * Fasting before a fasting draw (DOMAIN.md A.8: no caloric intake for >= 8 h, ADA). The phlebotomist
 * asks and records the answer as an Observation (LOINC 49541-6 "Fasting status - Reported", value
 * from HL7 table 0916); the draw copies it onto Specimen.collection.fastingStatus.
 */

export const FASTING_STATUS_LOINC = '49541-6';
export const FASTING_V2_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v2-0916';
const LAST_INTAKE = 'Time of last caloric intake';
/** a report older than this belongs to another draw: ask again */
const REPORT_VALID_MS = 18 * 3600_000;

export type FastingAnswer = 'fasting' | 'not-fasting';

export interface FastingReport {
  status: FastingAnswer;
  lastIntakeAt: string | null;
  recordedAt: string;
  observationId: string;
}

export interface FastingFacts {
  requiredHours: number;
  status: FastingAnswer | 'unknown';
  lastIntakeAt: string | null;
  hoursFasted: number | null;
  /** null while nobody has asked */
  satisfied: boolean | null;
  text: string;
  /** what happens to the draw when the fast is not met */
  consequence: string | null;
}

export interface FastingInput {
  patientId: string;
  status: FastingAnswer;
  /** when the patient last ate or drank anything but water (ISO date-time) */
  lastIntakeAt?: string;
  orderIds?: string[];
}

/** Records the patient's answer; a fasting answer needs the time of the last meal. */
export async function recordFasting(ctx: RequestContext, repo: Repository, input: FastingInput, actor: Actor, now = new Date()): Promise<FastingReport> {
  if (!input || typeof input.patientId !== 'string' || !input.patientId) throw new ServiceError('invalid', 'Choose the patient', 'patientId');
  if (input.status !== 'fasting' && input.status !== 'not-fasting') throw new ServiceError('invalid', 'status is "fasting" or "not-fasting"', 'status');
  let last: number | undefined;
  if (input.lastIntakeAt !== undefined && input.lastIntakeAt !== '') {
    last = Date.parse(input.lastIntakeAt);
    if (Number.isNaN(last)) throw new ServiceError('invalid', `"${input.lastIntakeAt}" is not a date and time (e.g. 2026-11-24T22:00:00Z)`, 'lastIntakeAt');
    if (last > now.getTime() + 60_000) throw new ServiceError('invalid', 'The last meal cannot be in the future', 'lastIntakeAt');
    if (now.getTime() - last > 72 * 3600_000) throw new ServiceError('invalid', 'The last meal is more than 72 h ago: check the date', 'lastIntakeAt');
  }
  if (input.status === 'fasting' && last === undefined) throw new ServiceError('invalid', 'Since when has the patient fasted? Give the time of the last meal or drink other than water', 'lastIntakeAt');
  const orderIds = Array.isArray(input.orderIds) ? input.orderIds.filter((x) => typeof x === 'string' && x) : [];
  const code = input.status === 'fasting' ? { code: 'F', display: 'Patient was fasting prior to the procedure.' } : { code: 'NF', display: 'The patient indicated they did not fast prior to the procedure.' };
  const obs: Observation = {
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: systems.loinc, code: FASTING_STATUS_LOINC, display: 'Fasting status - Reported' }], text: 'Fasting status' },
    subject: { reference: `Patient/${input.patientId}` },
    ...(orderIds.length ? { basedOn: orderIds.map((id) => ({ reference: `ServiceRequest/${id}` })) } : {}),
    effectiveDateTime: now.toISOString(),
    issued: now.toISOString(),
    performer: [actor],
    valueCodeableConcept: { coding: [{ system: FASTING_V2_SYSTEM, ...code }], text: input.status === 'fasting' ? 'Fasting' : 'Not fasting' },
    ...(last !== undefined ? { component: [{ code: { text: LAST_INTAKE }, valueDateTime: new Date(last).toISOString() }] } : {}),
  };
  await repo.read(ctx, 'Patient', input.patientId, { audit: false });
  return reportOf((await repo.create(ctx, obs)).resource);
}

export function reportOf(o: Observation): FastingReport {
  const code = o.valueCodeableConcept?.coding?.find((c) => c.system === FASTING_V2_SYSTEM)?.code;
  return {
    status: code === 'F' ? 'fasting' : 'not-fasting',
    lastIntakeAt: o.component?.find((c) => c.code?.text === LAST_INTAKE)?.valueDateTime ?? null,
    recordedAt: o.effectiveDateTime ?? o.issued ?? '',
    observationId: o.id!,
  };
}

/** The latest answer of each patient that is still current (asked within the last 18 h). */
export async function latestFastingReports(ctx: RequestContext, repo: Repository, patientIds: string[], now = Date.now()): Promise<Map<string, FastingReport>> {
  const out = new Map<string, FastingReport>();
  const ids = [...new Set(patientIds)];
  if (!ids.length) return out;
  const since = new Date(now - REPORT_VALID_MS).toISOString();
  const r = await repo.search(ctx, 'Observation', new URLSearchParams({ patient: ids.map((id) => `Patient/${id}`).join(','), code: `${systems.loinc}|${FASTING_STATUS_LOINC}`, date: `ge${since}`, _sort: '-date', _count: String(Math.min(1000, ids.length * 5)) }), { audit: false });
  for (const o of r.resources as Observation[]) {
    const pid = o.subject?.reference?.split('/')[1];
    if (pid && !out.has(pid)) out.set(pid, reportOf(o));
  }
  return out;
}

/** What the phlebotomist sees on a fasting order: the answer, the hours, and what a broken fast means. */
export function fastingFacts(report: FastingReport | undefined, requiredHours: number, at: number, timeZone: string): FastingFacts {
  const base = { requiredHours, lastIntakeAt: report?.lastIntakeAt ?? null };
  if (!report) return { ...base, status: 'unknown', hoursFasted: null, satisfied: null, text: `Fasting required (${requiredHours} h): ask when the patient last ate`, consequence: null };
  const since = report.lastIntakeAt ? Date.parse(report.lastIntakeAt) : NaN;
  const hours = Number.isFinite(since) ? Math.max(0, Math.round(((at - since) / 3600_000) * 10) / 10) : null;
  const sinceText = Number.isFinite(since) ? ` since ${localClock(since, timeZone)}` : '';
  const reschedule = `Draw it on the next early round after a ${requiredHours} h fast, or ask the ordering clinician whether a non-fasting sample will do (the result is then reported as non-fasting)`;
  if (report.status === 'not-fasting') {
    return { ...base, status: 'not-fasting', hoursFasted: hours, satisfied: false, text: `Not fasting${Number.isFinite(since) ? ` (ate at ${localClock(since, timeZone)})` : ''}`, consequence: `Not a fasting sample. ${reschedule}.` };
  }
  const check = fastingSatisfiedExplained({ lastCaloricIntakeAt: report.lastIntakeAt!, collectedAt: new Date(Math.max(at, since)).toISOString(), requiredHours });
  if (check.value) return { ...base, status: 'fasting', hoursFasted: hours, satisfied: true, text: `Fasting${sinceText} (${hours} h)`, consequence: null };
  const readyAt = localClock(since + requiredHours * 3600_000, timeZone);
  return { ...base, status: 'fasting', hoursFasted: hours, satisfied: false, text: `Fasting${sinceText} (${hours} h of ${requiredHours} h)`, consequence: `Not fasted long enough: wait until ${readyAt}. ${reschedule}.` };
}

/** Specimen.collection.fastingStatus from the answer (HL7 table 0916: F, NF, NG = not asked). */
export function specimenFastingStatus(facts: FastingFacts): NonNullable<Specimen['collection']>['fastingStatusCodeableConcept'] {
  const code = facts.status === 'fasting' ? 'F' : facts.status === 'not-fasting' ? 'NF' : 'NG';
  const display = code === 'F' ? 'Patient was fasting prior to the procedure.' : code === 'NF' ? 'The patient indicated they did not fast prior to the procedure.' : 'Not Given - Patient was not asked at the time of the procedure.';
  return { coding: [{ system: FASTING_V2_SYSTEM, code, display }], text: facts.text };
}

/**
 * Specimen.collection.fastingStatus for the fasting orders among `orderIds` (by order id): the
 * patient's current answer, or "not asked" (NG) when nobody asked.
 */
export async function fastingStatusForOrders(ctx: RequestContext, repo: Repository, patientId: string, orderIds: string[], at = Date.now()): Promise<Map<string, ReturnType<typeof specimenFastingStatus>>> {
  const out = new Map<string, ReturnType<typeof specimenFastingStatus>>();
  if (!orderIds.length) return out;
  const catalogue = await loadCatalogue(repo.db, ctx.tenant);
  const r = await repo.search(ctx, 'ServiceRequest', new URLSearchParams({ _id: orderIds.join(','), _count: String(orderIds.length) }), { audit: false });
  const fasting = (r.resources as ServiceRequest[]).map((sr) => ({ sr, f: fastingOf(sr, orderableOf(sr, catalogue)) })).filter((x) => x.f);
  if (!fasting.length) return out;
  const settings = await collectionSettingsOf(repo.db, ctx.tenant);
  const report = (await latestFastingReports(ctx, repo, [patientId], at)).get(patientId);
  for (const { sr, f } of fasting) out.set(sr.id!, specimenFastingStatus(fastingFacts(report, f!.hours ?? settings.fastingHours, at, settings.timeZone)));
  return out;
}
