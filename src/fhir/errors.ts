import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';

export type IssueCode = OperationOutcomeIssue['code'];

export interface Issue {
  severity: 'fatal' | 'error' | 'warning' | 'information';
  code: IssueCode;
  diagnostics: string;
  /** FHIRPath of the element at fault */
  expression?: string[];
}

/** An error the FHIR API answers with an HTTP status and an OperationOutcome. */
export class FhirError extends Error {
  constructor(
    readonly status: number,
    readonly issues: Issue[],
  ) {
    super(issues.map((i) => (i.expression?.length ? `${i.expression.join(', ')}: ${i.diagnostics}` : i.diagnostics)).join('; '));
    this.name = 'FhirError';
  }

  toOperationOutcome(): OperationOutcome {
    return { resourceType: 'OperationOutcome', issue: this.issues.map((i) => ({ ...i })) };
  }
}

const one = (status: number, code: IssueCode, diagnostics: string, expression?: string) =>
  new FhirError(status, [{ severity: 'error', code, diagnostics, ...(expression ? { expression: [expression] } : {}) }]);

export const badRequest = (message: string, expression?: string) => one(400, 'invalid', message, expression);
export const notFound = (type: string, id: string) => one(404, 'not-found', `${type}/${id} was not found`);
export const gone = (type: string, id: string) => one(410, 'deleted', `${type}/${id} has been deleted`);
export const conflict = (message: string) => one(409, 'conflict', message);
export const preconditionFailed = (message: string) => one(412, 'conflict', message);
export const forbidden = (message: string) => one(403, 'forbidden', message);
export const unprocessable = (issues: Issue[]) => new FhirError(422, issues);

export function outcomeOk(message: string): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'informational', diagnostics: message }] };
}
