import type { Coverage, Encounter, Organization, Patient, Practitioner, ServiceRequest, Specimen } from '@medplum/fhirtypes';
import { writeOrderMessage, type OrderItem, type OrderMessage } from '../../interop/hl7v2/index.js';
import { systems } from '../../fhir/systems.js';
import type { Repository, RequestContext } from '../../store/repository.js';
import { nextCounter } from '../../store/counters.js';
import { enqueue } from '../../store/outbox.js';
import { ServiceError } from '../errors.js';
import { loadCatalogue } from '../catalogue/store.js';
import { referenceLabsOf, type ReferenceLab } from './reference-labs.js';

export const PLACER_SYSTEM = 'urn:allied:placer-order';
export const HL7_CHANNEL = 'hl7';
const PRIORITY = { stat: 'S', asap: 'A', urgent: 'A', routine: 'R' } as const;
const SEX: Record<string, string> = { male: 'M', female: 'F', other: 'O', unknown: 'U' };
const CLASS: Record<string, string> = { IMP: 'I', ACUTE: 'I', AMB: 'O', EMER: 'E', OBSENC: 'O' };
const SPECIMEN_TYPE: Record<string, { code: string; display: string }> = {
  SST_GOLD: { code: 'SER', display: 'Serum' },
  RED_PLAIN: { code: 'SER', display: 'Serum' },
  PST_LT_GREEN: { code: 'PLAS', display: 'Plasma' },
  HEP_DK_GREEN: { code: 'PLAS', display: 'Plasma' },
  CITRATE_LT_BLUE: { code: 'PLAS', display: 'Plasma' },
  URINE_CUP: { code: 'UR', display: 'Urine' },
  URINE_STERILE_CUP: { code: 'UR', display: 'Urine' },
  STOOL_CUP: { code: 'STL', display: 'Stool = Fecal' },
  STOOL_OP_VIAL: { code: 'STL', display: 'Stool = Fecal' },
};

async function placerNumber(ctx: RequestContext, repo: Repository, sr: ServiceRequest): Promise<{ sr: ServiceRequest; placer: string }> {
  const existing = sr.identifier?.find((i) => i.system === PLACER_SYSTEM)?.value;
  if (existing) return { sr, placer: existing };
  const placer = `AL${String(await nextCounter(repo.db, ctx.tenant, 'placer-order')).padStart(8, '0')}`;
  const updated = (await repo.update(ctx, { ...sr, identifier: [...(sr.identifier ?? []), { system: PLACER_SYSTEM, value: placer }] })).resource;
  return { sr: updated, placer };
}

/** The HL7 order for one reference lab: patient, visit, insurance, provider, and each order with its specimen. */
async function orderMessageFor(ctx: RequestContext, repo: Repository, lab: ReferenceLab, patient: Patient, items: { sr: ServiceRequest; placer: string; specimen?: Specimen }[], controlId: string): Promise<OrderMessage> {
  const first = items[0].sr;
  const enc = first.encounter?.reference ? await repo.read<Encounter>(ctx, 'Encounter', first.encounter.reference.split('/')[1], { audit: false }).catch(() => undefined) : undefined;
  const coverages = (await repo.search(ctx, 'Coverage', new URLSearchParams({ patient: patient.id!, status: 'active', _include: 'Coverage:payor', _count: '2' }), { audit: false }));
  const payors = new Map(coverages.included.map((o) => [`Organization/${o.id}`, o as Organization]));
  const requester = first.requester?.reference?.startsWith('Practitioner/') ? await repo.read<Practitioner>(ctx, 'Practitioner', first.requester.reference.split('/')[1], { audit: false }).catch(() => undefined) : undefined;
  const mrn = patient.identifier?.find((i) => i.system === systems.mrn)?.value;
  const name = patient.name?.[0];
  return {
    controlId,
    sentAt: new Date().toISOString(),
    patient: {
      identifiers: mrn ? [{ value: mrn, type: 'MR', assigningAuthority: ctx.tenant.toUpperCase() }] : [{ value: patient.id!, type: 'PI' }],
      name: { family: name?.family ?? '', given: name?.given ?? [] },
      birthDate: patient.birthDate,
      sex: SEX[patient.gender ?? 'unknown'],
      ...(patient.address?.[0] ? { address: { lines: patient.address[0].line ?? [], city: patient.address[0].city, state: patient.address[0].state, postalCode: patient.address[0].postalCode } } : {}),
    },
    ...(enc ? { visit: { patientClass: CLASS[enc.class?.code ?? ''] ?? 'O', location: { pointOfCare: enc.location?.[0]?.location?.display }, visitNumber: enc.id } } : {}),
    insurance: (coverages.resources as Coverage[]).map((c) => {
      const org = payors.get(c.payor?.[0]?.reference ?? '');
      return { planId: org?.identifier?.[0]?.value ?? org?.id ?? 'UNKNOWN', companyName: org?.name, policyNumber: c.subscriberId, relationship: c.relationship?.coding?.[0]?.code === 'self' ? 'SEL' : undefined };
    }),
    orderingProvider: {
      id: requester?.identifier?.find((i) => i.system === systems.npi)?.value ?? requester?.id ?? 'UNKNOWN',
      family: requester?.name?.[0]?.family,
      given: requester?.name?.[0]?.given?.[0],
      assigningAuthority: requester?.identifier?.some((i) => i.system === systems.npi) ? 'NPI' : undefined,
    },
    orders: items.map(({ sr, placer, specimen }): OrderItem => {
      const loinc = sr.code?.coding?.find((c) => c.system === systems.loinc);
      const container = specimen?.type?.coding?.[0]?.code ?? '';
      return {
        placerOrderNumber: placer,
        test: loinc ? { code: loinc.code!, display: loinc.display ?? sr.code?.text, system: 'LN' } : { code: sr.code?.coding?.[0]?.code ?? 'UNKNOWN', display: sr.code?.text, system: 'L' },
        priority: PRIORITY[(sr.priority ?? 'routine') as keyof typeof PRIORITY],
        collectedAt: specimen?.collection?.collectedDateTime,
        ...(specimen ? { specimen: { id: specimen.identifier?.[0]?.value ?? specimen.id!, type: { ...(SPECIMEN_TYPE[container] ?? { code: 'BLD', display: 'Whole blood' }), system: 'HL70487' }, collectedAt: specimen.collection?.collectedDateTime } } : {}),
        diagnoses: (sr.reasonCode ?? []).flatMap((r) => r.coding ?? []).filter((c) => c.system === systems.icd10cm).map((c) => ({ code: c.code!, display: c.display, system: 'I10C' })),
        notes: (sr.note ?? []).map((n) => n.text),
      };
    }),
  };
}

/**
 * After collection: the orders whose tests a reference lab performs go into the outbox as one
 * ORM^O01/OML^O21 per lab, in the same transaction, with an idempotency key per order set.
 */
export async function queueSendOuts(ctx: RequestContext, repo: Repository, specimens: Specimen[]): Promise<number[]> {
  const labs = await referenceLabsOf(repo.db, ctx.tenant);
  if (!labs.length) return [];
  const catalogue = await loadCatalogue(repo.db, ctx.tenant);
  const byLab = new Map<string, { lab: ReferenceLab; items: { sr: ServiceRequest; placer: string; specimen?: Specimen }[] }>();
  for (const specimen of specimens) {
    for (const ref of specimen.request ?? []) {
      const sr0 = await repo.read<ServiceRequest>(ctx, 'ServiceRequest', ref.reference!.split('/')[1], { audit: false });
      const code = sr0.code?.coding?.find((c) => c.system === systems.orderable)?.code;
      // the catalogue decides where a test goes: its performing lab (absent = in-house)
      const performing = code ? catalogue.find(code)?.performingLab : undefined;
      const lab = performing ? labs.find((l) => l.id === performing) : undefined;
      if (!lab) continue;
      const { sr, placer } = await placerNumber(ctx, repo, sr0);
      const group = byLab.get(lab.id) ?? { lab, items: [] };
      group.items.push({ sr, placer, specimen });
      byLab.set(lab.id, group);
    }
  }
  const ids: number[] = [];
  for (const { lab, items } of byLab.values()) {
    const patient = await repo.read<Patient>(ctx, 'Patient', items[0].sr.subject!.reference!.split('/')[1], { audit: false });
    const key = `${lab.id}:${items.map((i) => i.placer).sort().join('+')}`;
    const controlId = `${ctx.tenant.slice(0, 4).toUpperCase()}${String(await nextCounter(repo.db, ctx.tenant, 'hl7-control')).padStart(10, '0')}`;
    const written = writeOrderMessage(await orderMessageFor(ctx, repo, lab, patient, items, controlId), lab.profile);
    if (!written.ok) throw new ServiceError('invalid', `The order for ${lab.name} could not be written: ${written.issues.map((i) => i.message).join('; ')}`);
    const id = await enqueue(repo.db, { tenant: ctx.tenant, channel: HL7_CHANNEL, destination: lab.id, payload: written.text, idempotencyKey: key });
    if (id) ids.push(id);
  }
  return ids;
}
