import type { ContainerSpec, LabTestSpec } from '../../domain/index.js';
import { systems } from '../../fhir/systems.js';
import { ServiceError } from '../errors.js';
import { nonBloodContainers, orderCodeOf } from './lab.js';
import {
  orderableKinds, orderableModalities, orderablePerformerRoles, specimenHandlings,
  type Orderable, type OrderableCoding, type OrderableContainer, type OrderableSpecimen, type TimedDraw,
} from './models.js';

/** What an orderable is checked against: the organisation's containers, lab tests and reference labs. */
export interface CatalogueRules {
  containers: Readonly<Record<string, ContainerSpec>>;
  tests: Readonly<Record<string, LabTestSpec>>;
  /** `ownCodes`: the test codes of a lab that takes its own in OBR-4 (keyed as `orderCodeOf`); absent for a LOINC lab */
  referenceLabs: readonly { id: string; name: string; ownCodes?: Readonly<Record<string, unknown>> }[];
}

const CODE = /^[A-Z0-9][A-Z0-9-]{0,63}$/;
const LOINC = /^\d{1,7}-\d$/;
const CPT = /^\d{4}[0-9A-Z]$/;
const defaultRole: Record<Orderable['kind'], Orderable['performerRole']> = { lab: 'phlebotomist', imaging: 'imaging_technologist', respiratory: 'respiratory_therapist' };
const FIELDS = new Set(['code', 'display', 'kind', 'performerRole', 'coding', 'specimen', 'modality', 'defaultDurationMinutes', 'fasting', 'fastingHours', 'timing', 'performingLab', 'labTestCode', 'status']);
const SPECIMEN_FIELDS = new Set(['container', 'volumeMl', 'minVolumeMl', 'pediatricVolumeMl', 'handling', 'protectFromLight', 'deliverWithinMinutes', 'stabilityMinutes', 'additionalContainers']);

const fail = (message: string, field: string): never => {
  throw new ServiceError('invalid', message, field);
};
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function text(v: unknown, field: string, what: string, max: number): string {
  if (typeof v !== 'string' || !v.trim()) fail(`${what} is required`, field);
  const s = (v as string).trim();
  if (s.length > max) fail(`${what} is ${s.length} characters; keep it to ${max}`, field);
  return s;
}

function volume(v: unknown, field: string, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${what} must be a number of mL (e.g. 1.5)`, field);
  if ((v as number) <= 0) fail(`${what} must be more than 0 mL (it is ${v})`, field);
  if ((v as number) > 100) fail(`${what} of ${v} mL is more than any container holds; give it in mL`, field);
  return v as number;
}

function minutes(v: unknown, field: string, what: string, opts: { min?: number; max?: number } = {}): number {
  const min = opts.min ?? 1;
  const max = opts.max ?? 60 * 24 * 30;
  if (!Number.isInteger(v) || (v as number) < min || (v as number) > max) fail(`${what} must be a whole number of minutes from ${min} to ${max} (it is ${JSON.stringify(v)})`, field);
  return v as number;
}

function bool(v: unknown, field: string): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') fail('must be true or false', field);
  return v as boolean;
}

function unknownFields(obj: Record<string, unknown>, allowed: Set<string>, at: string): void {
  for (const k of Object.keys(obj)) if (!allowed.has(k)) fail(`"${k}" is not a field of a catalogue entry (fields: ${[...allowed].join(', ')})`, `${at}${k}`);
}

function container(raw: unknown, at: string, rules: CatalogueRules): OrderableContainer {
  if (!isObject(raw)) return fail('must be an object with container and volumeMl', at);
  const code = raw.container;
  const known = [...Object.keys(rules.containers), ...Object.values(nonBloodContainers)];
  if (typeof code !== 'string' || !known.includes(code)) fail(`Unknown container "${String(code ?? '')}": use one of ${known.join(', ')}`, `${at}.container`);
  const volumeMl = volume(raw.volumeMl, `${at}.volumeMl`, 'The volume');
  const spec = rules.containers[code as string];
  if (spec && volumeMl > spec.capacityMl) fail(`${volumeMl} mL does not fit in a ${spec.display} (it holds ${spec.capacityMl} mL)`, `${at}.volumeMl`);
  return { container: code as string, volumeMl };
}

function specimen(raw: unknown, rules: CatalogueRules): OrderableSpecimen {
  if (!isObject(raw)) return fail('The specimen must be an object (container, volumeMl, handling...)', 'specimen');
  unknownFields(raw, SPECIMEN_FIELDS, 'specimen.');
  const out: OrderableSpecimen = container(raw, 'specimen', rules);
  if (raw.minVolumeMl !== undefined && raw.minVolumeMl !== null) {
    out.minVolumeMl = volume(raw.minVolumeMl, 'specimen.minVolumeMl', 'The minimum volume');
    if (out.minVolumeMl > out.volumeMl) fail(`The minimum volume (${out.minVolumeMl} mL) is more than the volume to collect (${out.volumeMl} mL)`, 'specimen.minVolumeMl');
    if (out.minVolumeMl === out.volumeMl) delete out.minVolumeMl; // the same as none: stored one way only
  }
  if (raw.pediatricVolumeMl !== undefined && raw.pediatricVolumeMl !== null) {
    out.pediatricVolumeMl = volume(raw.pediatricVolumeMl, 'specimen.pediatricVolumeMl', 'The paediatric volume');
    if (out.pediatricVolumeMl > out.volumeMl) fail(`The paediatric volume (${out.pediatricVolumeMl} mL) is more than the adult volume (${out.volumeMl} mL)`, 'specimen.pediatricVolumeMl');
  }
  const handling = raw.handling ?? 'ambient';
  if (!(specimenHandlings as readonly unknown[]).includes(handling)) fail(`Handling must be one of ${specimenHandlings.join(', ')}`, 'specimen.handling');
  out.handling = handling as OrderableSpecimen['handling'];
  if (bool(raw.protectFromLight, 'specimen.protectFromLight')) out.protectFromLight = true;
  if (raw.deliverWithinMinutes !== undefined && raw.deliverWithinMinutes !== null) out.deliverWithinMinutes = minutes(raw.deliverWithinMinutes, 'specimen.deliverWithinMinutes', 'Deliver within');
  if (raw.stabilityMinutes !== undefined && raw.stabilityMinutes !== null) out.stabilityMinutes = minutes(raw.stabilityMinutes, 'specimen.stabilityMinutes', 'Stability');
  if (raw.additionalContainers !== undefined && raw.additionalContainers !== null) {
    if (!Array.isArray(raw.additionalContainers)) fail('additionalContainers must be a list of {container, volumeMl}', 'specimen.additionalContainers');
    const extra = (raw.additionalContainers as unknown[]).map((c, i) => container(c, `specimen.additionalContainers[${i}]`, rules));
    if (extra.length) out.additionalContainers = extra;
  }
  return out;
}

function codings(raw: unknown): OrderableCoding[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) return fail('coding must be a list of {system, code, display}', 'coding');
  return raw.map((c, i) => {
    const at = `coding[${i}]`;
    if (!isObject(c)) return fail('must be {system, code, display}', at);
    const system = text(c.system, `${at}.system`, 'The code system', 200);
    const code = text(c.code, `${at}.code`, 'The code', 64);
    if (system === systems.loinc && !LOINC.test(code)) fail(`"${code}" is not a LOINC code (digits, a dash and a check digit, e.g. 2345-7)`, `${at}.code`);
    if (system === systems.cpt && !CPT.test(code)) fail(`"${code}" is not a CPT code (5 characters, e.g. 71046)`, `${at}.code`);
    if (system === systems.orderable) fail('The orderable code goes in "code", not in coding', at);
    const display = typeof c.display === 'string' ? c.display.trim() : '';
    if (system === systems.cpt && display.length > 40) fail('Use our own short label for CPT codes (at most 40 characters; never the AMA descriptor)', `${at}.display`);
    return { system, code, display };
  });
}

function timing(raw: unknown): TimedDraw {
  if (!isObject(raw)) return fail('timing must be {kind: "peak"|"trough"|"clock", fromMinutes, toMinutes}', 'timing');
  if (raw.kind === 'clock') {
    // minutes after local midnight: 07:00-09:00 is 420-540
    const fromMinutes = minutes(raw.fromMinutes, 'timing.fromMinutes', 'The window start (minutes after midnight, 07:00 = 420)', { min: 0, max: 1439 });
    const toMinutes = minutes(raw.toMinutes, 'timing.toMinutes', 'The window end (minutes after midnight, 09:00 = 540)', { min: 1, max: 1440 });
    if (fromMinutes >= toMinutes) fail(`The clock window must start before it ends on the same day (${fromMinutes} to ${toMinutes} min after midnight)`, 'timing.toMinutes');
    return { kind: 'clock', fromMinutes, toMinutes };
  }
  if (raw.kind !== 'peak' && raw.kind !== 'trough') fail('A timed draw is a "peak", a "trough" or a "clock" window (e.g. morning cortisol)', 'timing.kind');
  const fromMinutes = minutes(raw.fromMinutes, 'timing.fromMinutes', 'The window start', { min: -1440, max: 1440 });
  const toMinutes = minutes(raw.toMinutes, 'timing.toMinutes', 'The window end', { min: -1440, max: 1440 });
  if (fromMinutes >= toMinutes) fail(`The window must start before it ends (${fromMinutes} to ${toMinutes} min)`, 'timing.toMinutes');
  if (raw.kind === 'trough' && toMinutes > 0) fail('A trough is drawn before the next dose: the window ends at 0 minutes or earlier', 'timing.toMinutes');
  if (raw.kind === 'peak' && fromMinutes < 0) fail('A peak is drawn after the infusion ends: the window starts at 0 minutes or later', 'timing.fromMinutes');
  return { kind: raw.kind as TimedDraw['kind'], fromMinutes, toMinutes };
}

/**
 * Checks one catalogue entry and returns it in its stored form (trimmed, defaults filled, fields
 * in a fixed order). Every error names the field and says what would be accepted.
 */
export function validateOrderable(raw: unknown, rules: CatalogueRules): Orderable {
  if (!isObject(raw)) return fail('A catalogue entry must be a JSON object', '');
  unknownFields(raw, FIELDS, '');
  const code = typeof raw.code === 'string' ? raw.code.trim() : '';
  if (!CODE.test(code)) fail(`"${code}" is not an orderable code: capitals, digits and dashes, e.g. LAB-VITD`, 'code');
  const display = text(raw.display, 'display', 'The name', 80);
  if (!(orderableKinds as readonly unknown[]).includes(raw.kind)) fail(`kind must be one of ${orderableKinds.join(', ')}`, 'kind');
  const kind = raw.kind as Orderable['kind'];
  const performerRole = (raw.performerRole ?? defaultRole[kind]) as Orderable['performerRole'];
  if (!(orderablePerformerRoles as readonly unknown[]).includes(performerRole)) fail(`performerRole must be one of ${orderablePerformerRoles.join(', ')}`, 'performerRole');
  const item: Orderable = { code, display, kind, performerRole, coding: codings(raw.coding) };
  if (kind === 'lab' && !item.coding.some((c) => c.system === systems.loinc)) fail('A lab test needs a LOINC code', 'coding');
  if (raw.specimen !== undefined && raw.specimen !== null) item.specimen = specimen(raw.specimen, rules);
  else if (kind === 'lab') fail('A lab test needs its specimen: container and volume', 'specimen');
  const dicom = item.coding.find((c) => c.system === systems.dicomModality)?.code;
  const modality = raw.modality ?? dicom;
  if (kind === 'imaging' || modality !== undefined) {
    if (!(orderableModalities as readonly unknown[]).includes(modality)) fail(`An imaging exam needs its modality: one of ${orderableModalities.join(', ')}`, 'modality');
    if (dicom !== undefined && dicom !== modality) fail(`The modality ${String(modality)} differs from the DICOM code ${dicom} in coding`, 'modality');
    item.modality = modality as Orderable['modality'];
  }
  if (raw.defaultDurationMinutes !== undefined && raw.defaultDurationMinutes !== null) item.defaultDurationMinutes = minutes(raw.defaultDurationMinutes, 'defaultDurationMinutes', 'The duration', { max: 1440 });
  if (bool(raw.fasting, 'fasting') || (raw.fastingHours !== undefined && raw.fastingHours !== null)) item.fasting = true;
  if (raw.fastingHours !== undefined && raw.fastingHours !== null) {
    if (typeof raw.fastingHours !== 'number' || !Number.isFinite(raw.fastingHours) || raw.fastingHours <= 0 || raw.fastingHours > 48) fail('Fasting hours must be a number from 1 to 48', 'fastingHours');
    item.fastingHours = raw.fastingHours as number;
  }
  if (raw.timing !== undefined && raw.timing !== null) item.timing = timing(raw.timing);
  if (raw.performingLab !== undefined && raw.performingLab !== null && raw.performingLab !== '') {
    const lab = rules.referenceLabs.find((l) => l.id === raw.performingLab);
    if (!lab) fail(`Unknown reference lab "${String(raw.performingLab)}": ${rules.referenceLabs.length ? `use one of ${rules.referenceLabs.map((l) => l.id).join(', ')}` : 'add it under Interfaces first'}, or leave it empty for the in-house lab`, 'performingLab');
    // an order the lab could not read would stop at the bedside, when the specimen is collected
    const sentAs = orderCodeOf(item).code;
    if (lab?.ownCodes && raw.status !== 'retired' && !Object.hasOwn(lab.ownCodes, sentAs)) {
      fail(`${lab.name} takes its own test codes in OBR-4 and has none for this test (sent as ${sentAs}): add it to the lab's test code table (Interfaces → Reference labs) first, or leave the performing lab empty for the in-house lab`, 'performingLab');
    }
    item.performingLab = raw.performingLab as string;
  }
  if (raw.labTestCode !== undefined && raw.labTestCode !== null && raw.labTestCode !== '') {
    if (typeof raw.labTestCode !== 'string' || !(raw.labTestCode in rules.tests)) fail(`Unknown lab test "${String(raw.labTestCode)}": use one of ${Object.keys(rules.tests).join(', ')}`, 'labTestCode');
    if (kind !== 'lab' && !item.specimen) fail('Only an orderable with a specimen is collected as a lab test', 'labTestCode');
    item.labTestCode = raw.labTestCode as string;
  }
  const status = raw.status ?? 'active';
  if (status !== 'active' && status !== 'retired') fail('status must be "active" or "retired"', 'status');
  item.status = status as Orderable['status'];
  return item;
}

/** Checks a whole catalogue: every entry, and no code twice. */
export function validateCatalogue(raw: unknown, rules: CatalogueRules): Orderable[] {
  if (!Array.isArray(raw)) return fail('The catalogue must be a list of entries', '');
  const seen = new Map<string, number>();
  return raw.map((r, i) => {
    let item: Orderable;
    try {
      item = validateOrderable(r, rules);
    } catch (e) {
      if (e instanceof ServiceError) throw new ServiceError(e.code, `Entry ${i + 1}${isObject(r) && typeof r.code === 'string' ? ` (${r.code})` : ''}: ${e.message}`, `[${i}]${e.field ? `.${e.field}` : ''}`);
      throw e;
    }
    const first = seen.get(item.code);
    if (first !== undefined) fail(`Entry ${i + 1}: the code ${item.code} is already used by entry ${first + 1}; codes must be unique`, `[${i}].code`);
    seen.set(item.code, i);
    return item;
  });
}
