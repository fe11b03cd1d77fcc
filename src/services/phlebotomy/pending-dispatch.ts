import type { Patient, ServiceRequest, Specimen } from '@medplum/fhirtypes';
import type { DomainConfig } from '../../domain/index.js';
import { systems } from '../../fhir/systems.js';
import type { Repository, RequestContext } from '../../store/repository.js';
import type { Catalogue } from '../catalogue/store.js';
import { CONTAINER_SYSTEM } from './collect.js';
import { nonBloodSpecimen } from './non-blood.js';
import { orderableOf } from './order-facts.js';
import { stateOf } from './specimen-state.js';
import { labTestCodeOf } from './test-codes.js';

/*
 * Specimens collected and not yet sent, from every collector and device: any phlebotomist's tablet
 * can see them and send them. Each shows its age and how close it is to its stability limit
 * (DOMAIN.md A.7 stability windows, A.9 transport), because a specimen that waits too long is rejected.
 */

/** Specimens older than this are no longer "waiting": they are lost or forgotten and need a person. */
const LOOK_BACK_HOURS = 48;
/** "send now" once this share of the stability window is used */
const SOON_SHARE = 0.75;

export type StabilityLevel = 'ok' | 'soon' | 'exceeded';

export interface PendingSpecimen {
  id: string;
  containerId: string | null;
  container: string | null;
  containerDisplay: string | null;
  patient: { id: string; name: string; mrn: string | null } | null;
  collectedAt: string | null;
  collector: string | null;
  ageMinutes: number;
  tests: string[];
  stability: { limitMinutes: number; minutesLeft: number; level: StabilityLevel; text: string; limitedBy: string } | null;
}

/** How long a specimen keeps, from the tightest of its tests (and its non-blood container). */
export function stabilityOf(limits: { what: string; minutes: number }[], ageMinutes: number): PendingSpecimen['stability'] {
  const tight = limits.filter((l) => Number.isFinite(l.minutes) && l.minutes > 0).sort((a, b) => a.minutes - b.minutes)[0];
  if (!tight) return null;
  const left = tight.minutes - ageMinutes;
  const level: StabilityLevel = left <= 0 ? 'exceeded' : ageMinutes >= tight.minutes * SOON_SHARE ? 'soon' : 'ok';
  const text = level === 'exceeded'
    ? `Stability exceeded: ${tight.what} keeps ${tight.minutes} min and this was collected ${ageMinutes} min ago; the lab will reject it (recollect)`
    : level === 'soon'
      ? `Send now: ${left} min left of ${tight.minutes} min for ${tight.what}`
      : `${left} min left (${tight.what}: ${tight.minutes} min)`;
  return { limitMinutes: tight.minutes, minutesLeft: left, level, text, limitedBy: tight.what };
}

export async function pendingDispatch(ctx: RequestContext, repo: Repository, config: DomainConfig, catalogue: Catalogue, now = Date.now()): Promise<PendingSpecimen[]> {
  const since = new Date(now - LOOK_BACK_HOURS * 3600_000).toISOString();
  const r = await repo.search(ctx, 'Specimen', new URLSearchParams({ collected: `ge${since}`, status: 'available', _sort: 'collected', _count: '1000', _include: 'Specimen:request' }));
  const orders = new Map((r.included.filter((x) => x.resourceType === 'ServiceRequest') as ServiceRequest[]).map((sr) => [sr.id!, sr]));
  const waiting = (r.resources as Specimen[]).filter((s) => stateOf(s) === 'collected');
  const patientIds = [...new Set(waiting.map((s) => s.subject?.reference?.split('/')[1]).filter((x): x is string => !!x))];
  const patients = new Map<string, Patient>();
  if (patientIds.length) {
    const p = await repo.search(ctx, 'Patient', new URLSearchParams({ _id: patientIds.join(','), _count: String(patientIds.length) }), { audit: false });
    for (const x of p.resources as Patient[]) patients.set(x.id!, x);
  }
  const list = waiting.map((s): PendingSpecimen => {
    const container = s.type?.coding?.find((c) => c.system === CONTAINER_SYSTEM)?.code ?? null;
    const collectedAt = s.collection?.collectedDateTime ?? null;
    const ageMinutes = collectedAt ? Math.max(0, Math.floor((now - Date.parse(collectedAt)) / 60_000)) : 0;
    const srs = (s.request ?? []).map((x) => orders.get(x.reference?.split('/')[1] ?? '')).filter((x): x is ServiceRequest => !!x);
    const limits: { what: string; minutes: number }[] = [];
    for (const sr of srs) {
      const test = labTestCodeOf(sr, config, catalogue);
      const name = sr.code?.text ?? test ?? 'test';
      const fromTest = test ? config.phlebotomy.tests[test]?.stabilityMinutes : null;
      if (fromTest) limits.push({ what: name, minutes: fromTest });
      const spec = orderableOf(sr, catalogue)?.specimen;
      if (spec?.deliverWithinMinutes) limits.push({ what: `${name} (deliver within)`, minutes: spec.deliverWithinMinutes });
      else if (!fromTest && spec?.stabilityMinutes) limits.push({ what: name, minutes: spec.stabilityMinutes });
    }
    const nb = nonBloodSpecimen(container ?? undefined);
    if (nb) limits.push({ what: nb.display, minutes: nb.stabilityMinutes });
    const patientId = s.subject?.reference?.split('/')[1];
    const patient = patientId ? patients.get(patientId) : undefined;
    const n = patient?.name?.[0];
    return {
      id: s.id!,
      containerId: s.identifier?.[0]?.value ?? null,
      container,
      containerDisplay: s.type?.text ?? null,
      patient: patient ? { id: patient.id!, name: n ? [n.given?.join(' '), n.family].filter(Boolean).join(' ') : 'Unknown', mrn: patient.identifier?.find((i) => i.system === systems.mrn)?.value ?? null } : null,
      collectedAt,
      collector: s.collection?.collector?.display ?? null,
      ageMinutes,
      tests: srs.map((sr) => sr.code?.text ?? 'Lab test'),
      stability: stabilityOf(limits, ageMinutes),
    };
  });
  // the most urgent first: least stability left, then the oldest
  const left = (x: PendingSpecimen) => x.stability?.minutesLeft ?? Infinity;
  return list.sort((a, b) => left(a) - left(b) || b.ageMinutes - a.ageMinutes);
}
