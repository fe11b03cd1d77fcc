import { ServiceError } from '../errors.js';

export const labelErrorCodes = [
  /** The text is not shaped like an accession number or container id. */
  'accession-format',
  /** The shape is right but the check digits disagree: a mistyped or swapped character. */
  'accession-check',
  'container-format',
  'container-check',
  /** A required label element (DOMAIN.md A.6) is absent: the label is not printed. */
  'label-incomplete',
  /** Any other bad input (copies out of range, unknown time zone, unreadable date). */
  'invalid',
] as const;
export type LabelErrorCode = (typeof labelErrorCodes)[number];

/**
 * Why a label or an identifier was refused. `field` names the input at fault; `missing` lists the
 * absent A.6 elements for 'label-incomplete'. Status 422: the request was understood but unusable.
 */
export class LabelError extends ServiceError {
  constructor(
    override readonly code: LabelErrorCode,
    message: string,
    field: string,
    readonly missing: readonly string[] = [],
  ) {
    super(code, message, field, 422);
    this.name = 'LabelError';
  }
}

/** A parse result: the parts, or the error a person can act on (never both). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: LabelError };
