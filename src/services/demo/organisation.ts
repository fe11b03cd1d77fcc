import type { Resource } from '@medplum/fhirtypes';
import { DEMO_DEFAULT_SEED, DEMO_EPOCH } from './constants.js';
import type { DemoOrganisation, DemoOrganisationOptions } from './models.js';
import { buildPlaces } from './places.js';
import type { PlacesDirectory } from './places.js';
import { createRng, hash32, idFactory } from './random.js';
import { buildStaff } from './staff.js';
import type { StaffDirectory } from './staff.js';

/** What the patient generator needs to know about the organisation: ids of places, staff, payers. */
export interface DemoDirectory {
  places: PlacesDirectory;
  staff: StaffDirectory;
  ids: (key: string) => string;
  epochMs: number;
  tenant: string;
  seed: number;
}

/** Parse the demo epoch; a bad value is the caller's mistake, so say which. */
export function parseEpoch(epoch: string | undefined): number {
  const ms = Date.parse(epoch ?? DEMO_EPOCH);
  if (Number.isNaN(ms)) throw new Error(`demo epoch is not an ISO-8601 instant: "${epoch}"`);
  return ms;
}

export function buildDemoOrganisation(opts: DemoOrganisationOptions): DemoOrganisation & { directory: DemoDirectory } {
  const seed = opts.seed ?? DEMO_DEFAULT_SEED;
  const epochMs = parseEpoch(opts.epoch);
  const ids = idFactory(opts.tenant, seed);
  const stream = (name: string) => createRng(hash32(`${opts.tenant}|${seed}|${name}`));
  const places = buildPlaces(ids, stream('places'));
  const staff = buildStaff(ids, stream('staff'), places.directory, new Date(epochMs).getUTCFullYear());
  const resources: Resource[] = [...places.resources, ...staff.resources];
  return {
    resources,
    users: staff.users,
    directory: { places: places.directory, staff: staff.directory, ids, epochMs, tenant: opts.tenant, seed },
  };
}

/**
 * The fixed part of the demo: Riverside General Hospital with its wards, an outpatient imaging
 * centre, a medical practice, a reference lab, two payers, their places, staff and demo logins.
 * Same tenant and seed, same output, byte for byte.
 */
export function demoOrganisation(opts: DemoOrganisationOptions): DemoOrganisation {
  const { resources, users } = buildDemoOrganisation(opts);
  return { resources, users };
}
