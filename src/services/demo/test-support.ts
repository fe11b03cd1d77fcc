import type { Resource } from '@medplum/fhirtypes';

/** Every `reference` string inside a resource, with the path where it was found. */
export function referencesIn(value: unknown, path = ''): { path: string; reference: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => referencesIn(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) =>
    k === 'reference' && typeof v === 'string' ? [{ path: `${path}.${k}`, reference: v }] : referencesIn(v, path ? `${path}.${k}` : k),
  );
}

export const keyOf = (r: Resource): string => `${r.resourceType}/${r.id}`;

/** Whole years (or days) between a birth date and an instant, as a registrar would count them. */
export function ageAt(birthDate: string, instant: string): { years: number; days: number } {
  const born = Date.parse(`${birthDate}T00:00:00Z`);
  const at = Date.parse(instant);
  const b = new Date(born);
  const a = new Date(at);
  let years = a.getUTCFullYear() - b.getUTCFullYear();
  if (a.getUTCMonth() < b.getUTCMonth() || (a.getUTCMonth() === b.getUTCMonth() && a.getUTCDate() < b.getUTCDate())) years--;
  return { years, days: Math.floor((at - born) / 86_400_000) };
}
