import type { ActivityDefinition, Bundle, Coding, Extension, ObservationDefinition, Resource, SpecimenDefinition, SpecimenDefinitionTypeTested } from '@medplum/fhirtypes';
import type { ContainerSpec } from '../../domain/index.js';
import { systems } from '../../fhir/systems.js';
import { ServiceError } from '../errors.js';
import type { Orderable, OrderableContainer, OrderableSpecimen, TimedDraw } from './models.js';

/*
 * The catalogue as FHIR R4 definitions, one set per orderable, all with the orderable code as id:
 * ActivityDefinition (what is ordered, by whom, how it is coded) -> ObservationDefinition (what the
 * lab reports, lab tests only) and SpecimenDefinition (what is collected, in which container, how it
 * travels). What FHIR has no element for is in extensions named below. Export then import gives
 * back the same entries, so export -> import -> export gives the same Bundle.
 */

export const catalogueExtensions = {
  performingLab: 'urn:allied:extension:performing-lab',
  labTestCode: 'urn:allied:extension:lab-test-code',
  fastingHours: 'urn:allied:extension:fasting-hours',
  timedDraw: 'urn:allied:extension:timed-draw',
  collectVolume: 'urn:allied:extension:collect-volume',
  pediatricVolume: 'urn:allied:extension:pediatric-volume',
  protectFromLight: 'urn:allied:extension:protect-from-light',
  deliverWithin: 'urn:allied:extension:deliver-within',
} as const;

const codeSystems = {
  container: 'urn:allied:container',
  additive: 'urn:allied:additive',
  capColor: 'urn:allied:cap-color',
  handling: 'urn:allied:specimen-handling',
  preparation: 'urn:allied:patient-preparation',
  v2SpecimenType: 'http://terminology.hl7.org/CodeSystem/v2-0487',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
} as const;

const ml = (value: number) => ({ value, unit: 'mL', system: 'http://unitsofmeasure.org', code: 'mL' });
const min = (value: number) => ({ value, unit: 'min', system: 'http://unitsofmeasure.org', code: 'min' });
const h = (value: number) => ({ value, unit: 'h', system: 'http://unitsofmeasure.org', code: 'h' });

/** v2 table 0487 specimen type, from the container (display only: import reads the container). */
function specimenTypeOf(container: string): Coding {
  if (container.startsWith('URINE')) return { system: codeSystems.v2SpecimenType, code: 'UR', display: 'Urine' };
  if (container.startsWith('SPUTUM')) return { system: codeSystems.v2SpecimenType, code: 'SPT', display: 'Sputum' };
  if (container.startsWith('STOOL')) return { system: codeSystems.v2SpecimenType, code: 'STL', display: 'Stool = Fecal' };
  if (container.startsWith('SWAB')) return { system: codeSystems.v2SpecimenType, code: 'NPS', display: 'Nasopharyngeal swab' };
  if (container === 'ABG_SYRINGE') return { system: codeSystems.v2SpecimenType, code: 'BLDA', display: 'Blood arterial' };
  return { system: codeSystems.v2SpecimenType, code: 'BLD', display: 'Whole blood' };
}

function handlingText(s: OrderableSpecimen): string {
  const parts = [s.handling === 'on_ice' ? 'On ice' : s.handling === 'refrigerated' ? 'Refrigerated' : 'Room temperature'];
  if (s.protectFromLight) parts.push('protect from light');
  if (s.deliverWithinMinutes) parts.push(`deliver to the lab within ${s.deliverWithinMinutes} min`);
  return parts.join('; ');
}

function typeTested(c: OrderableContainer, s: OrderableSpecimen | null, containers: Readonly<Record<string, ContainerSpec>>): SpecimenDefinitionTypeTested {
  const spec = containers[c.container];
  const ext: Extension[] = [{ url: catalogueExtensions.collectVolume, valueQuantity: ml(c.volumeMl) }];
  if (s?.pediatricVolumeMl !== undefined) ext.push({ url: catalogueExtensions.pediatricVolume, valueQuantity: ml(s.pediatricVolumeMl) });
  if (s?.protectFromLight) ext.push({ url: catalogueExtensions.protectFromLight, valueBoolean: true });
  if (s?.deliverWithinMinutes !== undefined) ext.push({ url: catalogueExtensions.deliverWithin, valueDuration: min(s.deliverWithinMinutes) });
  const handling = s?.handling ?? 'ambient';
  return {
    extension: ext,
    isDerived: false,
    preference: 'preferred',
    container: {
      type: { coding: [{ system: codeSystems.container, code: c.container, ...(spec ? { display: spec.display } : {}) }] },
      ...(spec ? { cap: { coding: [{ system: codeSystems.capColor, code: spec.capColorBD }] }, additive: [{ additiveCodeableConcept: { coding: [{ system: codeSystems.additive, code: spec.additive }] } }], capacity: ml(spec.capacityMl) } : {}),
      minimumVolumeQuantity: ml(s?.minVolumeMl ?? c.volumeMl),
    },
    ...(s ? { handling: [{ temperatureQualifier: { coding: [{ system: codeSystems.handling, code: handling }] }, ...(s.stabilityMinutes !== undefined ? { maxDuration: min(s.stabilityMinutes) } : {}), instruction: handlingText(s) }] } : {}),
  };
}

const clockOf = (minutes: number) => `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function timedText(t: TimedDraw): string {
  if (t.kind === 'clock') return `Between ${clockOf(t.fromMinutes)} and ${clockOf(t.toMinutes)} local time`;
  return t.kind === 'trough' ? `Trough: ${-t.toMinutes}-${-t.fromMinutes} min before the next dose` : `Peak: ${t.fromMinutes}-${t.toMinutes} min after the end of the infusion`;
}

/** The FHIR resources of one orderable: ActivityDefinition, then ObservationDefinition and SpecimenDefinition where it has them. */
export function orderableToFhir(o: Orderable, containers: Readonly<Record<string, ContainerSpec>>): Resource[] {
  const identifier = [{ system: systems.orderable, value: o.code }];
  const loinc = o.coding.filter((c) => c.system === systems.loinc);
  const ext: Extension[] = [];
  if (o.performingLab) ext.push({ url: catalogueExtensions.performingLab, valueIdentifier: { system: 'urn:allied:reference-lab', value: o.performingLab } });
  if (o.labTestCode) ext.push({ url: catalogueExtensions.labTestCode, valueCode: o.labTestCode });
  const ad: ActivityDefinition = {
    resourceType: 'ActivityDefinition',
    id: o.code,
    ...(ext.length ? { extension: ext } : {}),
    url: `${systems.orderable}:${o.code}`,
    identifier,
    name: o.code.replace(/[^A-Za-z0-9]/g, '_'),
    title: o.display,
    status: o.status === 'retired' ? 'retired' : 'active',
    topic: [{ coding: [{ system: systems.orderable, code: o.kind }] }],
    kind: 'ServiceRequest',
    code: { coding: [...o.coding.map((c) => ({ ...c })), { system: systems.orderable, code: o.code, display: o.display }], text: o.display },
    ...(o.defaultDurationMinutes !== undefined ? { timingDuration: min(o.defaultDurationMinutes) } : {}),
    participant: [{ type: 'practitioner', role: { coding: [{ system: systems.alliedRole, code: o.performerRole }] } }],
    ...(o.specimen ? { specimenRequirement: [{ reference: `SpecimenDefinition/${o.code}` }] } : {}),
    ...(loinc.length ? { observationResultRequirement: [{ reference: `ObservationDefinition/${o.code}` }] } : {}),
  };
  const out: Resource[] = [ad];
  if (loinc.length) {
    const od: ObservationDefinition = {
      resourceType: 'ObservationDefinition',
      id: o.code,
      identifier,
      category: [{ coding: [{ system: codeSystems.observationCategory, code: 'laboratory', display: 'Laboratory' }] }],
      code: { coding: loinc.map((c) => ({ ...c })), text: o.display },
    };
    out.push(od);
  }
  if (o.specimen) {
    const s = o.specimen;
    const sdExt: Extension[] = [];
    if (o.fastingHours !== undefined) sdExt.push({ url: catalogueExtensions.fastingHours, valueDuration: h(o.fastingHours) });
    if (o.timing) sdExt.push({ url: catalogueExtensions.timedDraw, extension: [{ url: 'kind', valueCode: o.timing.kind }, { url: 'from', valueDuration: min(o.timing.fromMinutes) }, { url: 'to', valueDuration: min(o.timing.toMinutes) }] });
    const sd: SpecimenDefinition = {
      resourceType: 'SpecimenDefinition',
      id: o.code,
      ...(sdExt.length ? { extension: sdExt } : {}),
      identifier: identifier[0],
      typeCollected: { coding: [specimenTypeOf(s.container)] },
      ...(o.fasting ? { patientPreparation: [{ coding: [{ system: codeSystems.preparation, code: 'fasting', display: 'Fasting' }], text: o.fastingHours ? `Fasting ${o.fastingHours} h` : 'Fasting' }] } : {}),
      ...(o.timing ? { timeAspect: timedText(o.timing) } : {}),
      typeTested: [typeTested(s, s, containers), ...(s.additionalContainers ?? []).map((c) => typeTested(c, null, containers))],
    };
    out.push(sd);
  }
  return out;
}

/** The whole catalogue as a FHIR collection Bundle, in catalogue order. */
export function catalogueToBundle(items: readonly Orderable[], containers: Readonly<Record<string, ContainerSpec>>): Bundle {
  return { resourceType: 'Bundle', type: 'collection', entry: items.flatMap((o) => orderableToFhir(o, containers)).map((resource) => ({ resource })) };
}

const bad = (message: string, field: string): never => {
  throw new ServiceError('invalid', message, field);
};
const extOf = (exts: Extension[] | undefined, url: string) => exts?.find((e) => e.url === url);

function containerFrom(t: SpecimenDefinitionTypeTested, at: string): OrderableContainer {
  const container = t.container?.type?.coding?.find((c) => c.system === codeSystems.container)?.code;
  if (!container) bad(`no container code (${codeSystems.container})`, `${at}.container.type`);
  const volume = extOf(t.extension, catalogueExtensions.collectVolume)?.valueQuantity?.value ?? t.container?.minimumVolumeQuantity?.value;
  if (volume === undefined) bad('no volume to collect', `${at}.extension`);
  return { container: container!, volumeMl: volume! };
}

/**
 * One orderable (unchecked: `validateCatalogue` checks it next) from its ActivityDefinition and the
 * definitions it points to.
 */
function orderableFrom(ad: ActivityDefinition, byRef: Map<string, Resource>, at: string): Record<string, unknown> {
  const code = ad.identifier?.find((i) => i.system === systems.orderable)?.value ?? ad.id;
  if (!code) bad('an ActivityDefinition without an orderable identifier or id', `${at}.identifier`);
  const coding = (ad.code?.coding ?? []).filter((c) => c.system !== systems.orderable).map((c) => ({ system: c.system ?? '', code: c.code ?? '', display: c.display ?? '' }));
  const out: Record<string, unknown> = {
    code,
    display: ad.title ?? ad.code?.text,
    kind: ad.topic?.flatMap((t) => t.coding ?? []).find((c) => c.system === systems.orderable)?.code,
    performerRole: ad.participant?.[0]?.role?.coding?.find((c) => c.system === systems.alliedRole)?.code,
    coding,
    status: ad.status === 'retired' ? 'retired' : ad.status === 'active' ? 'active' : bad(`status "${ad.status}": only active and retired entries are imported`, `${at}.status`),
  };
  const lab = extOf(ad.extension, catalogueExtensions.performingLab)?.valueIdentifier?.value;
  if (lab) out.performingLab = lab;
  const testCode = extOf(ad.extension, catalogueExtensions.labTestCode)?.valueCode;
  if (testCode) out.labTestCode = testCode;
  if (ad.timingDuration?.value !== undefined) out.defaultDurationMinutes = ad.timingDuration.value;
  const dicom = coding.find((c) => c.system === systems.dicomModality)?.code;
  if (dicom) out.modality = dicom;
  const ref = ad.specimenRequirement?.[0]?.reference;
  if (ref) {
    const sd = byRef.get(ref) as SpecimenDefinition | undefined;
    if (!sd || sd.resourceType !== 'SpecimenDefinition') return bad(`${code} points to ${ref}, which is not in the Bundle`, `${at}.specimenRequirement`);
    const sdAt = `SpecimenDefinition/${sd.id}`;
    const [first, ...rest] = sd.typeTested ?? [];
    if (!first) bad(`${code}: the SpecimenDefinition has no typeTested container`, `${sdAt}.typeTested`);
    const specimen: Record<string, unknown> = { ...containerFrom(first, `${sdAt}.typeTested[0]`) };
    const minVol = first.container?.minimumVolumeQuantity?.value;
    if (minVol !== undefined && minVol !== specimen.volumeMl) specimen.minVolumeMl = minVol;
    const ped = extOf(first.extension, catalogueExtensions.pediatricVolume)?.valueQuantity?.value;
    if (ped !== undefined) specimen.pediatricVolumeMl = ped;
    const handling = first.handling?.[0];
    specimen.handling = handling?.temperatureQualifier?.coding?.find((c) => c.system === codeSystems.handling)?.code ?? 'ambient';
    if (extOf(first.extension, catalogueExtensions.protectFromLight)?.valueBoolean) specimen.protectFromLight = true;
    const deliver = extOf(first.extension, catalogueExtensions.deliverWithin)?.valueDuration?.value;
    if (deliver !== undefined) specimen.deliverWithinMinutes = deliver;
    if (handling?.maxDuration?.value !== undefined) specimen.stabilityMinutes = handling.maxDuration.value;
    if (rest.length) specimen.additionalContainers = rest.map((t, i) => containerFrom(t, `${sdAt}.typeTested[${i + 1}]`));
    out.specimen = specimen;
    if (sd.patientPreparation?.some((p) => p.coding?.some((c) => c.system === codeSystems.preparation && c.code === 'fasting'))) out.fasting = true;
    const hours = extOf(sd.extension, catalogueExtensions.fastingHours)?.valueDuration?.value;
    if (hours !== undefined) out.fastingHours = hours;
    const timed = extOf(sd.extension, catalogueExtensions.timedDraw);
    if (timed) {
      out.timing = {
        kind: extOf(timed.extension, 'kind')?.valueCode,
        fromMinutes: extOf(timed.extension, 'from')?.valueDuration?.value,
        toMinutes: extOf(timed.extension, 'to')?.valueDuration?.value,
      };
    }
  }
  return out;
}

/**
 * The catalogue entries of a Bundle of ActivityDefinitions with their SpecimenDefinitions and
 * ObservationDefinitions, in Bundle order, unchecked (pass them to `validateCatalogue`).
 */
export function catalogueFromBundle(bundle: unknown): Record<string, unknown>[] {
  const b = bundle as Bundle | undefined;
  if (!b || typeof b !== 'object' || b.resourceType !== 'Bundle') bad('Send a FHIR Bundle (resourceType "Bundle") of ActivityDefinition, ObservationDefinition and SpecimenDefinition resources', 'resourceType');
  if (!Array.isArray(b!.entry)) bad('The Bundle has no entries', 'entry');
  const byRef = new Map<string, Resource>();
  const activities: { ad: ActivityDefinition; at: string }[] = [];
  b!.entry!.forEach((e, i) => {
    const r = e?.resource;
    const at = `entry[${i}].resource`;
    if (!r || typeof r !== 'object') return bad('an entry without a resource', at);
    if (!['ActivityDefinition', 'ObservationDefinition', 'SpecimenDefinition'].includes(r.resourceType)) bad(`${r.resourceType} is not part of a catalogue (ActivityDefinition, ObservationDefinition, SpecimenDefinition)`, `${at}.resourceType`);
    if (r.id) byRef.set(`${r.resourceType}/${r.id}`, r);
    if (r.resourceType === 'ActivityDefinition') activities.push({ ad: r, at });
  });
  return activities.map(({ ad, at }) => orderableFrom(ad, byRef, at));
}
