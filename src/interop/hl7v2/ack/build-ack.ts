import { DEFAULT_DELIMITERS } from '../delimiters.js';
import { toHl7DateTime } from '../datetime.js';
import type { Hl7Issue, Hl7IssueCode, Hl7Position } from '../errors.js';
import { encodeMsh, encodeSegment, type Hl7Message } from '../message.js';

export type AckCode = 'AA' | 'AE' | 'AR' | 'CA' | 'CE' | 'CR';

/** HL7 table 0357, message error condition codes. */
export const HL7_ERROR_CODES = {
  '0': 'Message accepted',
  '100': 'Segment sequence error',
  '101': 'Required field missing',
  '102': 'Data type error',
  '103': 'Table value not found',
  '104': 'Value too long',
  '200': 'Unsupported message type',
  '201': 'Unsupported event code',
  '202': 'Unsupported processing id',
  '203': 'Unsupported version id',
  '204': 'Unknown key identifier',
  '205': 'Duplicate key identifier',
  '206': 'Application record locked',
  '207': 'Application internal error',
} as const;
export type Hl7ErrorCode = keyof typeof HL7_ERROR_CODES;

export interface AckError {
  code: Hl7ErrorCode;
  /** ERR-4: E error, W warning, I information, F fatal */
  severity: 'E' | 'W' | 'I' | 'F';
  /** ERR-8, a sentence for the person at the other end */
  message: string;
  location?: Hl7Position;
}

/** What an ACK needs from the message it answers; read with `ackTargetOf`, or filled by hand for unreadable input. */
export interface AckTarget {
  controlId: string;
  /** components of MSH-3..6 as received */
  sendingApplication: string[];
  sendingFacility: string[];
  receivingApplication: string[];
  receivingFacility: string[];
  trigger: string;
  processingId: string;
  version: string;
}

export function ackTargetOf(m: Hl7Message): AckTarget {
  const h = m.header;
  return {
    controlId: m.controlId,
    sendingApplication: h.field(3).components(),
    sendingFacility: h.field(4).components(),
    receivingApplication: h.field(5).components(),
    receivingFacility: h.field(6).components(),
    trigger: m.messageType.trigger,
    processingId: h.get(11),
    version: m.version,
  };
}

export interface AckOptions {
  code: AckCode;
  /** MSA-3 text (kept for v2.3 receivers; v2.5 moves detail into ERR) */
  text?: string;
  errors?: AckError[];
  /** MSH-10 of the ACK itself; default derived from the time */
  controlId?: string;
  now?: Date;
  /** our MSH-3/MSH-4 when the received message did not name us in MSH-5/MSH-6 */
  application?: string[];
  facility?: string[];
}

/**
 * ACK for a received message: MSH (sender and receiver swapped), MSA (code and the received
 * MSH-10), and one ERR per error with its table 0357 code and location (ERR-2, v2.5 style).
 */
export function buildAck(target: AckTarget | Hl7Message, options: AckOptions): string {
  const t = 'segments' in target ? ackTargetOf(target) : target;
  const d = DEFAULT_DELIMITERS;
  const now = options.now ?? new Date();
  const controlId = options.controlId ?? `ACK${now.getTime().toString(36).toUpperCase()}${Math.floor(Math.random() * 1296).toString(36).toUpperCase()}`;
  const ours = (received: string[], fallback: string[] | undefined) => (received.some((c) => c !== '') ? received : (fallback ?? []));
  const msh = encodeMsh([
    ours(t.receivingApplication, options.application),
    ours(t.receivingFacility, options.facility),
    t.sendingApplication,
    t.sendingFacility,
    toHl7DateTime(now),
    '',
    ['ACK', t.trigger, 'ACK'],
    controlId,
    t.processingId || 'P',
    t.version || '2.5.1',
  ], d);
  const segments = [msh, encodeSegment('MSA', [options.code, t.controlId, options.text ?? ''], d)];
  for (const e of options.errors ?? []) {
    const l = e.location;
    const erl = l?.segmentId ? [l.segmentId, String(l.segment ?? 1), l.field ? String(l.field) : '', l.repetition ? String(l.repetition) : (l.field ? '1' : ''), l.component ? String(l.component) : '', l.subcomponent ? String(l.subcomponent) : ''] : undefined;
    segments.push(encodeSegment('ERR', ['', erl, [e.code, HL7_ERROR_CODES[e.code], 'HL70357'], e.severity, '', '', '', e.message], d));
  }
  return segments.join('\r');
}

/** Table 0357 code for one of our parse/mapping issues. */
export function errorCodeForIssue(code: Hl7IssueCode): Hl7ErrorCode {
  switch (code) {
    case 'missing-message-type': case 'missing-control-id': case 'missing-version': case 'missing-required': case 'no-msh': return '101';
    case 'bad-field-separator': case 'bad-encoding-characters': case 'bad-number': case 'bad-date': return '102';
    case 'text-before-msh': case 'several-messages': case 'obx-outside-order': case 'no-order': return '100';
    case 'input-too-large': return '104';
    case 'not-an-oru': return '200';
    case 'unmapped-test-code': return '103';
    case 'no-patient': return '204';
    default: return '207';
  }
}

/**
 * AR when the message cannot be taken at all (header unreadable, wrong type: resending it as is
 * will fail again); AE when it was read but its content is in error.
 */
export function ackCodeForIssue(code: Hl7IssueCode): 'AE' | 'AR' {
  const reject: Hl7IssueCode[] = ['empty-input', 'no-msh', 'text-before-msh', 'several-messages', 'bad-field-separator', 'bad-encoding-characters', 'missing-message-type', 'input-too-large', 'not-an-oru'];
  return reject.includes(code) ? 'AR' : 'AE';
}

/** ACK for an error issue, e.g. a parse failure: AR/AE with one ERR naming the code and location. */
export function buildErrorAck(target: AckTarget | Hl7Message, problem: Hl7Issue, options: Omit<AckOptions, 'code' | 'errors'> = {}): string {
  return buildAck(target, { ...options, code: ackCodeForIssue(problem.code), text: problem.message, errors: [{ code: errorCodeForIssue(problem.code), severity: 'E', message: problem.message, location: problem.position }] });
}

/** An AckTarget read naively from raw text whose header could not be parsed (best effort, never throws). */
export function ackTargetFromRaw(raw: string, controlId: string): AckTarget {
  const line = raw.replace(/^[\s\x0b]+/, '').split(/\r\n|\r|\n/)[0] ?? '';
  const ok = line.startsWith('MSH') && line.length > 3 && !/[A-Za-z0-9\s]/.test(line.charAt(3));
  const f = ok ? line.split(line.charAt(3)) : [];
  const comps = (n: number) => (f[n - 1] ?? '').split('^').map((c) => c.replace(/[\\&~]/g, ''));
  const type = comps(9);
  return {
    controlId,
    sendingApplication: comps(3), sendingFacility: comps(4), receivingApplication: comps(5), receivingFacility: comps(6),
    trigger: type[1] ?? '', processingId: /^[PTD]$/.test(comps(11)[0] ?? '') ? (comps(11)[0] as string) : 'P', version: /^2\.\d(\.\d)?$/.test(comps(12)[0] ?? '') ? (comps(12)[0] as string) : '2.5.1',
  };
}
