/** The fhir layer's front door: R4 types, code systems, API errors, and resource validation. */
export type * from './types.js';
export * from './systems.js';
export * from './errors.js';
export * from './validation/index.js';
