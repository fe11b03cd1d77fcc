import type { Resource } from '@medplum/fhirtypes';
import type { Orderable, OrderableModality } from '../catalogue/index.js';
import { findOrderable } from '../catalogue/index.js';
import { condition, DAY_MS, dueOffsetMinutes, encounter, MINUTE_MS, ref, serviceRequest } from './care.js';
import type { Icd10Code } from './diagnoses.js';
import type { DemoPatientsOptions } from './models.js';
import type { DemoDirectory } from './organisation.js';
import { buildDemoOrganisation } from './organisation.js';
import { allergy, coverage, patient } from './person.js';
import type { AllergyKey } from './person.js';
import type { Rng } from './random.js';
import { createRng, hash32 } from './random.js';
import { demoResults } from './results.js';
import { careSettings, comorbidities } from './scenarios.js';
import type { CareSetting, ClinicalPicture } from './scenarios.js';

const HOUR_MS = 60 * MINUTE_MS;

/**
 * Demo patients, one array of resources per patient: Patient, Coverage, allergies, encounters,
 * diagnoses and active orders. Patient i is the same whatever `start` and `count` are, so the
 * demo can be loaded in batches. References point only to the organisation or earlier in the array.
 */
export function* demoPatients(opts: DemoPatientsOptions): Generator<Resource[]> {
  const { directory } = buildDemoOrganisation(opts);
  const start = opts.start ?? 0;
  if (!Number.isInteger(start) || start < 0 || !Number.isInteger(opts.count) || opts.count < 0) {
    throw new Error(`demo patients need a whole start >= 0 and count >= 0, got start=${opts.start} count=${opts.count}`);
  }
  for (let i = start; i < start + opts.count; i++) yield demoPatient(directory, i);
}

/** The care setting of patient i: the first patients visit every setting once, then by weight. */
function settingFor(index: number, rng: Rng): CareSetting {
  if (index < careSettings.length) return careSettings[index];
  return rng.weighted(careSettings.map((s) => [s, s.weight] as const));
}

function demoPatient(dir: DemoDirectory, index: number): Resource[] {
  const rng = createRng(hash32(`${dir.tenant}|${dir.seed}|patient|${index}`));
  const key = (type: string, n = 0) => dir.ids(`${type}:${index}:${n}`);
  const { places, staff, epochMs } = dir;
  const setting = settingFor(index, rng);
  const picture: ClinicalPicture = rng.pick(setting.pictures);
  const gender = picture.sex ?? (rng.chance(0.5) ? 'female' : 'male');
  const ageDays = picture.ageUnit === 'days' ? rng.int(picture.ages[0], picture.ages[1]) : undefined;
  const ageYears = ageDays === undefined ? rng.int(picture.ages[0], picture.ages[1]) : 0;
  // The last birthday was 1 to 360 days ago, so the calendar age is exactly ageYears.
  const birthMs = ageDays !== undefined
    ? epochMs - ageDays * DAY_MS - rng.int(1, 20) * HOUR_MS
    : yearsBefore(epochMs, ageYears) - rng.int(1, 360) * DAY_MS;

  const patientId = key('Patient');
  const person = {
    id: patientId, index, gender, birthMs, ageYears,
    managingOrganizationId: setting.key === 'practice' ? places.organizations.practice : places.organizations.hospital,
    ...(setting.key === 'practice' ? { generalPractitionerId: staff.physicians.familyMedicine } : {}),
  } as const;
  const out: Resource[] = [patient(person, rng)];
  const cov = coverage(key('Coverage'), patientId, person, places.payers, epochMs, rng);
  out.push(cov);

  const allergies: AllergyKey[] = [];
  if (ageDays === undefined && rng.chance(0.2)) {
    allergies.push(rng.weighted<AllergyKey>([['penicillin', 4], ['contrast', 3], ['latex', 2], ['sulfonamide', 2], ['peanut', 1]]));
    if (rng.chance(0.2)) allergies.push(allergies[0] === 'latex' ? 'penicillin' : 'latex');
  }
  allergies.forEach((a, n) => out.push(allergy(key('AllergyIntolerance', n), patientId, a, epochMs)));

  // Orders first (they decide the imaging room), then the encounter they belong to.
  const chosen = [...picture.orders, ...rng.sample(picture.optional ?? [], rng.int(0, 2))];
  const pregnancyCheck = gender === 'female' && ageYears >= 12 && ageYears <= 50 && (setting.key === 'or' || (setting.key === 'ed' && chosen.some((c) => c.startsWith('IMG-CT'))));
  if (pregnancyCheck) chosen.push('LAB-UHCG'); // DOMAIN.md B.4.2: pregnancy status before ionizing radiation or surgery
  const orders = chosen.map((code) => {
    const o = findOrderable(code);
    if (!o) throw new Error(`demo scenario orders unknown orderable "${code}"`);
    return o;
  });

  const unitKey = rng.pick(setting.units);
  const unit = places.units[unitKey];
  const physicianId = unitKey === 'ms4e' ? staff.physicians.hospitalist2 : staff.physicians[setting.physician];
  const firstModality = orders.find((o) => o.modality)?.modality;
  const spotId = setting.key === 'imaging' && firstModality ? imagingRoom('centre', firstModality, dir)
    : setting.key === 'practice' ? places.rooms[`practice:Exam Room 0${rng.int(1, 4)}`]
      : rng.pick(unit.spots);

  const inpatient = setting.encounterClass === 'IMP';
  const outpatient = setting.encounterClass === 'AMB';
  const admitMs = ageDays !== undefined ? birthMs + rng.int(0, 1) * HOUR_MS // NICU admits within the first hour
    : inpatient ? epochMs - rng.int(12, 120) * HOUR_MS
      : outpatient ? epochMs + rng.int(12, 40) * 15 * MINUTE_MS
        : epochMs - rng.int(1, 8) * 30 * MINUTE_MS;
  const fromEd = inpatient && ageDays === undefined && setting.key !== 'or' && rng.chance(0.5);
  if (fromEd) {
    out.push(encounter({
      id: key('Encounter', 1), patientId, encounterClass: 'EMER', status: 'finished',
      startMs: admitMs - rng.int(3, 7) * HOUR_MS, endMs: admitMs, physicianId: staff.physicians.emergency,
      locationIds: [places.units.ed.locationId, rng.pick(places.units.ed.spots)], serviceProviderId: places.units.ed.organizationId,
      reasons: [picture.diagnoses[0]],
    }));
  }
  const encounterId = key('Encounter');
  out.push(encounter({
    id: encounterId, patientId, encounterClass: setting.encounterClass, status: outpatient ? 'planned' : 'in-progress',
    startMs: admitMs, physicianId, locationIds: [unit.locationId, spotId], serviceProviderId: unit.organizationId,
    reasons: picture.diagnoses, admittedFromEd: fromEd,
  }));

  const diagnosisIds = new Map<Icd10Code, string>();
  const addCondition = (code: Icd10Code, kind: 'encounter-diagnosis' | 'problem-list-item') => {
    if (diagnosisIds.has(code)) return;
    const id = key('Condition', diagnosisIds.size);
    diagnosisIds.set(code, id);
    out.push(condition(id, patientId, encounterId, code, kind, Math.min(admitMs, epochMs)));
  };
  picture.diagnoses.forEach((code) => addCondition(code, 'encounter-diagnosis'));
  for (const [code, chance, minAge] of comorbidities) if (ageYears >= minAge && rng.chance(chance)) addCondition(code, 'problem-list-item');
  if (allergies.includes('contrast')) addCondition('Z91.041', 'problem-list-item');
  const preop = setting.key === 'or';
  if (preop) addCondition('Z01.812', 'encounter-diagnosis');

  const requester = ref('Practitioner', physicianId);
  orders.forEach((o, n) => {
    const priority = rng.weighted(setting.priorities);
    const occurrenceMs = outpatient ? admitMs + n * 5 * MINUTE_MS : epochMs + dueOffsetMinutes(priority, rng.next()) * MINUTE_MS;
    const authoredMs = outpatient ? admitMs - rng.int(1, 21) * DAY_MS : Math.max(admitMs, occurrenceMs - rng.int(10, 600) * MINUTE_MS);
    const reason: Icd10Code = preop && o.kind === 'lab' ? 'Z01.812' : picture.diagnoses[0];
    out.push(serviceRequest({
      id: key('ServiceRequest', n), orderable: o, priority, patientId, encounterId, coverageId: cov.id as string,
      requester, reason, reasonConditionId: diagnosisIds.get(reason) as string,
      locationId: orderLocation(o, setting, spotId, dir), authoredMs, occurrenceMs,
    }));
  });
  if (inpatient && ageDays === undefined && setting.key !== 'or') {
    // Earlier morning labs, from a stream of their own so adding them changed nothing above.
    const resultsRng = createRng(hash32(`${dir.tenant}|${dir.seed}|results|${index}`));
    const labOrders = orders.filter((o) => o.kind === 'lab');
    out.push(...demoResults({
      rng: resultsRng, key, patientId, encounterId, coverageId: cov.id as string, requester,
      labOrganizationId: places.units.hospitalLab.organizationId, locationId: orderLocation(labOrders[0] ?? orders[0], setting, spotId, dir),
      reason: picture.diagnoses[0], reasonConditionId: diagnosisIds.get(picture.diagnoses[0]) as string, diagnoses: picture.diagnoses,
      orders: labOrders, admitMs, epochMs, critical: resultsRng.chance(0.3),
    }));
  }
  return out;
}

function yearsBefore(ms: number, years: number): number {
  const d = new Date(ms);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.getTime();
}

function imagingRoom(site: 'hospital' | 'centre', modality: OrderableModality, dir: DemoDirectory): string {
  const room = dir.places.imagingRooms[site][modality] ?? dir.places.imagingRooms.hospital[modality];
  if (!room) throw new Error(`the demo organisation has no ${modality} room`);
  return room;
}

/** Where the order is performed: at the bedside, in the practice's draw station, or in a modality room. */
function orderLocation(o: Orderable, setting: CareSetting, spotId: string, dir: DemoDirectory): string {
  if (setting.key === 'practice') {
    return o.kind === 'lab' ? dir.places.rooms['practice:Blood draw station'] : dir.places.rooms['practice:Pulmonary function room'];
  }
  if (o.kind !== 'imaging' || !o.modality) return spotId;
  if (o.modality === 'CR' || o.modality === 'XA') return setting.key === 'or' || o.modality === 'CR' ? spotId : imagingRoom('hospital', o.modality, dir);
  return imagingRoom(setting.key === 'imaging' ? 'centre' : 'hospital', o.modality, dir);
}
