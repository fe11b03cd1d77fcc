/** The app API's shapes, as docs/api.md describes them. */
import type { PlaceOrderInput } from '../services/orders/place-order.js';

export const roles = [
  'physician', 'nurse', 'phlebotomist', 'lab', 'imaging_technologist', 'radiologist',
  'respiratory_therapist', 'coder', 'biller', 'admin',
] as const;
export type Role = (typeof roles)[number];

/** Roles whose worklists receive tasks (an admin may look at any of them). */
export const worklistRoles = ['phlebotomist', 'imaging_technologist', 'respiratory_therapist', 'coder'] as const;
export type WorklistRole = (typeof worklistRoles)[number];

export const roleLabels: Record<Role, string> = {
  physician: 'Physician',
  nurse: 'Nurse',
  phlebotomist: 'Phlebotomist',
  lab: 'Laboratory',
  imaging_technologist: 'Imaging technologist',
  radiologist: 'Radiologist',
  respiratory_therapist: 'Respiratory therapist',
  coder: 'Medical coder',
  biller: 'Biller',
  admin: 'Administrator',
};

export interface User {
  id: string;
  username: string;
  display: string;
  role: Role;
  tenant: string;
  tenantName: string;
  practitionerId: string | null;
}

export interface Session {
  user: User;
  csrfToken: string;
}

export interface PatientSummary {
  id: string;
  name: string;
  mrn: string | null;
  birthDate: string | null;
  gender: string | null;
}

export interface Allergy {
  text: string;
  criticality?: string | null;
}

export interface CoverageSummary {
  payer: string;
  memberId: string | null;
  plan?: string | null;
  status?: string | null;
}

export interface PatientBanner extends PatientSummary {
  age: number | string | null;
  allergies: Allergy[];
  coverage: CoverageSummary[];
  encounter?: { id: string; class?: string | null; location?: string | null } | null;
  /** False when the user's role may not read allergies: then "none" is unknown, not "no known allergies". */
  allergiesVisible?: boolean;
  /** False when the user's role may not read coverage. */
  coverageVisible?: boolean;
}

export type Priority = 'routine' | 'urgent' | 'asap' | 'stat';
export const priorities: readonly Priority[] = ['routine', 'urgent', 'asap', 'stat'];

export interface OrderTaskSummary {
  id: string;
  status: string;
  role: string | null;
}

export interface OrderSummary {
  id: string;
  code: string | null;
  display: string | null;
  priority: Priority | string;
  status: string;
  authoredOn: string | null;
  tasks: OrderTaskSummary[];
}

export type OrderableKind = 'lab' | 'imaging' | 'respiratory';

export interface CatalogueItem {
  code: string;
  display: string;
  kind: OrderableKind;
  performerRole: string;
  /** What is collected (docs/api.md "Test catalogue"); the order form shows it. */
  specimen?: { container: string; volumeMl: number; minVolumeMl?: number; handling?: string; protectFromLight?: boolean; deliverWithinMinutes?: number };
  fasting?: boolean;
  fastingHours?: number;
  timing?: { kind: 'peak' | 'trough'; fromMinutes: number; toMinutes: number };
}

export interface LocationSummary {
  id: string;
  name: string;
  type?: string | null;
}

/** What order entry sends: the server's input (fasting hours as typed when not a number, for the server to name the problem). */
export type NewOrder = Omit<PlaceOrderInput, 'fastingHours'> & { fastingHours?: number | string };

export interface WorklistItem {
  taskId: string;
  version: number;
  status: string;
  priority: Priority | string;
  due: string | null;
  role: string | null;
  description: string;
  orderId: string | null;
  orderCode: string | null;
  orderDisplay: string | null;
  patient: PatientSummary | null;
  location?: { id: string; name: string } | null;
  owner?: { id: string; display: string } | null;
  statusReason?: string | null;
}

export interface PlacedOrder {
  serviceRequest: { id: string; status?: string; priority?: string; code?: { text?: string; coding?: { code?: string; display?: string }[] }; authoredOn?: string };
  tasks: WorklistItem[];
}

export interface AuditEvent {
  seq: number;
  recorded: string;
  username: string | null;
  role: string | null;
  operation: string;
  action: string | null;
  resourceType: string | null;
  resourceId: string | null;
  patient: string | null;
  outcome: string | null;
  source: string | null;
  query: string | null;
}

export interface AuditQuery {
  username?: string;
  patient?: string;
  operation?: string;
  resourceType?: string;
  from?: string;
  to?: string;
  offset?: number;
  limit?: number;
}
