/** Where in the input something happened. Every issue carries as much of this as is known. */
export interface Hl7Position {
  /** 1-based message number inside the input (a batch file or a stream holds several) */
  message?: number;
  /** 1-based segment number inside its message (MSH = 1) */
  segment?: number;
  segmentId?: string;
  /** 1-based line number in the whole input, counting CR, LF and CRLF as one break each */
  line?: number;
  /** 1-based field number as HL7 counts it (MSH-1 is the field separator) */
  field?: number;
  repetition?: number;
  component?: number;
  subcomponent?: number;
}

export type Hl7Severity = 'error' | 'warning';

export const HL7_ISSUE_CODES = [
  'empty-input',
  'no-msh',
  'text-before-msh',
  'several-messages',
  'bad-field-separator',
  'bad-encoding-characters',
  'encoding-characters-quirk',
  'missing-message-type',
  'missing-control-id',
  'missing-version',
  'continuation-line',
  'framing-byte',
  'control-characters',
  'batch-count-mismatch',
  'batch-trailer-missing',
  'batch-empty',
  'input-too-large',
  'bad-path',
  'not-an-oru',
  'not-an-ack',
  'no-patient',
  'no-order',
  'obx-outside-order',
  'bad-number',
  'bad-date',
  'unmapped-test-code',
  'missing-required',
] as const;
export type Hl7IssueCode = (typeof HL7_ISSUE_CODES)[number];

/** An error or warning as a value: a stable code, a sentence a person can act on, and where. */
export interface Hl7Issue {
  code: Hl7IssueCode;
  severity: Hl7Severity;
  message: string;
  position: Hl7Position;
}

export function issue(code: Hl7IssueCode, severity: Hl7Severity, message: string, position: Hl7Position = {}): Hl7Issue {
  return { code, severity, message, position };
}

/** `message 2, segment 5 (OBX), OBX-5[1].2, line 12` */
export function describePosition(p: Hl7Position): string {
  const parts: string[] = [];
  if (p.message !== undefined) parts.push(`message ${p.message}`);
  if (p.segment !== undefined) parts.push(`segment ${p.segment}${p.segmentId ? ` (${p.segmentId})` : ''}`);
  else if (p.segmentId) parts.push(`segment ${p.segmentId}`);
  if (p.field !== undefined) {
    let f = `${p.segmentId ?? 'field'}-${p.field}`;
    if (p.repetition !== undefined) f += `[${p.repetition}]`;
    if (p.component !== undefined) f += `.${p.component}`;
    if (p.subcomponent !== undefined) f += `.${p.subcomponent}`;
    parts.push(f);
  }
  if (p.line !== undefined) parts.push(`line ${p.line}`);
  return parts.join(', ');
}

export function formatIssue(i: Hl7Issue): string {
  const where = describePosition(i.position);
  return `${i.severity} ${i.code}${where ? ` at ${where}` : ''}: ${i.message}`;
}
