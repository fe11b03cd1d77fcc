import type { AllergyIntolerance, Coverage, Patient } from '@medplum/fhirtypes';
import { systems } from '../../fhir/systems.js';
import { demoPhone, demoSystems } from './constants.js';
import { date, DAY_MS, ref } from './care.js';
import { DEMO_STATE, familyNames, femaleGivenNames, maleGivenNames, streetNames, towns } from './names.js';
import type { PlacesDirectory } from './places.js';
import type { Rng } from './random.js';

/** Builders for who a demo patient is: demographics, insurance, allergies. */

export interface PersonInput {
  id: string;
  index: number;
  gender: 'female' | 'male';
  birthMs: number;
  ageYears: number;
  managingOrganizationId: string;
  generalPractitionerId?: string;
}

const MEDICARE_AGE = 65;
/** Letters allowed in a Medicare Beneficiary Identifier (no S, L, O, I, B, Z). */
const MBI_LETTERS = 'ACDEFGHJKMNPQRTUVWXY';

/** A medical record number: 8 digits, unique per patient index. */
export const mrnFor = (index: number): string => String(10_000_000 + index * 7 + 3);

export function patient(input: PersonInput, rng: Rng): Patient {
  const given = rng.pick(input.gender === 'female' ? femaleGivenNames : maleGivenNames);
  const middle = rng.chance(0.4) ? [rng.pick(input.gender === 'female' ? femaleGivenNames : maleGivenNames)] : [];
  const family = rng.pick(familyNames);
  const town = rng.pick(towns);
  const minor = input.ageYears < 18;
  const parentGiven = rng.pick(rng.chance(0.5) ? femaleGivenNames : maleGivenNames);
  return {
    resourceType: 'Patient', id: input.id, active: true,
    identifier: [{
      use: 'usual',
      type: { coding: [{ system: systems.v2IdentifierType, code: 'MR', display: 'Medical record number' }] },
      system: systems.mrn, value: mrnFor(input.index),
      assigner: ref('Organization', input.managingOrganizationId),
    }],
    name: [{ use: 'official', family, given: [given, ...middle] }],
    telecom: [
      { system: 'phone', value: demoPhone(input.index), use: minor ? 'home' : 'mobile' },
      ...(minor ? [] : [{ system: 'email' as const, value: `${given}.${family}.${input.index}@example.org`.toLowerCase().replace(/[^a-z0-9.@-]/g, ''), use: 'home' as const }]),
    ],
    gender: input.gender,
    birthDate: date(input.birthMs),
    address: [{ use: 'home', type: 'physical', line: [`${rng.int(1, 2999)} ${rng.pick(streetNames)}`], city: town.city, state: DEMO_STATE, postalCode: town.postalCode, country: 'US' }],
    ...(minor ? {
      contact: [{
        relationship: [{ coding: [{ system: demoSystems.roleCode, code: 'PRN', display: 'parent' }] }],
        name: { family, given: [parentGiven] },
        telecom: [{ system: 'phone', value: demoPhone(input.index), use: 'mobile' }],
      }],
    } : {}),
    ...(input.generalPractitionerId ? { generalPractitioner: [ref('Practitioner', input.generalPractitionerId)] } : {}),
    managingOrganization: ref('Organization', input.managingOrganizationId),
  };
}

export function coverage(id: string, patientId: string, input: PersonInput, payers: PlacesDirectory['payers'], epochMs: number, rng: Rng): Coverage {
  const isPublic = input.ageYears >= MEDICARE_AGE;
  const payer = isPublic ? payers.public : payers.commercial;
  const relationship = input.ageYears < 18 ? 'child' : !isPublic && rng.chance(0.25) ? 'spouse' : 'self';
  const d = (n: number) => Array.from({ length: n }, () => rng.int(0, 9)).join('');
  const l = () => MBI_LETTERS[rng.int(0, MBI_LETTERS.length - 1)];
  const subscriberId = isPublic
    ? `${rng.int(1, 9)}${l()}${l()}${d(1)}${l()}${l()}${d(1)}${l()}${l()}${d(2)}` // MBI-shaped
    : `BWM${d(9)}`;
  const memberId = relationship === 'self' ? subscriberId : `${subscriberId}-0${relationship === 'spouse' ? 1 : rng.int(2, 5)}`;
  const year = new Date(epochMs).getUTCFullYear();
  const start = Math.max(Date.UTC(year, 0, 1), input.birthMs);
  return {
    resourceType: 'Coverage', id, status: 'active',
    identifier: [{ system: systems.memberId, value: memberId }],
    type: { coding: [isPublic ? { system: systems.coverageType, code: 'PUBLICPOL', display: 'public healthcare' } : { system: systems.coverageType, code: 'PPO', display: 'preferred provider organization policy' }] },
    subscriberId,
    beneficiary: ref('Patient', patientId),
    relationship: { coding: [{ system: demoSystems.subscriberRelationship, code: relationship }] },
    period: { start: date(start), end: `${year}-12-31` },
    payor: [ref('Organization', payer.organizationId, payer.name)],
    class: [{
      type: { coding: [{ system: demoSystems.coverageClass, code: 'group', display: 'Group' }] },
      value: isPublic ? 'PART-A-B' : `GRP-${rng.int(1000, 1099)}`,
      name: isPublic ? 'Hospital and medical' : 'Bluewater PPO employer group',
    }],
  };
}

interface AllergyPlan {
  substance: string;
  category: NonNullable<AllergyIntolerance['category']>[number];
  criticality: NonNullable<AllergyIntolerance['criticality']>;
  reaction: string;
  severity: 'mild' | 'moderate' | 'severe';
}

export const allergyPlans = {
  contrast: { substance: 'Iodinated contrast media', category: 'medication', criticality: 'high', reaction: 'Hives and throat tightness', severity: 'moderate' },
  latex: { substance: 'Natural rubber latex', category: 'environment', criticality: 'low', reaction: 'Contact dermatitis', severity: 'mild' },
  penicillin: { substance: 'Penicillin', category: 'medication', criticality: 'high', reaction: 'Generalized rash', severity: 'moderate' },
  sulfonamide: { substance: 'Sulfonamide antibiotics', category: 'medication', criticality: 'low', reaction: 'Rash', severity: 'mild' },
  peanut: { substance: 'Peanut', category: 'food', criticality: 'high', reaction: 'Anaphylaxis', severity: 'severe' },
} as const satisfies Record<string, AllergyPlan>;
export type AllergyKey = keyof typeof allergyPlans;

export function allergy(id: string, patientId: string, key: AllergyKey, recordedMs: number): AllergyIntolerance {
  const plan: AllergyPlan = allergyPlans[key];
  return {
    resourceType: 'AllergyIntolerance', id,
    clinicalStatus: { coding: [{ system: systems.allergyClinical, code: 'active', display: 'Active' }] },
    verificationStatus: { coding: [{ system: demoSystems.allergyVerification, code: 'confirmed', display: 'Confirmed' }] },
    type: 'allergy', category: [plan.category], criticality: plan.criticality,
    code: { text: plan.substance },
    patient: ref('Patient', patientId),
    recordedDate: date(recordedMs - 400 * DAY_MS),
    reaction: [{ manifestation: [{ text: plan.reaction }], severity: plan.severity }],
  };
}
