/** Turns validation issues into the R4 OperationOutcome (and the API error) a bad write is answered with. */
import type { OperationOutcome } from '@medplum/fhirtypes';
import { FhirError } from '../errors.js';
import type { ValidateOptions, ValidationIssue } from './models.js';
import { validateResource } from './validate.js';

export function operationOutcome(issues: ValidationIssue[]): OperationOutcome {
  if (issues.length === 0) {
    return { resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'informational', diagnostics: 'no issues found' }] };
  }
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((i) => ({ severity: i.severity, code: i.code, diagnostics: i.message, expression: [i.expression] })),
  };
}

/** True when any issue is an error (warnings alone do not block a write). */
export const hasErrors = (issues: ValidationIssue[]) => issues.some((i) => i.severity === 'error');

/**
 * For the write path: throws a FhirError (HTTP 400, as R4 prescribes for "failed basic FHIR validation rules")
 * carrying every issue, when the resource has errors.
 */
export function assertValidResource(resource: unknown, options: ValidateOptions = {}): void {
  const issues = validateResource(resource, options);
  if (!hasErrors(issues)) return;
  throw new FhirError(
    400,
    issues.map((i) => ({ severity: i.severity, code: i.code, diagnostics: i.message, expression: [i.expression] })),
  );
}
