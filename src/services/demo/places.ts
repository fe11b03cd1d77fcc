import type { Address, CodeableConcept, Location, Organization, Resource } from '@medplum/fhirtypes';
import { systems } from '../../fhir/systems.js';
import type { OrderableModality } from '../catalogue/index.js';
import { modalityDisplay } from '../catalogue/index.js';
import { ref } from './care.js';
import { demoPhone, demoSystems } from './constants.js';
import { DEMO_STATE } from './names.js';
import { npiFromBase } from './npi.js';
import type { Rng } from './random.js';

/** The organisations and places of the demo: Riverside General Hospital and its neighbours. */

export type OrgKey = 'hospital' | 'imagingCentre' | 'practice' | 'referenceLab' | 'payerPublic' | 'payerCommercial';
export type UnitKey = 'ms3w' | 'ms4e' | 'ed' | 'icu' | 'nicu' | 'or' | 'radiology' | 'hospitalLab' | 'imagingCentre' | 'practice' | 'referenceLab';
export type ImagingSite = 'hospital' | 'centre';

export interface UnitDirectory {
  locationId: string;
  organizationId: string;
  /** Beds (wards) or rooms (everything else), ids in display order. */
  spots: string[];
}

export interface PlacesDirectory {
  organizations: Record<OrgKey, string>;
  units: Record<UnitKey, UnitDirectory>;
  imagingRooms: Record<ImagingSite, Partial<Record<OrderableModality, string>>>;
  payers: Record<'public' | 'commercial', { organizationId: string; payerId: string; name: string }>;
  /** Every bed and room by '<unit>:<name>', e.g. 'practice:Blood draw station'. */
  rooms: Record<string, string>;
}

type Ids = (key: string) => string;

const address = (line: string, city: string, postalCode: string): Address => ({
  use: 'work', type: 'physical', line: [line], city, state: DEMO_STATE, postalCode, country: 'US',
});
const orgType = (code: 'prov' | 'dept' | 'pay' | 'ins', display: string): CodeableConcept[] => [
  { coding: [{ system: demoSystems.organizationType, code, display }] },
];
const roleType = (code: string, display: string): CodeableConcept => ({ coding: [{ system: systems.locationType, code, display }] });
const physical = (code: 'si' | 'bu' | 'wa' | 'ro' | 'bd', display: string): CodeableConcept => ({
  coding: [{ system: demoSystems.locationPhysicalType, code, display }],
});
const physicalDisplay = { si: 'Site', bu: 'Building', wa: 'Ward', ro: 'Room', bd: 'Bed' } as const;

const randomNpi = (rng: Rng, firstDigit: '1' | '2'): string => npiFromBase(firstDigit + String(rng.int(0, 99_999_999)).padStart(8, '0'));

interface UnitPlan {
  key: UnitKey;
  name: string;
  type: CodeableConcept;
  spotKind: 'bd' | 'ro';
  spots: { name: string; modality?: OrderableModality; type?: CodeableConcept }[];
}

const numbered = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ name: `${prefix}${String(i + 1).padStart(2, '0')}` }));
const modalityRoom = (name: string, modality: OrderableModality) => ({ name, modality });

/** Hospital units: each becomes a department Organization and a ward Location in the main building. */
const hospitalUnits: UnitPlan[] = [
  { key: 'ms3w', name: 'Medical-Surgical Unit 3 West', type: roleType('HU', 'Hospital unit'), spotKind: 'bd', spots: numbered('3W-', 24) },
  { key: 'ms4e', name: 'Medical-Surgical Unit 4 East', type: roleType('HU', 'Hospital unit'), spotKind: 'bd', spots: numbered('4E-', 24) },
  { key: 'ed', name: 'Emergency Department', type: roleType('ER', 'Emergency room'), spotKind: 'bd', spots: numbered('ED Bay ', 16) },
  { key: 'icu', name: 'Intensive Care Unit', type: roleType('ICU', 'Intensive care unit'), spotKind: 'bd', spots: numbered('ICU-', 12) },
  { key: 'nicu', name: 'Neonatal Intensive Care Unit', type: roleType('PEDNICU', 'Pediatric neonatal intensive care unit'), spotKind: 'bd', spots: numbered('NICU-', 12) },
  { key: 'or', name: 'Operating Rooms', type: { ...roleType('HU', 'Hospital unit'), text: 'Operating suite' }, spotKind: 'ro', spots: numbered('OR ', 4) },
  {
    key: 'radiology', name: 'Radiology Department', type: roleType('HRAD', 'radiology unit'), spotKind: 'ro',
    spots: [modalityRoom('X-ray Room 1', 'DX'), modalityRoom('Portable X-ray', 'CR'), modalityRoom('CT Room 1', 'CT'),
      modalityRoom('MRI Suite 1', 'MR'), modalityRoom('Ultrasound Room 1', 'US'), modalityRoom('Fluoroscopy Room', 'RF'),
      modalityRoom('Interventional Suite', 'XA'), modalityRoom('Nuclear Medicine Room', 'NM')],
  },
  { key: 'hospitalLab', name: 'Hospital Laboratory', type: roleType('HLAB', 'hospital laboratory'), spotKind: 'ro', spots: [{ name: 'Lab specimen receiving desk' }] },
];

/** Stand-alone sites: each is its own Organization with a building and rooms. */
const siteUnits: (UnitPlan & { org: OrgKey })[] = [
  {
    key: 'imagingCentre', org: 'imagingCentre', name: 'Riverside Outpatient Imaging Center building', type: roleType('RADDX', 'Radiology diagnostics or therapeutics unit'), spotKind: 'ro',
    spots: [modalityRoom('Imaging Center X-ray', 'DX'), modalityRoom('Imaging Center CT', 'CT'), modalityRoom('Imaging Center MRI', 'MR'),
      modalityRoom('Imaging Center Ultrasound', 'US'), modalityRoom('Imaging Center Mammography', 'MG')],
  },
  {
    key: 'practice', org: 'practice', name: 'Riverbend Family Medicine clinic', type: roleType('PC', 'Primary care clinic'), spotKind: 'ro',
    spots: [...numbered('Exam Room ', 4), { name: 'Blood draw station', type: roleType('HUSCS', 'specimen collection site') }, { name: 'Pulmonary function room' }],
  },
  { key: 'referenceLab', org: 'referenceLab', name: 'Tri-County Reference Laboratory building', type: roleType('OUTLAB', 'outpatient laboratory'), spotKind: 'ro', spots: [{ name: 'Specimen receiving desk' }] },
];

/** Organizations and Locations, parents before children, with a directory of their ids. */
export function buildPlaces(ids: Ids, rng: Rng): { resources: Resource[]; directory: PlacesDirectory } {
  const resources: Resource[] = [];
  const orgId = (k: OrgKey) => ids(`Organization:${k}`);
  const hospitalAddress = address('100 Riverbend Drive', 'Riverside', '45991');
  const provider = (key: OrgKey, name: string, addr: Address, phone: number, partOf?: OrgKey): Organization => ({
    resourceType: 'Organization', id: orgId(key), active: true,
    identifier: [{ system: systems.npi, value: randomNpi(rng, '1') }],
    type: orgType('prov', 'Healthcare Provider'), name, address: [addr],
    telecom: [{ system: 'phone', value: demoPhone(phone), use: 'work' }],
    ...(partOf ? { partOf: ref('Organization', orgId(partOf)) } : {}),
  });
  const payer = (key: OrgKey, name: string, payerId: string, phone: number): Organization => ({
    resourceType: 'Organization', id: orgId(key), active: true,
    identifier: [{ system: systems.payerId, value: payerId }],
    type: orgType('pay', 'Payer'), name, telecom: [{ system: 'phone', value: demoPhone(phone), use: 'work' }],
  });
  resources.push(
    provider('hospital', 'Riverside General Hospital', hospitalAddress, 0),
    provider('imagingCentre', 'Riverside Outpatient Imaging Center', address('2200 Water Street', 'Riverside', '45991'), 10, 'hospital'),
    provider('practice', 'Riverbend Family Medicine', address('45 Orchard Street', 'Millbrook', '45992'), 20),
    provider('referenceLab', 'Tri-County Reference Laboratory', address('800 Foundry Lane', 'East Lockport', '45995'), 30),
    // A public (Medicare-like) and a commercial payer; both fictional.
    payer('payerPublic', 'Great Rivers Senior Health Program', 'GRSHP', 40),
    payer('payerCommercial', 'Bluewater Mutual Health Plan', 'BWMHP', 50),
  );

  const location = (key: string, name: string, kind: keyof typeof physicalDisplay, managing: string, partOf?: string, type?: CodeableConcept[], addr?: Address): Location => ({
    resourceType: 'Location', id: ids(`Location:${key}`), status: 'active', mode: 'instance', name,
    ...(type ? { type } : {}), physicalType: physical(kind, physicalDisplay[kind]),
    ...(addr ? { address: addr } : {}),
    managingOrganization: ref('Organization', managing),
    ...(partOf ? { partOf: ref('Location', partOf) } : {}),
  });
  const site = location('hospital-campus', 'Riverside General Hospital campus', 'si', orgId('hospital'), undefined, [roleType('HOSP', 'Hospital')], hospitalAddress);
  const building = location('hospital-main', 'Riverside General Hospital main building', 'bu', orgId('hospital'), site.id, undefined, hospitalAddress);
  resources.push(site, building);

  const units = {} as Record<UnitKey, UnitDirectory>;
  const imagingRooms: PlacesDirectory['imagingRooms'] = { hospital: {}, centre: {} };
  const rooms: Record<string, string> = {};
  const addUnit = (plan: UnitPlan, organizationId: string, unitLocation: Location) => {
    resources.push(unitLocation);
    const spots = plan.spots.map((spot, i) => {
      const types = [spot.type ?? plan.type];
      if (spot.modality) types.push({ coding: [{ system: systems.dicomModality, code: spot.modality, display: modalityDisplay[spot.modality] }] });
      const loc = location(`${plan.key}:${i}`, spot.name, plan.spotKind, organizationId, unitLocation.id, types);
      resources.push(loc);
      rooms[`${plan.key}:${spot.name}`] = loc.id as string;
      if (spot.modality) imagingRooms[plan.key === 'imagingCentre' ? 'centre' : 'hospital'][spot.modality] = loc.id as string;
      return loc.id as string;
    });
    units[plan.key] = { locationId: unitLocation.id as string, organizationId, spots };
  };

  for (const plan of hospitalUnits) {
    const dept: Organization = {
      resourceType: 'Organization', id: ids(`Organization:dept:${plan.key}`), active: true,
      type: orgType('dept', 'Hospital Department'), name: plan.name, partOf: ref('Organization', orgId('hospital')),
    };
    resources.push(dept);
    addUnit(plan, dept.id as string, location(plan.key, plan.name, 'wa', dept.id as string, building.id, [plan.type]));
  }
  for (const plan of siteUnits) {
    const org = resources.find((r) => r.id === orgId(plan.org)) as Organization;
    addUnit(plan, org.id as string, location(plan.key, plan.name, 'bu', org.id as string, undefined, [plan.type], org.address?.[0]));
  }

  const organizations = Object.fromEntries(
    (['hospital', 'imagingCentre', 'practice', 'referenceLab', 'payerPublic', 'payerCommercial'] as const).map((k) => [k, orgId(k)]),
  ) as Record<OrgKey, string>;
  const payers: PlacesDirectory['payers'] = {
    public: { organizationId: orgId('payerPublic'), payerId: 'GRSHP', name: 'Great Rivers Senior Health Program' },
    commercial: { organizationId: orgId('payerCommercial'), payerId: 'BWMHP', name: 'Bluewater Mutual Health Plan' },
  };
  return { resources, directory: { organizations, units, imagingRooms, payers, rooms } };
}
