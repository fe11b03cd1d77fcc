/**
 * Which role may use which page, and what each role's navigation shows. The server enforces
 * access on every API call; this table only keeps people away from pages that would fail.
 */
import { roleLabels, roles, worklistRoles, type Role, type WorklistRole } from '../models.js';

export type PageId = 'patients' | 'notices' | 'orders' | 'worklist' | 'collect' | 'dispatch' | 'receiving' | 'interfaces' | 'turnaround' | 'rules' | 'catalogue' | 'audit';

export interface PageAccess {
  title: string;
  path: string;
  roles: readonly Role[];
}

export const pages: Record<PageId, PageAccess> = {
  patients: { title: 'Patients', path: '/patients', roles },
  // Critical values and recollections go to the ordering clinician (server/api/results.ts); an admin watches all.
  notices: { title: 'Notices', path: '/notices', roles: ['physician', 'nurse', 'admin'] },
  // The server lets physicians and admins place orders (policies.ts `mayPlaceOrders`).
  orders: { title: 'Order entry', path: '/orders/new', roles: ['physician', 'admin'] },
  worklist: {
    title: 'Worklist',
    path: '/worklist',
    roles: ['phlebotomist', 'imaging_technologist', 'respiratory_therapist', 'coder', 'lab', 'admin'],
  },
  // Collectors and the receiving desk, as the API allows them (server/api/collection.ts).
  collect: { title: 'Specimen collection', path: '/collect', roles: ['phlebotomist', 'nurse', 'lab', 'admin'] },
  dispatch: { title: 'Dispatch', path: '/dispatch', roles: ['phlebotomist', 'nurse', 'lab', 'admin'] },
  receiving: { title: 'Receiving', path: '/lab/receiving', roles: ['lab', 'admin'] },
  // The HL7 interface desk, as the API allows it (server/api/interfaces.ts).
  interfaces: { title: 'Interfaces', path: '/lab/interfaces', roles: ['lab', 'admin'] },
  turnaround: { title: 'Turnaround', path: '/turnaround', roles: ['lab', 'admin', 'phlebotomist', 'physician', 'nurse'] },
  rules: { title: 'Rules', path: '/settings/rules', roles: ['admin'] },
  catalogue: { title: 'Catalogue', path: '/settings/catalogue', roles: ['admin'] },
  audit: { title: 'Audit log', path: '/audit', roles: ['admin'] },
};

export interface NavItem {
  page: PageId;
  label: string;
  path: string;
}

const performerNav: PageId[] = ['worklist', 'patients'];

const navPages: Record<Role, PageId[]> = {
  physician: ['patients', 'notices', 'orders', 'turnaround'],
  nurse: ['patients', 'notices', 'turnaround'],
  phlebotomist: ['worklist', 'dispatch', 'turnaround', 'patients'],
  imaging_technologist: performerNav,
  respiratory_therapist: performerNav,
  coder: performerNav,
  lab: ['receiving', 'worklist', 'interfaces', 'turnaround'],
  radiologist: ['patients'],
  biller: ['patients'],
  admin: ['patients', 'notices', 'worklist', 'receiving', 'interfaces', 'dispatch', 'turnaround', 'rules', 'catalogue', 'audit'],
};

function navLabel(role: Role, page: PageId): string {
  if (page !== 'worklist') return pages[page].title;
  if (role === 'admin') return 'Worklists';
  if (role === 'lab') return 'Worklist';
  return 'My worklist';
}

export function navFor(role: Role): NavItem[] {
  return navPages[role].map((page) => ({ page, label: navLabel(role, page), path: pages[page].path }));
}

export function canUse(role: Role, page: PageId): boolean {
  return pages[page].roles.includes(role);
}

/** Where a role lands after signing in. */
export function homeFor(role: Role): string {
  return navFor(role)[0]?.path ?? '/patients';
}

export function rolesNeeded(page: PageId): string {
  const names = pages[page].roles.map((r) => roleLabels[r]);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

function isWorklistRole(r: string | null | undefined): r is WorklistRole {
  return !!r && (worklistRoles as readonly string[]).includes(r);
}

/**
 * The worklist a role works from: its own for performers; the lab watches phlebotomy (the
 * collections heading its way); an admin picks any, phlebotomy first.
 */
export function worklistRoleFor(role: Role, requested?: string | null): WorklistRole | null {
  if (role === 'admin') return isWorklistRole(requested) ? requested : 'phlebotomist';
  if (role === 'lab') return 'phlebotomist';
  return isWorklistRole(role) ? role : null;
}
