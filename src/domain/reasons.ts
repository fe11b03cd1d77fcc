/**
 * Why a rule decided what it did, so a clinician can see it and disagree.
 * `code` is stable (UI and audit key); `message` is for people; `value`/`limit` carry the numbers compared.
 */
export interface Reason {
  code: string;
  message: string;
  value?: number | string | boolean | null;
  limit?: number | string;
}

/** The answer of a rule whose Appendix B output is a bare value, together with its reasons. */
export interface Explained<T> {
  value: T;
  reasons: Reason[];
}

export function reason(code: string, message: string, value?: Reason['value'], limit?: Reason['limit']): Reason {
  const r: Reason = { code, message };
  if (value !== undefined) r.value = value;
  if (limit !== undefined) r.limit = limit;
  return r;
}
