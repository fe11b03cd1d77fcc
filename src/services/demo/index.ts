/** The deterministic demo organisation: Riverside General Hospital, its neighbours, staff and patients. */
export { DEMO_DEFAULT_PATIENTS, DEMO_DEFAULT_SEED, DEMO_EPOCH } from './constants.js';
export type { DemoOrganisation, DemoOrganisationOptions, DemoPatientsOptions, DemoUser } from './models.js';
export { demoOrganisation } from './organisation.js';
export { demoPatients } from './patients.js';
export { isValidNpi } from './npi.js';
