import { DEFAULT_DELIMITERS, readDelimiters, type Hl7Delimiters } from './delimiters.js';
import { issue, type Hl7Issue } from './errors.js';
import { Hl7Message, Hl7Segment } from './message.js';
import { decodeHl7Bytes, splitLines, type Line } from './lines.js';
import { checkBatch, type BatchEnvelope } from './batch.js';

/** One message read from the input: parsed, or refused with a positioned error and its raw text kept. */
export type MessageOutcome =
  | { ok: true; message: Hl7Message }
  | { ok: false; index: number; error: Hl7Issue; warnings: Hl7Issue[]; text: string; controlId: string };

export interface Hl7ReadResult {
  messages: MessageOutcome[];
  /** FHS/BHS/BTS/FTS when the input is a batch file */
  batch: BatchEnvelope | undefined;
  /** issues about the input as a whole (text outside messages, batch counts) */
  issues: Hl7Issue[];
}

export interface ReadHl7Options {
  /** refuse inputs larger than this many characters (default 64 MiB) */
  maxLength?: number;
}

const SEGMENT_ID = /^[A-Z][A-Z0-9]{2}/;
const HEADER_IDS = new Set(['MSH', 'FHS', 'BHS']);
const TRAILER_IDS = new Set(['BTS', 'FTS']);

interface Pending {
  index: number;
  lines: Line[];
}

/**
 * Read HL7 v2 text: one message, several messages back to back, or a batch file. Segment
 * separators CR, LF or CRLF; delimiters from each MSH; MLLP framing bytes and blank lines
 * tolerated. Never throws on any input.
 */
export function readHl7(input: string | Uint8Array, options: ReadHl7Options = {}): Hl7ReadResult {
  const text = typeof input === 'string' ? input.replace(/^\uFEFF/, '') : decodeHl7Bytes(input);
  const issues: Hl7Issue[] = [];
  const max = options.maxLength ?? 64 * 1024 * 1024;
  if (text.length > max) {
    return { messages: [], batch: undefined, issues: [issue('input-too-large', 'error', `input is ${text.length} characters; the limit is ${max}`)] };
  }
  const lines = splitLines(text, issues);
  if (lines.length === 0) {
    issues.push(issue('empty-input', 'error', 'the input holds no HL7 segments'));
    return { messages: [], batch: undefined, issues };
  }
  const pending: Pending[] = [];
  const envelope: Hl7Segment[] = [];
  let current: Pending | undefined;
  let batchDelims: Hl7Delimiters = DEFAULT_DELIMITERS;
  let count = 0;
  for (const line of lines) {
    const id = SEGMENT_ID.exec(line.text)?.[0];
    if (id === 'MSH') {
      current = { index: ++count, lines: [line] };
      pending.push(current);
    } else if (id && isEnvelope(id, line.text, current, batchDelims)) {
      current = undefined;
      batchDelims = envelopeSegment(line, id, batchDelims, envelope, issues);
    } else if (current) {
      current.lines.push(line);
    } else {
      issues.push(issue('text-before-msh', 'error', `line ${line.number} is not inside a message (a message starts with MSH): ${preview(line.text)}`, { line: line.number }));
    }
  }
  if (count === 0 && !issues.some((i) => i.code === 'text-before-msh')) {
    issues.push(issue('no-msh', 'error', 'the input holds no MSH segment, so no message'));
  }
  const messages = pending.map((p) => buildMessage(p));
  const batch = envelope.length > 0 ? checkBatch(envelope, messages.length, issues) : undefined;
  return { messages, batch, issues };
}

function isEnvelope(id: string, text: string, current: Pending | undefined, batch: Hl7Delimiters): boolean {
  if (HEADER_IDS.has(id)) return text.length > 3;
  if (!TRAILER_IDS.has(id)) return false;
  const sep = current ? (current.lines[0] as Line).text.charAt(3) : batch.field;
  return text.length === 3 || text.charAt(3) === sep;
}

function envelopeSegment(line: Line, id: string, delims: Hl7Delimiters, out: Hl7Segment[], issues: Hl7Issue[]): Hl7Delimiters {
  let d = delims;
  if (HEADER_IDS.has(id)) {
    const r = readDelimiters(line.text, { segmentId: id, line: line.number });
    if (r.ok) d = r.delimiters;
    else issues.push(r.error);
  }
  out.push(new Hl7Segment(splitFields(line.text, d, HEADER_IDS.has(id)), d, out.length + 1, line.number));
  return d;
}

function splitFields(text: string, d: Hl7Delimiters, header: boolean): string[] {
  const parts = text.split(d.field);
  if (header) parts.splice(1, 0, d.field);
  return parts;
}

function preview(text: string): string {
  const shown = text.length > 40 ? `${text.slice(0, 40)}...` : text;
  return JSON.stringify(shown);
}

function buildMessage(p: Pending): MessageOutcome {
  const first = p.lines[0] as Line;
  const raw = p.lines.map((l) => l.text).join('\r');
  const warnings: Hl7Issue[] = [];
  const fail = (error: Hl7Issue): MessageOutcome => ({ ok: false, index: p.index, error, warnings, text: raw, controlId: guessControlId(first.text) });
  const r = readDelimiters(first.text, { message: p.index, segment: 1, segmentId: 'MSH', line: first.number });
  if (!r.ok) return fail(r.error);
  const d = r.delimiters;
  warnings.push(...r.warnings.map((w) => ({ ...w, position: { ...w.position, message: p.index } })));
  const segTexts: { text: string; line: number }[] = [];
  for (const line of p.lines) {
    const starts = SEGMENT_ID.test(line.text) && (line.text.length === 3 || line.text.charAt(3) === d.field);
    const last = segTexts[segTexts.length - 1];
    if (starts || !last) {
      segTexts.push({ text: line.text, line: line.number });
    } else {
      warnings.push(issue('continuation-line', 'warning', `line ${line.number} does not start with a segment id; joined to the ${last.text.slice(0, 3)} segment above it: ${preview(line.text)}`, { message: p.index, segment: segTexts.length, segmentId: last.text.slice(0, 3), line: line.number }));
      last.text += line.text;
    }
  }
  const segments = segTexts.map((s, i) => new Hl7Segment(splitFields(s.text, d, i === 0), d, i + 1, s.line));
  const message = new Hl7Message(segments, d, p.index, warnings);
  const at = (field: number, component?: number) => ({ message: p.index, segment: 1, segmentId: 'MSH', line: first.number, field, ...(component ? { component } : {}) });
  // Checked on the MSH line itself: a header broken over several lines is not to be trusted.
  const ownLine = new Hl7Segment(splitFields(first.text, d, true), d, 1, first.number);
  if (ownLine.get(9, 1) === '') {
    const broken = segTexts[0]?.text !== first.text ? ' on the MSH line (the header is broken over several lines)' : '';
    return fail(issue('missing-message-type', 'error', `MSH-9 (message type, e.g. ORU^R01) is empty${broken}, so the message cannot be routed`, at(9, 1)));
  }
  if (message.controlId === '') warnings.push(issue('missing-control-id', 'warning', 'MSH-10 (message control id) is empty; the ACK cannot refer to it and duplicates cannot be detected', at(10)));
  if (message.version === '') warnings.push(issue('missing-version', 'warning', 'MSH-12 (version id) is empty', at(12)));
  return { ok: true, message };
}

/** MSH-10 read naively, so even a refused message can be acknowledged with its control id. */
function guessControlId(mshText: string): string {
  const sep = mshText.charAt(3);
  if (!sep || /[A-Za-z0-9\s]/.test(sep)) return '';
  const f = mshText.split(sep)[9] ?? '';
  return f.split(/[\^~\\&]/)[0] ?? '';
}

export type ParseOutcome = { ok: true; message: Hl7Message; warnings: Hl7Issue[] } | { ok: false; error: Hl7Issue; warnings: Hl7Issue[]; controlId: string };

/** Read exactly one message (what one MLLP frame carries). More than one, or none, is an error. */
export function parseHl7Message(input: string | Uint8Array, options: ReadHl7Options = {}): ParseOutcome {
  const r = readHl7(input, options);
  const docErrors = r.issues.filter((i) => i.severity === 'error');
  const docWarnings = r.issues.filter((i) => i.severity === 'warning');
  const first = r.messages[0];
  if (!first) {
    const error = docErrors[0] ?? issue('no-msh', 'error', 'the input holds no MSH segment, so no message');
    return { ok: false, error, warnings: docWarnings, controlId: '' };
  }
  if (!first.ok) return { ok: false, error: first.error, warnings: [...docWarnings, ...first.warnings], controlId: first.controlId };
  const before = docErrors.find((e) => e.code === 'text-before-msh');
  if (before) return { ok: false, error: before, warnings: docWarnings, controlId: first.message.controlId };
  if (r.messages.length > 1) {
    const second = r.messages[1] as MessageOutcome;
    return { ok: false, error: issue('several-messages', 'error', `expected one message but found ${r.messages.length}; a second MSH starts message 2`, { message: second.ok ? 2 : second.index, segment: 1, segmentId: 'MSH' }), warnings: docWarnings, controlId: first.message.controlId };
  }
  return { ok: true, message: first.message, warnings: [...docWarnings, ...first.message.warnings] };
}
