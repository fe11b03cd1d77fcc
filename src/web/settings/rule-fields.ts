/**
 * The phlebotomy rules an administrator may change here: simple numbers and switches of the
 * organisation's configuration (DOMAIN.md A; the tables stay in the CLI). A path is the key path
 * under the configuration, as the API names it in errors (`config.phlebotomy.citrateMinFillPct`).
 */
export interface RuleField {
  path: readonly string[];
  label: string;
  kind: 'number' | 'boolean';
  unit?: string;
  hint: string;
}

export const ruleFields: readonly RuleField[] = [
  { path: ['phlebotomy', 'citrateMinFillPct'], label: 'Citrate tube minimum fill', kind: 'number', unit: '%', hint: 'CLSI H21 keeps 90 % unless the lab has validated a lower fill (A.2).' },
  { path: ['phlebotomy', 'shareAcrossSections'], label: 'One tube may serve two lab sections', kind: 'boolean', hint: 'E.g. CBC (haematology) and HbA1c (chemistry) in one lavender tube (A.4 rule 2).' },
  { path: ['phlebotomy', 'rejectIncompleteLabel'], label: 'Reject specimens with an incomplete label', kind: 'boolean', hint: 'Off: the collector may correct a missing time or collector id instead (A.7).' },
  { path: ['phlebotomy', 'troughWindowMinutes'], label: 'Trough window before the next dose', kind: 'number', unit: 'min', hint: 'A trough is drawn within this many minutes before the dose (A.8).' },
  { path: ['phlebotomy', 'pediatric', 'pct24h'], label: 'Paediatric blood draw limit, 24 h', kind: 'number', unit: '% of blood volume', hint: 'Share of the child\'s blood volume drawn in any 24 h; DOMAIN.md seeds 3 % (A.5).' },
  { path: ['phlebotomy', 'pediatric', 'pct30d'], label: 'Paediatric blood draw limit, 30 days', kind: 'number', unit: '% of blood volume', hint: 'Share drawn in any 30 days; DOMAIN.md seeds 10 % (A.5).' },
];

export const fieldKey = (f: RuleField) => f.path.join('.');

export function valueAt(obj: unknown, path: readonly string[]): unknown {
  let node = obj;
  for (const k of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[k];
  }
  return node;
}

/** `obj` with `value` at `path` (copies along the way); `undefined` removes the key and empty parents. */
export function withValueAt(obj: unknown, path: readonly string[], value: unknown): Record<string, unknown> {
  const base = obj && typeof obj === 'object' && !Array.isArray(obj) ? { ...(obj as Record<string, unknown>) } : {};
  const [head, ...rest] = path;
  if (rest.length === 0) {
    if (value === undefined) delete base[head];
    else base[head] = value;
    return base;
  }
  const child = withValueAt(base[head], rest, value);
  if (Object.keys(child).length === 0) delete base[head];
  else base[head] = child;
  return base;
}

/** An error message without the configuration path it starts with (the field already says where). */
export function messageAtField(message: string): string {
  const m = message.replace(/^config(\.[\w[\]]+)+:\s*/, '');
  return m.charAt(0).toUpperCase() + m.slice(1);
}

/** Which field an API error names (`config.phlebotomy.pediatric.pct24h`, `phlebotomy.x`, `/phlebotomy/x`). */
export function fieldOfError(field: string | undefined): string | undefined {
  if (!field) return undefined;
  const key = field.split(/[./[\]]/).filter(Boolean).filter((p, i) => !(i === 0 && p === 'config')).join('.');
  return ruleFields.find((f) => fieldKey(f) === key)?.path.join('.');
}
