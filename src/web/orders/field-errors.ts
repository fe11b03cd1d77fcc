import { ApiError } from '../api.js';

/** The order form's fields, as the API names them. */
export const orderFields = ['patientId', 'orderable', 'priority', 'reasonCode', 'reasonText', 'occurrence', 'locationId', 'note', 'fasting', 'fastingHours'] as const;
export type OrderField = (typeof orderFields)[number];

export interface FormErrors {
  fields: Partial<Record<OrderField, string>>;
  form?: string;
}

/** A 422 names a field, possibly as a path (`body.reasonCode`, `/reasonCode`): put it next to that field. */
export function orderErrors(err: unknown): FormErrors {
  if (!(err instanceof ApiError)) return { fields: {}, form: 'The order could not be placed. Please try again.' };
  const name = err.field?.split(/[./]/).filter(Boolean).pop();
  const field = orderFields.find((f) => f === name);
  if (err.status === 422 && field && field !== 'patientId') return { fields: { [field]: err.message } };
  if (err.status === 403) return { fields: {}, form: `You may not place orders: ${err.message}` };
  return { fields: {}, form: err.message };
}
