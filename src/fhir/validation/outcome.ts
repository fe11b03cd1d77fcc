/** Turns validation issues into the R4 OperationOutcome the REST API returns with 400/422. */
import type { OperationOutcome } from '@medplum/fhirtypes';
import type { ValidationIssue } from './models.js';

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
