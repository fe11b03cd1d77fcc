import { containerCatalogue, labelMissingElements, resolveDomainConfig, type ContainerSpec, type Handling, type LabelElement } from '../../domain/index.js';
import { displayContainerId, parseContainerId } from './accession.js';
import { LabelError } from './errors.js';
import { textLimits, truncateMarked } from './layout.js';
import type { ContainerLabel, ContainerLabelInput, ContainerLabelOptions, LabelPriority } from './models.js';

/*
 * The label model: what goes on a specimen container's label (DOMAIN.md A.6), formatted once so
 * every renderer prints the same words. A label missing a required element is refused, never
 * printed incomplete: the collector must supply it at the bedside.
 */

/** DEFAULT labels per tube (DOMAIN.md A.6); the site may raise it. */
export const DEFAULT_LABEL_COPIES = 1;
/** CLSI AUTO02: no more than three labels on a tube (DOMAIN.md A.6). */
export const MAX_LABEL_COPIES = 3;

/** Short names for the seed containers (A.2); site containers fall back to cap colour + code. */
export const containerShortNames: Readonly<Record<string, string>> = {
  BC_AEROBIC: 'BC AEROBIC BOTTLE',
  BC_ANAEROBIC: 'BC ANAEROBIC BOTTLE',
  CITRATE_LT_BLUE: 'LT BLUE CITRATE',
  SERUM_RED: 'RED SERUM',
  SST_GOLD: 'GOLD SST',
  HEP_DK_GREEN: 'DK GREEN HEPARIN',
  PST_LT_GREEN: 'LT GREEN PST',
  EDTA_LAVENDER: 'LAVENDER EDTA',
  EDTA_PINK: 'PINK EDTA BLOOD BANK',
  FLUORIDE_GRAY: 'GREY FLUORIDE',
};

/** What the handling codes (A.3) say on the label; ambient says nothing. */
export const handlingTexts: Readonly<Record<Handling, string | null>> = {
  ambient: null,
  on_ice: 'ON ICE',
  protect_from_light: 'PROTECT FROM LIGHT',
  body_temperature: 'KEEP AT 37°C',
};

const elementNames: Readonly<Record<LabelElement, string>> = {
  patientName: 'patient name',
  secondIdentifier: 'second identifier (MRN or date of birth)',
  specimenId: 'container id',
  collectionDateTime: 'collection date/time',
  collectorId: 'collector id',
};

const blank = (s: string | null | undefined): boolean => s === null || s === undefined || s.trim() === '';
const squash = (s: string): string => s.trim().replace(/\s+/g, ' ');

/** "LAST, FIRST M" in capitals, cut with '+' at the name line's limit; null without a family name. */
export function formatPatientName(name: ContainerLabelInput['patient']['name']): string | null {
  if (!name || blank(name.family)) return null;
  const family = squash(name.family!).toUpperCase();
  const given = (name.given ?? []).filter((g) => !blank(g)).map((g) => squash(g).toUpperCase());
  const first = given[0] ? `, ${given[0]}` : '';
  const middle = given[1] ? ` ${Array.from(given[1])[0]}` : '';
  return truncateMarked(family + first + middle, textLimits.patientName);
}

/** "YYYY-MM-DD HH:mm" in `timeZone`, or as written in the ISO string when no zone is given. */
export function collectionWallTime(iso: string, timeZone?: string): string {
  const written = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})/.exec(iso.trim());
  const instant = Date.parse(iso);
  if (!written || Number.isNaN(instant)) throw new LabelError('invalid', `collectedAt must be an ISO 8601 date-time, got ${JSON.stringify(iso)}`, 'collectedAt');
  if (!timeZone) return `${written[1]} ${written[2]}:${written[3]}`;
  let parts: Intl.DateTimeFormatPart[];
  try {
    const f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    parts = f.formatToParts(new Date(instant));
  } catch {
    throw new LabelError('invalid', `Unknown time zone ${JSON.stringify(timeZone)}`, 'timeZone');
  }
  const p = (t: string): string => parts.find((x) => x.type === t)?.value ?? '';
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}`;
}

/** Age on the collection date: "45Y" from two years, "18M" under two, "12D" under a month. */
export function ageOn(birthDate: string, onDate: string): string | null {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [cy, cm, cd] = onDate.split('-').map(Number);
  const months = (cy - by) * 12 + (cm - bm) - (cd < bd ? 1 : 0);
  if (months < 0) return null;
  if (months >= 24) return `${Math.floor(months / 12)}Y`;
  if (months >= 1) return `${months}M`;
  const days = Math.round((Date.UTC(cy, cm - 1, cd) - Date.UTC(by, bm - 1, bd)) / 86_400_000);
  return `${days}D`;
}

const SEX: Readonly<Record<string, ContainerLabel['sex']>> = { male: 'M', female: 'F', other: 'O', unknown: 'U' };
const PRIORITIES: readonly LabelPriority[] = ['routine', 'urgent', 'asap', 'stat'];

function testsText(tests: readonly string[]): string {
  const names = tests.map(squash).filter((t) => t !== '');
  let text = '';
  for (let i = 0; i < names.length; i++) {
    const next = text ? `${text}, ${names[i]}` : names[i];
    const rest = names.length - i - 1;
    if (next.length + (rest ? ` +${rest}`.length : 0) > textLimits.tests) return text ? `${text} +${names.length - i}` : truncateMarked(names[i], textLimits.tests);
    text = next;
  }
  return text;
}

function copiesOf(input: ContainerLabelInput, options: ContainerLabelOptions): number {
  const copies = input.copies ?? options.defaultCopies ?? DEFAULT_LABEL_COPIES;
  if (!Number.isInteger(copies) || copies < 1 || copies > MAX_LABEL_COPIES) {
    throw new LabelError('invalid', `Labels per tube must be a whole number from 1 to ${MAX_LABEL_COPIES} (CLSI AUTO02), got ${copies}`, 'copies');
  }
  return copies;
}

function containerText(code: string, options: ContainerLabelOptions): string {
  const catalogue: Readonly<Record<string, ContainerSpec>> = { ...resolveDomainConfig(options.domainConfig).phlebotomy.containers, ...options.containers };
  const spec = catalogue[code] ?? containerCatalogue[code];
  if (!spec) throw new LabelError('invalid', `Unknown container ${JSON.stringify(code)}: not in the container catalogue`, 'container');
  return containerShortNames[code] ?? `${spec.capColorBD.split('/')[0].trim().toUpperCase()} ${code}`;
}

/**
 * The label for one container, or a LabelError: 'label-incomplete' (with `missing`, the A.6
 * element names) when a required element is absent, otherwise the field at fault.
 */
export function buildContainerLabel(input: ContainerLabelInput, options: ContainerLabelOptions = {}): ContainerLabel {
  const { patient } = input;
  const patientName = formatPatientName(patient.name);
  const collectedAt = blank(input.collectedAt) ? null : collectionWallTime(input.collectedAt!, options.timeZone);
  const missing = labelMissingElements({
    label: {
      patientName,
      dateOfBirth: patient.birthDate ?? null,
      mrn: patient.mrn ?? null,
      specimenId: input.containerId ?? null,
      collectionDateTime: collectedAt,
      collectorId: input.collectorId ?? null,
    },
    config: options.domainConfig,
  });
  if (missing.length) {
    throw new LabelError('label-incomplete', `Label not printed: it lacks ${missing.map((m) => elementNames[m]).join(', ')} (${missing.join(', ')})`, 'label', missing);
  }
  const parsed = parseContainerId(input.containerId!);
  if (!parsed.ok) throw parsed.error;

  const birthDate = blank(patient.birthDate) ? null : patient.birthDate!.trim();
  if (birthDate !== null && (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate) || Number.isNaN(Date.parse(birthDate)))) {
    throw new LabelError('invalid', `birthDate must be YYYY-MM-DD, got ${JSON.stringify(birthDate)}`, 'patient.birthDate');
  }
  const priority = input.priority ?? 'routine';
  if (!PRIORITIES.includes(priority)) throw new LabelError('invalid', `priority must be one of ${PRIORITIES.join(', ')}, got ${JSON.stringify(priority)}`, 'priority');
  const handling = input.handling === null || input.handling === undefined ? [] : typeof input.handling === 'string' ? [input.handling] : [...input.handling];
  const handlingText = [...new Set(handling.map((h) => handlingTexts[h] ?? null).filter((t): t is string => t !== null))];

  const mrn = blank(patient.mrn) ? null : squash(patient.mrn!);
  const age = birthDate && collectedAt ? ageOn(birthDate, collectedAt.slice(0, 10)) : null;
  const sex = patient.gender ? (SEX[patient.gender] ?? null) : null;
  // Both are required by default; an organisation that drops them from its A.6 set prints the line without them.
  const collectorId = blank(input.collectorId) ? '' : squash(input.collectorId!);
  const tests = input.tests.map(squash).filter((t) => t !== '');
  return {
    copies: copiesOf(input, options),
    containerId: parsed.value.containerId,
    humanReadableId: displayContainerId(parsed.value.containerId),
    accession: parsed.value.accession.accession,
    tubeNumber: parsed.value.tubeNumber,
    patientName: patientName!,
    mrn,
    dateOfBirth: birthDate,
    age,
    sex,
    mrnText: mrn ? `MRN ${mrn}` : '',
    demographicsText: [birthDate ? `DOB ${birthDate}` : '', age ?? '', sex ?? ''].filter((s) => s !== '').join(' '),
    collectedAt,
    collectorId,
    collectionText: ['Col:', collectedAt ?? '', collectorId].filter((t) => t !== '').join(' '),
    tests,
    testsText: testsText(tests),
    containerText: containerText(input.container, options),
    handlingText,
    priority,
    stat: priority === 'stat',
    priorityText: priority === 'urgent' || priority === 'asap' ? priority.toUpperCase() : null,
  };
}
