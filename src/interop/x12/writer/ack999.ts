import type { GroupSummary, InterchangeSummary, SetSummary, X12ReadResult } from '../document.js';
import { ta1Status } from '../interchange.js';
import type { X12Issue } from '../errors.js';
import { writeInterchange, type EnvelopeOptions, type SetBody } from './envelope.js';

/** IK5/AK9 status of a set: A accepted, E accepted with noted errors, R rejected. */
export type AckStatus = 'A' | 'E' | 'R';

/**
 * Issues the 999 reports: syntax and implementation-guide problems (balancing is the 277CA's job).
 * Errors reject the set; defects read as warnings in tolerant mode make it "accepted with errors".
 */
const reportable = (i: X12Issue): boolean => i.ackCode !== undefined && i.position.set !== undefined;
const ENVELOPE_CODES = new Set(['missing-trailer', 'control-number-mismatch', 'count-mismatch']);

export function setStatus(set: SetSummary): AckStatus {
  const issues = set.issues.filter(reportable);
  // issues beyond what the read kept still decide the status (they are only not listed)
  const omitted = set.omitted;
  if (omitted.reportableErrors > 0 || issues.some((i) => i.severity === 'error')) return 'R';
  return issues.length > 0 || omitted.reportable > 0 ? 'E' : 'A';
}

/** The 999 segments answering one received functional group. */
export function ackBodyForGroup(g: GroupSummary): SetBody {
  const segs: string[][] = [['AK1', g.group.functionalId, g.group.control, g.group.version]];
  let accepted = 0;
  for (const set of g.sets) {
    segs.push(['AK2', set.type, set.control, set.implementation]);
    const issues = set.issues.filter(reportable);
    const bySegment = new Map<number, X12Issue[]>();
    for (const i of issues) {
      if (ENVELOPE_CODES.has(i.code)) continue;
      const n = i.position.segmentInSet ?? 0;
      if (!bySegment.has(n)) bySegment.set(n, []);
      (bySegment.get(n) as X12Issue[]).push(i);
    }
    for (const [n, list] of bySegment) {
      const elementIssues = list.filter((i) => i.code.startsWith('element-') || i.code.startsWith('hl-'));
      const segmentIssues = list.filter((i) => !elementIssues.includes(i));
      for (const i of segmentIssues) segs.push(['IK3', i.position.segmentId, String(n), i.position.loop ?? '', i.ackCode as string]);
      if (elementIssues.length > 0) {
        const first = elementIssues[0];
        segs.push(['IK3', first.position.segmentId, String(n), first.position.loop ?? '', '8']);
        for (const i of elementIssues) {
          const where = i.position.component ? `${i.position.element}:${i.position.component}` : String(i.position.element ?? '');
          segs.push(['IK4', where, '', i.code.startsWith('hl-') ? 'I12' : (i.ackCode as string)]);
        }
      }
    }
    const status = setStatus(set);
    if (status !== 'R') accepted++;
    const codes = new Set<string>();
    for (const i of issues) if (ENVELOPE_CODES.has(i.code)) codes.add(i.ackCode as string);
    if (bySegment.size > 0 || set.omitted.reportable > 0) codes.add('5');
    segs.push(['IK5', status, ...[...codes].slice(0, 5)]);
  }
  const received = g.sets.length;
  const groupStatus = received === 0 ? 'R' : accepted === received ? (g.sets.some((s) => setStatus(s) === 'E') ? 'E' : 'A') : accepted === 0 ? 'R' : 'P';
  const groupCodes = new Set<string>();
  for (const i of g.issues) if (i.ackCode && ['2', '4', '5'].includes(i.ackCode)) groupCodes.add(i.ackCode);
  segs.push(['AK9', groupStatus, String(g.declaredSets ?? received), String(received), String(accepted), ...[...groupCodes]]);
  return { type: '999', implementation: '005010X231A1', segments: segs };
}

/** How `writeAcknowledgements` answers interchanges with TA1s. */
export type Ta1Mode = 'needed' | 'always' | 'only';

export interface AcknowledgementPlan {
  /** TA1 segments, one per interchange answered */
  ta1: string[][];
  /** the groups the 999 answers (those of interchanges not rejected) */
  groups: GroupSummary[];
  /** control numbers of interchanges rejected by their TA1 (their groups get no 999) */
  rejected: string[];
}

/**
 * The TA1 for one received interchange: TA104 R when an error rejects its envelope (bad ISA fields,
 * an invalid control number, no IEA), E when problems are only noted (control numbers or group
 * counts that disagree), A otherwise; TA105 is the note code of the most serious problem.
 */
export function ta1For(summary: InterchangeSummary): string[] {
  const h = summary.header;
  const errors = summary.issues.filter((i) => i.severity === 'error').map((i) => i.ackCode as string);
  const all = summary.issues.map((i) => i.ackCode as string);
  const status = ta1Status(errors) === 'R' ? 'R' : all.length > 0 ? 'E' : 'A';
  const note = (status === 'R' ? errors.find((n) => ta1Status([n]) === 'R') : undefined) ?? all[0] ?? '000';
  return ['TA1', h.control, h.date, h.time, status, note];
}

/** Which interchanges get a TA1 and which groups a 999. */
export function planAcknowledgements(result: X12ReadResult, mode: Ta1Mode): AcknowledgementPlan {
  const ta1: string[][] = [];
  const rejected: string[] = [];
  for (const summary of result.interchangeSummaries) {
    const segment = ta1For(summary);
    if (segment[4] === 'R') rejected.push(summary.header.control);
    if (mode !== 'needed' || segment[4] !== 'A' || summary.header.ackRequested) ta1.push(segment);
  }
  const groups = mode === 'only' ? [] : result.groupSummaries.filter((g) => g.interchange.synthetic || !rejected.includes(g.interchange.control));
  return { ta1, groups, rejected };
}

/**
 * Writes the acknowledgement interchange for a received file: TA1s for interchanges whose envelope
 * has problems (or that ask for one, or all with mode 'always'/'only'), then a 999 group answering
 * every functional group of the interchanges not rejected. Sender and receiver are swapped from the
 * first received interchange unless given.
 */
export function writeAcknowledgements(result: X12ReadResult, mode: Ta1Mode, options: Partial<EnvelopeOptions> & { interchangeControl: number; groupControl: number }): string {
  const plan = planAcknowledgements(result, mode);
  const ic = result.firstInterchange;
  return writeInterchange('FA', plan.groups.map(ackBodyForGroup), {
    senderQualifier: ic?.receiverQualifier || 'ZZ',
    senderId: ic?.receiverId || 'ALLIED',
    receiverQualifier: ic?.senderQualifier || 'ZZ',
    receiverId: ic?.senderId || 'UNKNOWN',
    interchangeAcks: plan.ta1,
    ...options,
  });
}

/**
 * Writes a 999 interchange answering every functional group read: sender and receiver are
 * swapped from the first received interchange unless given.
 */
export function write999(result: X12ReadResult, options: Partial<EnvelopeOptions> & { interchangeControl: number; groupControl: number }): string {
  const ic = result.firstInterchange;
  const bodies = result.groupSummaries.map(ackBodyForGroup);
  return writeInterchange('FA', bodies, {
    senderQualifier: ic?.receiverQualifier || 'ZZ',
    senderId: ic?.receiverId || 'ALLIED',
    receiverQualifier: ic?.senderQualifier || 'ZZ',
    receiverId: ic?.senderId || 'UNKNOWN',
    ...options,
  });
}
