/** The editor's form state: text as typed, turned into a catalogue entry on save. */
import type { Orderable, OrderableKind, SpecimenHandling } from './models.js';

export interface Draft {
  code: string;
  display: string;
  kind: OrderableKind;
  codingSystem: 'http://loinc.org' | 'http://www.ama-assn.org/go/cpt';
  codingCode: string;
  codingDisplay: string;
  modality: string;
  hasSpecimen: boolean;
  container: string;
  volumeMl: string;
  minVolumeMl: string;
  pediatricVolumeMl: string;
  handling: SpecimenHandling;
  protectFromLight: boolean;
  deliverWithinMinutes: string;
  stabilityMinutes: string;
  fasting: boolean;
  fastingHours: string;
  timing: '' | 'peak' | 'trough' | 'clock';
  /** minutes for a peak or trough; HH:MM for a clock window */
  fromMinutes: string;
  toMinutes: string;
  performingLab: string;
  labTestCode: string;
  defaultDurationMinutes: string;
}

const str = (v: number | undefined) => (v === undefined ? '' : String(v));
const clockOf = (m: number | undefined) => (m === undefined ? '' : `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
/** "07:30" -> 450; "24:00" -> 1440 (a window to midnight); anything else stays as typed for the server to name. */
function minutesOfClock(v: string): number | string {
  const m = /^(\d{1,2}):(\d{2})$/.exec(v.trim());
  return m && Number(m[1]) <= 24 && Number(m[2]) < 60 ? Number(m[1]) * 60 + Number(m[2]) : v;
}

export function draftOf(o: Orderable | null): Draft {
  const s = o?.specimen;
  return {
    code: o?.code ?? '',
    display: o?.display ?? '',
    kind: o?.kind ?? 'lab',
    codingSystem: 'http://loinc.org',
    codingCode: '',
    codingDisplay: '',
    modality: o?.modality ?? '',
    hasSpecimen: o ? !!s : true,
    container: s?.container ?? 'SST_GOLD',
    volumeMl: str(s?.volumeMl),
    minVolumeMl: str(s?.minVolumeMl),
    pediatricVolumeMl: str(s?.pediatricVolumeMl),
    handling: s?.handling ?? 'ambient',
    protectFromLight: s?.protectFromLight ?? false,
    deliverWithinMinutes: str(s?.deliverWithinMinutes),
    stabilityMinutes: str(s?.stabilityMinutes),
    fasting: o?.fasting ?? false,
    fastingHours: str(o?.fastingHours),
    timing: o?.timing?.kind ?? '',
    fromMinutes: o?.timing?.kind === 'clock' ? clockOf(o.timing.fromMinutes) : str(o?.timing?.fromMinutes),
    toMinutes: o?.timing?.kind === 'clock' ? clockOf(o.timing.toMinutes) : str(o?.timing?.toMinutes),
    performingLab: o?.performingLab ?? '',
    labTestCode: o?.labTestCode ?? '',
    defaultDurationMinutes: str(o?.defaultDurationMinutes),
  };
}

/** A number as typed; empty is undefined; anything else unreadable is NaN (the server names the field). */
function num(text: string): number | undefined {
  const t = text.trim().replace(',', '.');
  return t === '' ? undefined : Number(t);
}

/**
 * The entry to send: the draft over the original (whose codings, extra containers and modality the
 * form does not edit). Numbers that do not read as numbers are sent as typed, so the server's answer
 * names the field.
 */
export function entryOf(d: Draft, original: Orderable | null): Orderable {
  const keep = (text: string): number | undefined => {
    const n = num(text);
    return n !== undefined && Number.isNaN(n) ? (text as unknown as number) : n;
  };
  const entry: Orderable = {
    code: d.code.trim(),
    display: d.display.trim(),
    kind: d.kind,
    performerRole: original?.performerRole ?? (d.kind === 'lab' ? 'phlebotomist' : d.kind === 'imaging' ? 'imaging_technologist' : 'respiratory_therapist'),
    coding: original ? original.coding : d.codingCode.trim() ? [{ system: d.codingSystem, code: d.codingCode.trim(), display: d.codingDisplay.trim() }] : [],
    status: original?.status ?? 'active',
  };
  if (original?.modality || d.modality) entry.modality = original?.modality ?? d.modality;
  if (d.hasSpecimen) {
    entry.specimen = { container: d.container, volumeMl: keep(d.volumeMl) as number, handling: d.handling };
    const min = keep(d.minVolumeMl);
    if (min !== undefined) entry.specimen.minVolumeMl = min;
    const ped = keep(d.pediatricVolumeMl);
    if (ped !== undefined) entry.specimen.pediatricVolumeMl = ped;
    if (d.protectFromLight) entry.specimen.protectFromLight = true;
    const deliver = keep(d.deliverWithinMinutes);
    if (deliver !== undefined) entry.specimen.deliverWithinMinutes = deliver;
    const stability = keep(d.stabilityMinutes);
    if (stability !== undefined) entry.specimen.stabilityMinutes = stability;
    if (original?.specimen?.additionalContainers) entry.specimen.additionalContainers = original.specimen.additionalContainers;
  }
  const duration = keep(d.defaultDurationMinutes);
  if (duration !== undefined) entry.defaultDurationMinutes = duration;
  if (d.fasting) {
    entry.fasting = true;
    const hours = keep(d.fastingHours);
    if (hours !== undefined) entry.fastingHours = hours;
  }
  if (d.timing === 'clock') entry.timing = { kind: 'clock', fromMinutes: minutesOfClock(d.fromMinutes) as number, toMinutes: minutesOfClock(d.toMinutes) as number };
  else if (d.timing) entry.timing = { kind: d.timing, fromMinutes: keep(d.fromMinutes) as number, toMinutes: keep(d.toMinutes) as number };
  if (d.performingLab) entry.performingLab = d.performingLab;
  if (d.labTestCode) entry.labTestCode = d.labTestCode;
  return entry;
}
