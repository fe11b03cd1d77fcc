/** The lab form's state: text as typed, turned into a reference lab on save or preview. */
import type { LabProfile, ReferenceLab } from './models.js';

export const messageTypeLabels: Record<LabProfile['messageType'], string> = {
  'ORM^O01': 'ORM^O01 (general order)',
  'OML^O21': 'OML^O21 (lab order with SPM specimen segments)',
};
export const obr4Labels: Record<LabProfile['obr4'], string> = {
  loinc: 'Our LOINC code',
  local: 'The lab\'s own code',
  'local-with-loinc': 'The lab\'s code, with LOINC as the alternate code',
};
export const processingLabels: Record<NonNullable<LabProfile['processingId']>, string> = { P: 'P: production', T: 'T: training / test system', D: 'D: debugging' };
export const segmentLabels: { key: 'pv1' | 'in1' | 'dg1' | 'nte' | 'spm'; label: string }[] = [
  { key: 'pv1', label: 'PV1: visit (patient class, location)' },
  { key: 'in1', label: 'IN1: insurance' },
  { key: 'dg1', label: 'DG1: diagnoses (reasons for the test)' },
  { key: 'nte', label: 'NTE: order notes' },
  { key: 'spm', label: 'SPM: specimen (OML only)' },
];
/** OBX-8 flags every lab's results are critical with (interop/hl7v2 DEFAULT_CRITICAL_FLAGS). */
export const alwaysCriticalFlags = ['HH', 'LL', 'AA'];

export interface CodeRow {
  /** our code, as the order carries it (the catalogue test's LOINC) */
  ours: string;
  code: string;
  display: string;
  system: string;
}

export interface LabDraft {
  id: string;
  name: string;
  host: string;
  port: string;
  organizationId: string;
  ackTimeoutMs: string;
  maxAttempts: string;
  messageType: LabProfile['messageType'];
  /** MSH-3..6 as typed: components joined with ^ */
  sendingApplication: string;
  sendingFacility: string;
  receivingApplication: string;
  receivingFacility: string;
  processingId: NonNullable<LabProfile['processingId']>;
  segments: Record<'pv1' | 'in1' | 'dg1' | 'nte' | 'spm', boolean>;
  placerPrefix: string;
  placerPadTo: string;
  placerNamespace: string;
  placerUniversalId: string;
  placerUniversalIdType: string;
  obr4: LabProfile['obr4'];
  testCodes: CodeRow[];
  criticalFlags: string[];
}

const str = (v: number | undefined) => (v === undefined ? '' : String(v));

export function draftOf(lab: ReferenceLab | null): LabDraft {
  const p = lab?.profile;
  const f = p?.placerNumber;
  return {
    id: lab?.id ?? '',
    name: lab?.name ?? '',
    host: lab?.host ?? '',
    port: str(lab?.port),
    organizationId: lab?.organizationId ?? '',
    ackTimeoutMs: str(lab?.ackTimeoutMs),
    maxAttempts: str(lab?.maxAttempts),
    messageType: p?.messageType ?? 'ORM^O01',
    sendingApplication: (p?.sendingApplication ?? ['ALLIED']).join('^'),
    sendingFacility: (p?.sendingFacility ?? ['ALLIED']).join('^'),
    receivingApplication: (p?.receivingApplication ?? ['']).join('^'),
    receivingFacility: (p?.receivingFacility ?? ['']).join('^'),
    processingId: p?.processingId ?? 'P',
    segments: p
      ? { pv1: !!p.segments.pv1, in1: !!p.segments.in1, dg1: !!p.segments.dg1, nte: !!p.segments.nte, spm: p.segments.spm !== false }
      : { pv1: true, in1: true, dg1: true, nte: true, spm: true },
    placerPrefix: f?.prefix ?? '',
    placerPadTo: str(f?.padTo),
    placerNamespace: f?.namespace ?? '',
    placerUniversalId: f?.universalId ?? '',
    placerUniversalIdType: f?.universalIdType ?? '',
    obr4: p?.obr4 ?? 'loinc',
    testCodes: Object.entries(p?.testCodes ?? {}).map(([ours, c]) => ({ ours, code: c.code, display: c.display ?? '', system: c.system ?? '' })),
    criticalFlags: p?.criticalFlags ?? [],
  };
}

/** A number as typed; empty is undefined; anything unreadable is sent as typed so the server names the field. */
function num(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  return /^-?\d+$/.test(t) ? Number(t) : (t as unknown as number);
}

/** "LABCORP^12D3456789^CLIA" -> its components (MSH-4 as a lab's spec writes it). */
export const components = (text: string) => text.split('^').map((c) => c.trim());

/** An id from a lab's name for a new lab: "Tri-County Reference Lab" -> "tri-county-reference-lab". */
export const idFromName = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 32).replace(/-+$/, '');

export function labOf(d: LabDraft, original: ReferenceLab | null): ReferenceLab {
  const placerNumber: NonNullable<LabProfile['placerNumber']> = {};
  if (d.placerPrefix.trim()) placerNumber.prefix = d.placerPrefix.trim();
  const pad = num(d.placerPadTo);
  if (pad !== undefined) placerNumber.padTo = pad;
  if (d.placerNamespace.trim()) placerNumber.namespace = d.placerNamespace.trim();
  if (d.placerUniversalId.trim()) placerNumber.universalId = d.placerUniversalId.trim();
  if (d.placerUniversalIdType.trim()) placerNumber.universalIdType = d.placerUniversalIdType.trim();
  const rows = d.testCodes.filter((r) => r.ours || r.code.trim() || r.display.trim());
  const profile: LabProfile = {
    id: original?.profile.id ?? d.id.trim(),
    messageType: d.messageType,
    sendingApplication: components(d.sendingApplication),
    sendingFacility: components(d.sendingFacility),
    receivingApplication: components(d.receivingApplication),
    receivingFacility: components(d.receivingFacility),
    processingId: d.processingId,
    segments: { pv1: d.segments.pv1, in1: d.segments.in1, dg1: d.segments.dg1, nte: d.segments.nte, ...(d.messageType === 'OML^O21' ? { spm: d.segments.spm } : {}) },
    obr4: d.obr4,
  };
  if (Object.keys(placerNumber).length) profile.placerNumber = placerNumber;
  if (rows.length) profile.testCodes = Object.fromEntries(rows.map((r) => [r.ours, { code: r.code.trim(), ...(r.display.trim() ? { display: r.display.trim() } : {}), ...(r.system.trim() ? { system: r.system.trim() } : {}) }]));
  if (d.criticalFlags.length) profile.criticalFlags = d.criticalFlags;
  const lab: ReferenceLab = { id: d.id.trim(), name: d.name.trim(), host: d.host.trim(), port: num(d.port) as number, profile };
  if (d.organizationId.trim()) lab.organizationId = d.organizationId.trim();
  const ack = num(d.ackTimeoutMs);
  if (ack !== undefined) lab.ackTimeoutMs = ack;
  const attempts = num(d.maxAttempts);
  if (attempts !== undefined) lab.maxAttempts = attempts;
  return lab;
}

/** Our test codes mapped twice in the table (the second would silently win). */
export function mappedTwice(rows: CodeRow[]): string | undefined {
  const ours = rows.map((r) => r.ours).filter(Boolean);
  return ours.find((c, i) => ours.indexOf(c) !== i);
}

/**
 * The form element for a server error's field: `[2].profile.testCodes["3016-3"].code` ->
 * `lab-testcode-<row>-code`, `[0].profile.sendingFacility[1]` -> `lab-profile-sendingFacility`.
 */
export function inputIdOf(field: string | undefined, rows: CodeRow[]): string | undefined {
  if (!field) return undefined;
  const path = field.replace(/^\[\d+\]\.?/, '');
  const code = /^profile\.testCodes\["(.*)"\](?:\.(code|display|system))?$/.exec(path);
  if (code) {
    const row = rows.findIndex((r) => r.ours === code[1]);
    return row < 0 ? 'lab-profile-testCodes' : `lab-testcode-${row}-${code[2] ?? 'ours'}`;
  }
  if (path.startsWith('profile.segments')) return 'lab-profile-segments';
  if (path === 'performingLab') return undefined;
  return `lab-${path.replace(/\[\d+\]/g, '').replace(/\./g, '-')}`;
}
