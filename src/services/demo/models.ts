import type { Resource } from '@medplum/fhirtypes';
import type { Role } from '../../fhir/systems.js';

/** One demo login: a user account tied to a Practitioner of the demo organisation. */
export interface DemoUser {
  username: string;
  password: string;
  role: Role;
  display: string;
  practitionerId: string;
}

export interface DemoOrganisationOptions {
  tenant: string;
  /** PRNG seed; the same tenant and seed always give the same output. Default 1. */
  seed?: number;
  /** The demo's "now" (ISO-8601 instant); all times are relative to it. Default DEMO_EPOCH. */
  epoch?: string;
}

export interface DemoPatientsOptions extends DemoOrganisationOptions {
  count: number;
  /** Index of the first patient (to generate in batches). Default 0. */
  start?: number;
}

export interface DemoOrganisation {
  resources: Resource[];
  users: DemoUser[];
}
