/** Short texts for catalogue entries, shared by the editor and the order form. */

interface SpecimenLike {
  container: string;
  volumeMl: number;
  minVolumeMl?: number;
  handling?: string;
  protectFromLight?: boolean;
  deliverWithinMinutes?: number;
}

interface EntryLike {
  specimen?: SpecimenLike;
  fasting?: boolean;
  fastingHours?: number;
  timing?: { kind: 'peak' | 'trough' | 'clock'; fromMinutes: number; toMinutes: number };
}

const mlText = (v: number) => `${Number(v.toFixed(2))} mL`;

/** "sst gold 2 mL (min 1 mL), on ice, fasting 8 h": what the draw needs, at a glance (`containerName` names the tube). */
export function specimenSummary(item: EntryLike, containerName?: (code: string) => string | undefined): string {
  const parts: string[] = [];
  const s = item.specimen;
  if (s) {
    parts.push(`${containerName?.(s.container) ?? s.container.replace(/_/g, ' ').toLowerCase()} ${mlText(s.volumeMl)}${s.minVolumeMl !== undefined ? ` (min ${mlText(s.minVolumeMl)})` : ''}`);
    if (s.handling === 'on_ice') parts.push('on ice');
    if (s.handling === 'refrigerated') parts.push('refrigerated');
    if (s.protectFromLight) parts.push('protect from light');
    if (s.deliverWithinMinutes) parts.push(`deliver within ${s.deliverWithinMinutes} min`);
  }
  if (item.fasting) parts.push(item.fastingHours ? `fasting ${item.fastingHours} h` : 'fasting');
  if (item.timing) parts.push(timingSummary(item.timing));
  return parts.join(', ');
}

const clock = (m: number) => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** "trough 30-0 min before the dose" / "peak 30-60 min after the infusion" / "drawn 07:00-09:00". */
export function timingSummary(t: { kind: 'peak' | 'trough' | 'clock'; fromMinutes: number; toMinutes: number }): string {
  if (t.kind === 'clock') return `drawn ${clock(t.fromMinutes)}-${clock(t.toMinutes)}`;
  return t.kind === 'trough' ? `trough ${-t.fromMinutes}-${-t.toMinutes} min before the dose` : `peak ${t.fromMinutes}-${t.toMinutes} min after the infusion`;
}

/** The server's field path ("specimen.volumeMl", "[3].code") as the editor's input id. */
export function inputIdOf(field: string | undefined): string | undefined {
  if (!field) return undefined;
  return `cat-${field.replace(/^\[\d+\]\.?/, '').replace(/[.[\]]+/g, '-').replace(/-$/, '')}`;
}
