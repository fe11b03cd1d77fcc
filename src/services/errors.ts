/** A use-case error a person can act on: a code, a message, and the input field at fault. */
export class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly status = code === 'invalid' || code === 'illegal-transition' || code === 'reason-required' || code === 'unknown-status' ? 422 : code === 'conflict' ? 409 : code === 'forbidden' ? 403 : code === 'not-found' ? 404 : 400,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}
