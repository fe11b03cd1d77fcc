/**
 * The one error the domain library throws: the caller gave input the rules cannot use.
 * `field` names the input property (dotted path, e.g. `containers[2]` or `config.phlebotomy.tests.CBC`),
 * `expected` says in plain words what would have been accepted.
 */
export class DomainInputError extends Error {
  readonly code = 'DOMAIN_INPUT_INVALID';
  readonly field: string;
  readonly expected: string;
  readonly received: string;

  constructor(field: string, expected: string, received?: unknown) {
    const got = describeValue(received);
    super(`${field}: expected ${expected}, got ${got}`);
    this.name = 'DomainInputError';
    this.field = field;
    this.expected = expected;
    this.received = got;
  }

  toJSON(): { code: string; field: string; expected: string; received: string; message: string } {
    return { code: this.code, field: this.field, expected: this.expected, received: this.received, message: this.message };
  }
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (field missing)';
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return typeof value;
}
