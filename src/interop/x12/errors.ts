/** Where in a file something happened. Every issue carries as much of this as is known. */
export interface X12Position {
  /** ISA13 of the interchange */
  interchange?: string;
  /** GS06 of the functional group */
  group?: string;
  /** ST02 of the transaction set */
  set?: string;
  /** segment number inside the transaction set (ST = 1), as the 999 IK3 reports it */
  segmentInSet?: number;
  /** segment number in the whole file (first segment = 1) */
  segment: number;
  /** byte offset of the segment's first byte in the file */
  offset: number;
  segmentId: string;
  /** element position (1-based), when the issue is about one element */
  element?: number;
  /** component position (1-based) inside a composite element */
  component?: number;
  /** loop identifier from the implementation guide (e.g. 2300), when known */
  loop?: string;
}

export type X12Severity = 'error' | 'warning';

/** An error or warning as a value: a stable code, a message a biller can act on, and where. */
export interface X12Issue {
  code: X12IssueCode;
  severity: X12Severity;
  message: string;
  position: X12Position;
  /** 999 IK3/IK4/IK5 syntax error code this issue maps to, when it is about a transaction set */
  ackCode?: string;
}

export const X12_ISSUE_CODES = [
  'utf16-input',
  'no-interchange-header',
  'isa-malformed',
  'text-before-isa',
  'text-between-interchanges',
  'wrapped-lines',
  'bare-transaction-set',
  'trailing-separator',
  'empty-segment',
  'bad-segment-id',
  'segment-outside-envelope',
  'missing-trailer',
  'control-number-mismatch',
  'count-mismatch',
  'hl-sequence',
  'hl-parent',
  'hl-child-code',
  'unexpected-segment',
  'segment-out-of-order',
  'missing-segment',
  'missing-loop',
  'segment-repeat',
  'loop-repeat',
  'element-missing',
  'element-too-long',
  'element-too-short',
  'element-too-many',
  'element-invalid-code',
  'element-invalid-number',
  'element-invalid-date',
  'element-invalid-time',
  'element-conditional',
  'element-exclusion',
  'unsupported-transaction',
  'non-5010-version',
  'claim-out-of-balance',
  'remittance-out-of-balance',
  'duplicate-claim-id',
  'no-transaction-set',
  'isa-invalid',
  'ta1-invalid',
] as const;
export type X12IssueCode = (typeof X12_ISSUE_CODES)[number];

export function describePosition(p: X12Position): string {
  const parts: string[] = [];
  if (p.interchange !== undefined) parts.push(`interchange ${p.interchange}`);
  if (p.group !== undefined) parts.push(`group ${p.group}`);
  if (p.set !== undefined) parts.push(`set ${p.set}`);
  if (p.loop) parts.push(`loop ${p.loop}`);
  const seg = p.segmentInSet !== undefined ? `segment ${p.segmentInSet} of set (file segment ${p.segment})` : `segment ${p.segment}`;
  parts.push(seg);
  let at = p.segmentId || '?';
  if (p.element !== undefined) at += String(p.element).padStart(2, '0');
  if (p.component !== undefined) at += `-${p.component}`;
  parts.push(at);
  parts.push(`byte ${p.offset}`);
  return parts.join(', ');
}

/** One line per issue, as `allied x12 validate` prints it. */
export function formatIssue(issue: X12Issue): string {
  return `${issue.severity} [${issue.code}] ${describePosition(issue.position)}: ${issue.message}`;
}
