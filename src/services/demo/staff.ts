import type { Practitioner, PractitionerQualification, PractitionerRole, Resource } from '@medplum/fhirtypes';
import { roles, systems } from '../../fhir/systems.js';
import type { Role } from '../../fhir/systems.js';
import type { DemoUser } from './models.js';
import { familyNames, femaleGivenNames, maleGivenNames } from './names.js';
import { npiFromBase } from './npi.js';
import type { PlacesDirectory, UnitKey } from './places.js';
import type { Rng } from './random.js';

/** The demo staff: Practitioners with credentials, their PractitionerRoles, and one login per role. */

export type PhysicianKey = 'hospitalist' | 'hospitalist2' | 'emergency' | 'intensivist' | 'neonatologist' | 'familyMedicine' | 'surgeon';

export interface StaffDirectory {
  physicians: Record<PhysicianKey, string>;
  byRole: Record<Role, string[]>;
}

/** [code, what it means, who issues it]: the credentials of DOMAIN.md A.11, B.1, C.9 and common US ones. */
type Credential = [code: string, display: string, issuer: string];
const MD: Credential = ['MD', 'Doctor of Medicine', 'State Medical Board'];
const RN: Credential = ['RN', 'Registered Nurse', 'State Board of Nursing'];

interface StaffPlan {
  role: Role;
  specialty: string;
  unit: UnitKey;
  credentials: Credential[];
  physician?: PhysicianKey;
}

/** The first plan of each role is that role's demo login. */
const staffPlans: StaffPlan[] = [
  { role: 'physician', physician: 'hospitalist', specialty: 'Hospital medicine', unit: 'ms3w', credentials: [MD] },
  { role: 'physician', physician: 'hospitalist2', specialty: 'Hospital medicine', unit: 'ms4e', credentials: [MD] },
  { role: 'physician', physician: 'emergency', specialty: 'Emergency medicine', unit: 'ed', credentials: [MD] },
  { role: 'physician', physician: 'intensivist', specialty: 'Critical care medicine', unit: 'icu', credentials: [MD] },
  { role: 'physician', physician: 'neonatologist', specialty: 'Neonatal-perinatal medicine', unit: 'nicu', credentials: [MD] },
  { role: 'physician', physician: 'familyMedicine', specialty: 'Family medicine', unit: 'practice', credentials: [MD] },
  { role: 'physician', physician: 'surgeon', specialty: 'General surgery', unit: 'or', credentials: [MD] },
  { role: 'nurse', specialty: 'Medical-surgical nursing', unit: 'ms3w', credentials: [RN] },
  { role: 'nurse', specialty: 'Emergency nursing', unit: 'ed', credentials: [RN] },
  { role: 'nurse', specialty: 'Critical care nursing', unit: 'icu', credentials: [RN] },
  { role: 'nurse', specialty: 'Neonatal nursing', unit: 'nicu', credentials: [RN] },
  { role: 'phlebotomist', specialty: 'Phlebotomy', unit: 'hospitalLab', credentials: [['CPT', 'Certified Phlebotomy Technician', 'NHA']] },
  { role: 'phlebotomist', specialty: 'Phlebotomy', unit: 'hospitalLab', credentials: [['PBT', 'Phlebotomy Technician', 'ASCP Board of Certification']] },
  { role: 'phlebotomist', specialty: 'Phlebotomy', unit: 'practice', credentials: [['RPT', 'Registered Phlebotomy Technician', 'AMT']] },
  { role: 'lab', specialty: 'Clinical laboratory science', unit: 'hospitalLab', credentials: [['MLS', 'Medical Laboratory Scientist', 'ASCP Board of Certification']] },
  { role: 'lab', specialty: 'Clinical laboratory science', unit: 'referenceLab', credentials: [['MLT', 'Medical Laboratory Technician', 'ASCP Board of Certification']] },
  { role: 'imaging_technologist', specialty: 'Radiography and CT', unit: 'radiology', credentials: [['R.T.(R)(CT)', 'Radiographer, computed tomography', 'ARRT']] },
  { role: 'imaging_technologist', specialty: 'Radiography', unit: 'radiology', credentials: [['R.T.(R)', 'Registered Technologist, radiography', 'ARRT']] },
  { role: 'imaging_technologist', specialty: 'Magnetic resonance', unit: 'radiology', credentials: [['R.T.(MR)', 'Registered Technologist, MRI', 'ARRT']] },
  { role: 'imaging_technologist', specialty: 'Nuclear medicine', unit: 'radiology', credentials: [['CNMT', 'Certified Nuclear Medicine Technologist', 'NMTCB']] },
  { role: 'imaging_technologist', specialty: 'Sonography', unit: 'imagingCentre', credentials: [['RDMS', 'Registered Diagnostic Medical Sonographer', 'ARDMS']] },
  { role: 'imaging_technologist', specialty: 'Mammography', unit: 'imagingCentre', credentials: [['R.T.(R)(M)', 'Radiographer, mammography', 'ARRT']] },
  { role: 'radiologist', specialty: 'Diagnostic radiology', unit: 'radiology', credentials: [MD, ['ABR', 'Diplomate, diagnostic radiology', 'American Board of Radiology']] },
  { role: 'radiologist', specialty: 'Breast imaging', unit: 'imagingCentre', credentials: [MD, ['ABR', 'Diplomate, diagnostic radiology', 'American Board of Radiology']] },
  { role: 'respiratory_therapist', specialty: 'Respiratory care', unit: 'ms3w', credentials: [['RRT', 'Registered Respiratory Therapist', 'NBRC']] },
  { role: 'respiratory_therapist', specialty: 'Adult critical care', unit: 'icu', credentials: [['RRT', 'Registered Respiratory Therapist', 'NBRC'], ['RRT-ACCS', 'Adult Critical Care Specialist', 'NBRC']] },
  { role: 'respiratory_therapist', specialty: 'Neonatal/pediatric respiratory care', unit: 'nicu', credentials: [['RRT', 'Registered Respiratory Therapist', 'NBRC'], ['RRT-NPS', 'Neonatal/Pediatric Specialist', 'NBRC']] },
  { role: 'respiratory_therapist', specialty: 'Respiratory care', unit: 'ed', credentials: [['CRT', 'Certified Respiratory Therapist', 'NBRC']] },
  { role: 'respiratory_therapist', specialty: 'Pulmonary function testing', unit: 'practice', credentials: [['RRT', 'Registered Respiratory Therapist', 'NBRC'], ['RPFT', 'Registered Pulmonary Function Technologist', 'NBRC']] },
  { role: 'coder', specialty: 'Professional coding', unit: 'practice', credentials: [['CPC', 'Certified Professional Coder', 'AAPC']] },
  { role: 'coder', specialty: 'Inpatient coding', unit: 'hospitalLab', credentials: [['CCS', 'Certified Coding Specialist', 'AHIMA']] },
  { role: 'biller', specialty: 'Medical billing', unit: 'practice', credentials: [['CPB', 'Certified Professional Biller', 'AAPC']] },
  { role: 'biller', specialty: 'Revenue cycle', unit: 'imagingCentre', credentials: [['CRCR', 'Certified Revenue Cycle Representative', 'HFMA']] },
  { role: 'admin', specialty: 'System administration', unit: 'hospitalLab', credentials: [['CPHIMS', 'Certified Professional in Health Information and Management Systems', 'HIMSS']] },
];

/** Roles that bill or order under their own NPI in the demo. */
const npiRoles = new Set<Role>(['physician', 'nurse', 'radiologist', 'respiratory_therapist', 'imaging_technologist', 'phlebotomist', 'lab']);

/** Demo login name of a role: 'imaging_technologist' -> 'imaging-technologist'. */
export const demoUsername = (role: Role): string => role.replace(/_/g, '-');
/** Demo password of a login (documented in the demo README; for demos only). */
export const demoPassword = (username: string): string => `demo-${username}-2026`;

const emailPart = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');

export function buildStaff(ids: (key: string) => string, rng: Rng, places: PlacesDirectory, epochYear: number): { resources: Resource[]; users: DemoUser[]; directory: StaffDirectory } {
  const resources: Resource[] = [];
  const users: DemoUser[] = [];
  const byRole = Object.fromEntries(roles.map((r) => [r, [] as string[]])) as Record<Role, string[]>;
  const physicians = {} as Record<PhysicianKey, string>;

  staffPlans.forEach((plan, index) => {
    const id = ids(`Practitioner:${index}`);
    const gender = rng.chance(0.5) ? 'female' : 'male';
    const given = rng.pick(gender === 'female' ? femaleGivenNames : maleGivenNames);
    const family = rng.pick(familyNames);
    const isDoctor = plan.credentials.includes(MD);
    const firstOfRole = byRole[plan.role].length === 0;
    const username = demoUsername(plan.role);
    const qualification: PractitionerQualification[] = plan.credentials.map(([code, display, issuer]) => ({
      identifier: [{ value: `${code.replace(/[^A-Z]/g, '')}-${rng.int(100000, 999999)}` }],
      code: { coding: [{ code, display }], text: code },
      period: { start: `${epochYear - rng.int(1, 20)}-0${rng.int(1, 9)}-15` },
      issuer: { display: issuer },
    }));
    const identifier = [
      ...(npiRoles.has(plan.role) ? [{ system: systems.npi, value: npiFromBase('1' + String(rng.int(0, 99_999_999)).padStart(8, '0')) }] : []),
      ...(firstOfRole ? [{ system: systems.username, value: username }] : []),
    ];
    const practitioner: Practitioner = {
      resourceType: 'Practitioner', id, active: true,
      ...(identifier.length > 0 ? { identifier } : {}),
      name: [{ use: 'official', family, given: [given], ...(isDoctor ? { prefix: ['Dr.'] } : {}), suffix: [plan.credentials[0][0]] }],
      telecom: [{ system: 'email', value: `${emailPart(given)}.${emailPart(family)}@riverside.example`, use: 'work' }],
      gender,
      qualification,
    };
    const unit = places.units[plan.unit];
    const role: PractitionerRole = {
      resourceType: 'PractitionerRole', id: ids(`PractitionerRole:${index}`), active: true,
      practitioner: { reference: `Practitioner/${id}`, display: `${given} ${family}` },
      organization: { reference: `Organization/${unit.organizationId}` },
      code: [{ coding: [{ system: systems.alliedRole, code: plan.role }] }],
      specialty: [{ text: plan.specialty }],
      location: [{ reference: `Location/${unit.locationId}` }],
    };
    resources.push(practitioner, role);
    if (firstOfRole) {
      users.push({ username, password: demoPassword(username), role: plan.role, display: `${given} ${family}, ${plan.credentials[0][0]}`, practitionerId: id });
    }
    byRole[plan.role].push(id);
    if (plan.physician) physicians[plan.physician] = id;
  });
  return { resources, users, directory: { physicians, byRole } };
}
