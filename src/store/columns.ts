import { extractParam } from '../fhir/search/extract.js';
import { columnOf, paramsFor } from '../fhir/search/registry.js';
import { searchColumns } from './schema.js';

/** The search-column names of a type, in a fixed order, and a function giving their values for a resource. */
export interface ColumnPlan {
  names: string[];
  casts: string[];
  values(resource: unknown): unknown[];
}

const plans = new Map<string, ColumnPlan>();

export function columnPlan(resourceType: string): ColumnPlan {
  let plan = plans.get(resourceType);
  if (plan) return plan;
  const cols = searchColumns(resourceType);
  const names = cols.map((c) => c.name);
  const casts = cols.map((c) => c.sqlType);
  const params = paramsFor(resourceType);
  plan = {
    names,
    casts,
    values(resource) {
      const all: Record<string, unknown> = {};
      for (const p of params) Object.assign(all, extractParam(resource, p, columnOf(p)));
      return names.map((n) => all[n] ?? null);
    },
  };
  plans.set(resourceType, plan);
  return plan;
}
