import { isIP } from 'node:net';
import { DEFAULT_ORM_PROFILE, type LabProfile } from '../../interop/hl7v2/index.js';
import { ServiceError } from '../errors.js';
import type { ReferenceLab } from './reference-labs.js';

/** What a lab profile may say, as lists the web form and the checks share. */
export const labMessageTypes = ['ORM^O01', 'OML^O21'] as const;
export const obr4Styles = ['loinc', 'local', 'local-with-loinc'] as const;
export const processingIds = ['P', 'T', 'D'] as const;
export const profileSegments = ['pv1', 'in1', 'dg1', 'nte', 'spm'] as const;
export const mshParties = ['sendingApplication', 'sendingFacility', 'receivingApplication', 'receivingFacility'] as const;
const mshNames: Record<(typeof mshParties)[number], string> = {
  sendingApplication: 'Sending application (MSH-3)',
  sendingFacility: 'Sending facility (MSH-4)',
  receivingApplication: 'Receiving application (MSH-5)',
  receivingFacility: 'Receiving facility (MSH-6)',
};

// An acknowledgement slower than 10 minutes is a lost one; under 100 ms no real lab answers.
const ACK_TIMEOUT_MS = { min: 100, max: 600_000 };
const MAX_ATTEMPTS = 100;
// HL7 v2.5.1 HD components are at most 20 (namespace) / 199 (universal id) characters; one bound for the form.
const MAX_TEXT = 199;

const LAB_FIELDS = new Set(['id', 'name', 'host', 'port', 'organizationId', 'profile', 'ackTimeoutMs', 'maxAttempts', 'orderables']);
const PROFILE_FIELDS = new Set(['id', 'messageType', ...mshParties, 'processingId', 'segments', 'placerNumber', 'testCodes', 'obr4', 'criticalFlags']);
const PLACER_FIELDS = new Set(['prefix', 'padTo', 'namespace', 'universalId', 'universalIdType']);
const DELIMITER = /[|^~\\&]/;
const HOST = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const CODE_SYSTEM = /^[A-Za-z0-9_.-]{1,20}$/;

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (message: string, field: string): never => {
  throw new ServiceError('invalid', message, field);
};

function onlyKnown(v: Raw, known: Set<string>, at: (f: string) => string, what: string): void {
  const unknown = Object.keys(v).find((k) => !known.has(k));
  if (unknown) fail(`${what} has no field "${unknown}" (known: ${[...known].filter((k) => k !== 'orderables').join(', ')})`, at(unknown));
}

/** Text that goes into one HL7 component as is: no delimiters, not too long. */
function wireText(v: unknown, label: string, field: string, opts: { required?: boolean } = {}): string | undefined {
  if (v === undefined || v === null || v === '') return opts.required ? fail(`${label} is required`, field) : undefined;
  if (typeof v !== 'string') return fail(`${label} must be text`, field);
  if (DELIMITER.test(v)) fail(`${label} "${v}" contains an HL7 delimiter (| ^ ~ \\ &): give each component on its own`, field);
  if (v.length > MAX_TEXT) fail(`${label} is longer than ${MAX_TEXT} characters`, field);
  return v;
}

function optionalInteger(v: unknown, label: string, field: string, min: number, max: number): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) fail(`${label} must be a whole number from ${min} to ${max}${v === '' ? '' : ` (got ${JSON.stringify(v)})`}`, field);
  return v as number;
}

function checkParty(v: unknown, party: (typeof mshParties)[number], at: (f: string) => string): string[] {
  const label = mshNames[party];
  if (v === undefined) return DEFAULT_ORM_PROFILE[party];
  if (!Array.isArray(v) || v.length === 0 || v.length > 3) fail(`${label} is a list of 1 to 3 components (namespace id, universal id, its type), e.g. ["LABCORP", "12D3456789", "CLIA"]`, at(party));
  const parts = (v as unknown[]).map((c, k) => wireText(c, `${label} component ${k + 1}`, at(`${party}[${k}]`)) ?? '');
  if (!parts.some((c) => c.trim())) fail(`${label} needs a namespace id or a universal id`, at(`${party}[0]`));
  return parts;
}

function checkTestCodes(v: unknown, at: (f: string) => string): LabProfile['testCodes'] {
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) return fail('Test codes map our test code to the lab\'s code, e.g. {"2345-7": {"code": "GLU", "display": "Glucose"}}', at('testCodes'));
  const out: NonNullable<LabProfile['testCodes']> = {};
  for (const [ours, theirs] of Object.entries(v)) {
    const here = (f: string) => at(`testCodes["${ours}"]${f}`);
    if (!ours.trim() || DELIMITER.test(ours)) fail(`"${ours}" is not a test code of ours: use the code the order carries (its LOINC)`, here(''));
    if (!isObject(theirs)) fail(`The lab's code for ${ours} is an object with code, and optionally display and system`, here(''));
    const t = theirs as Raw;
    onlyKnown(t, new Set(['code', 'display', 'system']), (f) => here(`.${f}`), `The lab's code for ${ours}`);
    const code = wireText(typeof t.code === 'string' ? t.code.trim() : t.code, `The lab's code for ${ours}`, here('.code'), { required: true })!;
    const display = typeof t.display === 'string' ? t.display.trim() : t.display;
    if (display !== undefined && display !== '' && (typeof display !== 'string' || display.length > MAX_TEXT)) fail(`The lab's name for ${ours} must be text of at most ${MAX_TEXT} characters`, here('.display'));
    const system = typeof t.system === 'string' ? t.system.trim() : t.system;
    if (system !== undefined && system !== '' && (typeof system !== 'string' || !CODE_SYSTEM.test(system))) fail(`The coding system for ${ours} is an HL7 mnemonic such as L (local) or 99LAB, without spaces`, here('.system'));
    out[ours] = { code, ...(display ? { display: display as string } : {}), ...(system ? { system: system as string } : {}) };
  }
  return out;
}

function checkProfile(v: unknown, labId: string, at: (f: string) => string): LabProfile {
  if (v === undefined || v === null) return { ...DEFAULT_ORM_PROFILE, id: labId };
  if (!isObject(v)) return fail('The profile is an object (message type, MSH parties, segments, test codes...)', at(''));
  const p = v;
  const here = (f: string) => at(`.${f}`);
  onlyKnown(p, PROFILE_FIELDS, here, 'A lab profile');
  const messageType = p.messageType ?? DEFAULT_ORM_PROFILE.messageType;
  if (!labMessageTypes.includes(messageType as never)) fail(`Message type must be ${labMessageTypes.join(' or ')}`, here('messageType'));
  const obr4 = p.obr4 ?? DEFAULT_ORM_PROFILE.obr4;
  if (!obr4Styles.includes(obr4 as never)) fail(`OBR-4 style must be one of ${obr4Styles.join(', ')}`, here('obr4'));
  if (p.processingId !== undefined && !processingIds.includes(p.processingId as never)) fail('Processing id (MSH-11) is P (production), T (training) or D (debugging)', here('processingId'));
  const segments = p.segments ?? DEFAULT_ORM_PROFILE.segments;
  if (!isObject(segments)) return fail(`Segments is an object of switches: ${profileSegments.join(', ')}`, here('segments'));
  for (const [k, on] of Object.entries(segments)) {
    if (!profileSegments.includes(k as never)) fail(`There is no optional segment "${k}" (optional: ${profileSegments.join(', ')}; PID, ORC and OBR are always sent)`, here(`segments.${k}`));
    if (typeof on !== 'boolean') fail(`segments.${k} is true or false`, here(`segments.${k}`));
  }
  let placerNumber: LabProfile['placerNumber'];
  if (p.placerNumber !== undefined && p.placerNumber !== null) {
    if (!isObject(p.placerNumber)) fail('Placer number format is an object (prefix, padTo, namespace, universalId, universalIdType)', here('placerNumber'));
    const f = p.placerNumber as Raw;
    onlyKnown(f, PLACER_FIELDS, (k) => here(`placerNumber.${k}`), 'The placer number format');
    const prefix = wireText(f.prefix, 'Placer number prefix', here('placerNumber.prefix'));
    if (prefix && prefix.length > 10) fail('Placer number prefix is at most 10 characters', here('placerNumber.prefix'));
    placerNumber = {
      ...(prefix ? { prefix } : {}),
      ...(f.padTo !== undefined && f.padTo !== null && f.padTo !== 0 ? { padTo: optionalInteger(f.padTo, 'Pad the number to', here('placerNumber.padTo'), 0, 22) } : {}),
      ...Object.fromEntries((['namespace', 'universalId', 'universalIdType'] as const).map((k) => [k, wireText(f[k], `Placer ${k === 'namespace' ? 'namespace id (EI-2)' : k === 'universalId' ? 'universal id (EI-3)' : 'universal id type (EI-4)'}`, here(`placerNumber.${k}`))]).filter(([, x]) => x)),
    };
  }
  let criticalFlags: string[] | undefined;
  if (p.criticalFlags !== undefined && p.criticalFlags !== null) {
    if (!Array.isArray(p.criticalFlags)) fail('Critical flags is a list of OBX-8 flags, e.g. ["PH", "PL"]', here('criticalFlags'));
    criticalFlags = (p.criticalFlags as unknown[]).map((f, k) => {
      if (typeof f !== 'string' || !/^[A-Za-z0-9<>]{1,5}$/.test(f.trim())) fail(`Critical flag ${k + 1} must be a short OBX-8 flag (1-5 letters or digits, e.g. PH)`, here(`criticalFlags[${k}]`));
      return (f as string).trim();
    });
    const twice = criticalFlags.find((f, k) => criticalFlags!.indexOf(f) !== k);
    if (twice) fail(`Critical flag ${twice} is listed twice`, here(`criticalFlags[${criticalFlags.lastIndexOf(twice)}]`));
  }
  const testCodes = checkTestCodes(p.testCodes, here);
  const profile: LabProfile = {
    id: typeof p.id === 'string' && p.id ? p.id : labId,
    messageType: messageType as LabProfile['messageType'],
    sendingApplication: checkParty(p.sendingApplication, 'sendingApplication', here),
    sendingFacility: checkParty(p.sendingFacility, 'sendingFacility', here),
    receivingApplication: checkParty(p.receivingApplication, 'receivingApplication', here),
    receivingFacility: checkParty(p.receivingFacility, 'receivingFacility', here),
    segments: segments as LabProfile['segments'],
    obr4: obr4 as LabProfile['obr4'],
  };
  if (p.processingId) profile.processingId = p.processingId as LabProfile['processingId'];
  if (placerNumber && Object.keys(placerNumber).length) profile.placerNumber = placerNumber;
  if (testCodes && Object.keys(testCodes).length) profile.testCodes = testCodes;
  if (criticalFlags?.length) profile.criticalFlags = criticalFlags;
  return profile;
}

/** Where a lab's MLLP listener is: a host name or IP address (trimmed), and a port. */
export function checkAddress(host: unknown, port: unknown, prefix = ''): string {
  if (typeof host !== 'string' || !host.trim()) fail('Each lab needs the host of its MLLP listener', `${prefix}host`);
  const h = (host as string).trim();
  if (!isIP(h) && !HOST.test(h)) fail(`"${h}" is not a host name or IP address (e.g. hl7.labcorp.example or 10.0.4.17; no scheme, no port)`, `${prefix}host`);
  if (!Number.isInteger(port) || (port as number) < 1 || (port as number) > 65535) fail(`The port must be a whole number from 1 to 65535${port === undefined || port === '' ? '' : ` (got ${JSON.stringify(port)})`}`, `${prefix}port`);
  return h;
}

/**
 * One reference lab as an admin sent it, checked field by field; the first problem is thrown as a
 * ServiceError whose field is its path (`[2].profile.sendingFacility[0]` with prefix `[2].`).
 */
export function checkReferenceLab(raw: unknown, prefix = ''): ReferenceLab & { orderables?: unknown } {
  const at = (f: string) => `${prefix}${f}`;
  if (!isObject(raw)) return fail('Each lab is an object with id, name, host and port', prefix.replace(/\.$/, '') || '$');
  const l = raw;
  onlyKnown(l, LAB_FIELDS, at, 'A reference lab');
  if (typeof l.id !== 'string' || !/^[A-Za-z0-9_-]{1,32}$/.test(l.id)) fail('Each lab needs an id (up to 32 letters, digits, _ or -)', at('id'));
  if (typeof l.name !== 'string' || !l.name.trim()) fail('Each lab needs a name', at('name'));
  if ((l.name as string).length > MAX_TEXT) fail(`The name is longer than ${MAX_TEXT} characters`, at('name'));
  const host = checkAddress(l.host, l.port, prefix);
  if (l.organizationId !== undefined && l.organizationId !== null && l.organizationId !== '' && (typeof l.organizationId !== 'string' || !/^[A-Za-z0-9.-]{1,64}$/.test(l.organizationId))) {
    fail('The Organization id is the id of a FHIR Organization resource (letters, digits, - and .)', at('organizationId'));
  }
  const ackTimeoutMs = optionalInteger(l.ackTimeoutMs, 'The acknowledgement timeout (ms)', at('ackTimeoutMs'), ACK_TIMEOUT_MS.min, ACK_TIMEOUT_MS.max);
  const maxAttempts = optionalInteger(l.maxAttempts, 'Automatic attempts', at('maxAttempts'), 1, MAX_ATTEMPTS);
  const lab: ReferenceLab & { orderables?: unknown } = { id: l.id as string, name: (l.name as string).trim(), host, port: l.port as number, profile: checkProfile(l.profile, l.id as string, (f) => at(`profile${f}`)) };
  if (l.organizationId) lab.organizationId = l.organizationId as string;
  if (ackTimeoutMs !== undefined) lab.ackTimeoutMs = ackTimeoutMs;
  if (maxAttempts !== undefined) lab.maxAttempts = maxAttempts;
  if (l.orderables !== undefined) lab.orderables = l.orderables;
  return lab;
}
