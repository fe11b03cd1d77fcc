import type { X12Delimiters } from './delimiters.js';
import type { GroupHeader, InterchangeHeader } from './envelope.js';
import type { X12Issue, X12IssueCode } from './errors.js';
import type { AckSetResponse, Acknowledgement, Claim837, ClaimPayment, ClaimStatus, Eligibility, Remittance835 } from './models.js';
import type { SetModels } from './process.js';
import { readX12EventBatches, readX12FileEventBatches, type ReadOptions, type X12Event } from './reader.js';
import { validateSet, type ValidatedSet } from './validate.js';

/**
 * Defects tolerant mode reports as warnings: bookkeeping that real senders get wrong without making
 * the content ambiguous (trailer counts and control numbers, HL numbering, totals, a cut-off end).
 */
/** envelope trailer problems: a 999's IK5 codes come from them, so set summaries always keep them */
const TRAILER_CODES: ReadonlySet<X12IssueCode> = new Set<X12IssueCode>(['missing-trailer', 'control-number-mismatch', 'count-mismatch']);

export const TOLERATED: ReadonlySet<X12IssueCode> = new Set<X12IssueCode>(['count-mismatch', 'control-number-mismatch', 'hl-sequence', 'hl-parent', 'hl-child-code', 'claim-out-of-balance', 'remittance-out-of-balance', 'missing-trailer', 'isa-invalid']);

export type { SetModels } from './process.js';

/**
 * Issues a read keeps in memory: at most this many errors, this many warnings, and this many in all
 * sets' summaries together (the issues 999 IK3/IK4 notes are written from). The rest are counted
 * and go only to `onIssue`, so a file with millions of problems is read in bounded memory.
 */
export const MAX_LISTED_ISSUES = 1000;

/** Enough of each set to acknowledge it after its segments are gone. */
export interface SetSummary {
  interchange: string;
  group: GroupHeader;
  type: string;
  control: string;
  implementation: string;
  /** the set's issues, while the read's budget (MAX_LISTED_ISSUES for all sets) lasts; envelope trailer issues always */
  issues: X12Issue[];
  /** the set's issues not kept in `issues`: how many, and how many of them a 999 reports (as errors / in all) */
  omitted: { issues: number; reportableErrors: number; reportable: number };
}

export interface GroupSummary {
  group: GroupHeader;
  interchange: InterchangeHeader;
  declaredSets: number | undefined;
  sets: SetSummary[];
  /** envelope problems of the group itself (GE count / control number) */
  issues: X12Issue[];
}

/** One interchange as read, with the envelope problems a TA1 answers (issues whose ackCode is a TA1 note code). */
export interface InterchangeSummary {
  header: InterchangeHeader;
  issues: X12Issue[];
}

export interface X12ReadResult extends SetModels {
  interchanges: number;
  groups: number;
  transactionSets: number;
  delimiters: X12Delimiters | null;
  firstInterchange: InterchangeHeader | null;
  /** the first MAX_LISTED_ISSUES errors (`errorCount` says how many there were) */
  errors: X12Issue[];
  /** the first MAX_LISTED_ISSUES warnings */
  warnings: X12Issue[];
  errorCount: number;
  warningCount: number;
  groupSummaries: GroupSummary[];
  /** every interchange read (bare sets read in tolerant mode have none) */
  interchangeSummaries: InterchangeSummary[];
}

export interface ReadX12Options extends ReadOptions {
  /**
   * keep models in the result (default true). Turn off for huge files: claims then go only to
   * `onClaim` / `onClaimPayment` / `onClaimStatus` / `onEligibility` / `onSetResponse` as each is read, and are not kept anywhere, so memory stays bounded
   * however many claims a file or a single transaction set holds.
   */
  keepModels?: boolean;
  /** called for every transaction set as soon as it is read and checked (with keepModels off, its models hold no 837 claims, 835 claim payments, 277 statuses, 270/271 entries or 999/997 set responses) */
  onSet?: (validated: ValidatedSet, models: SetModels) => void;
  /** each TA1 (interchange acknowledgement) read, in file order; TA1s are always kept in `acknowledgements` too */
  onAcknowledgement?: (ack: Acknowledgement) => void;
  /** each 837 claim, as soon as its loop is read */
  onClaim?: (claim: Claim837) => void;
  /** each 835 remittance, once its header is read (its claims follow; provider adjustments are filled in at its end) */
  onRemittance?: (remittance: Remittance835) => void;
  /** each 835 claim payment, as soon as its loop is read */
  onClaimPayment?: (claim: ClaimPayment, remittance: Remittance835) => void;
  /** each 277/277CA status (receiver, provider, claim or service line), as soon as its loop is read */
  onClaimStatus?: (status: ClaimStatus) => void;
  /** each 270/271 entry (a subscriber with its dependent), as soon as its loop is read */
  onEligibility?: (entry: Eligibility) => void;
  /**
   * each 999/997 (group acknowledgement), once its first set response is read: its set responses
   * follow through `onSetResponse`, and AK9's status and counts are filled in by the time `onSet`
   * is called for its set
   */
  onGroupAcknowledgement?: (ack: Acknowledgement) => void;
  /**
   * called after each batch of events; while the promise it returns is pending, reading waits (a
   * consumer printing as it reads waits for its output to drain); a rejection ends the read with it
   */
  pause?: () => Promise<void> | undefined;
  /** every error and warning as soon as it is found (the result keeps only the first MAX_LISTED_ISSUES of each) */
  onIssue?: (issue: X12Issue) => void;
  /** how many issues the result keeps (default MAX_LISTED_ISSUES) */
  maxListedIssues?: number;
  /** each 999/997 set response (AK2 with its IK3/IK4 notes and IK5), as soon as its loop is read */
  onSetResponse?: (response: AckSetResponse, ack: Acknowledgement) => void;
}

/** Models of one validated set (built while it was checked). */
export function modelsOf(v: ValidatedSet): SetModels {
  return v.models ?? validateSet(v.set).models;
}

/** Consumes reader events into a result; works on any event source (events one by one, or in lists). */
export async function collectX12(events: AsyncIterable<X12Event> | AsyncIterable<X12Event[]>, options: ReadX12Options = {}): Promise<X12ReadResult> {
  const keep = options.keepModels ?? true;
  const result: X12ReadResult = {
    interchanges: 0, groups: 0, transactionSets: 0, delimiters: null, firstInterchange: null,
    claims: [], remittances: [], acknowledgements: [], claimStatuses: [], eligibility: [], errors: [], warnings: [], errorCount: 0, warningCount: 0, groupSummaries: [], interchangeSummaries: [],
  };
  const limit = options.maxListedIssues ?? MAX_LISTED_ISSUES;
  let interchange: InterchangeSummary | null = null;
  let pending: SetSummary[] = [];
  /** GE and missing-GE issues of groups not yet ended (a few per group) */
  let groupIssues: X12Issue[] = [];
  /** how many more issues the sets' summaries may keep */
  let setBudget = limit;
  /** issues of the set being read that it did not keep (its 'set' event comes after them) */
  let spilled = { issues: 0, reportableErrors: 0, reportable: 0 };
  const tally = (into: SetSummary['omitted'], issue: X12Issue): void => {
    into.issues++;
    if (issue.ackCode !== undefined && issue.position.set !== undefined) {
      into.reportable++;
      if (issue.severity === 'error') into.reportableErrors++;
    }
  };
  const add = (issue: X12Issue): void => {
    if (options.tolerant && TOLERATED.has(issue.code)) issue.severity = 'warning';
    if (issue.severity === 'error') {
      if (result.errorCount++ < limit) result.errors.push(issue);
      const p = issue.position;
      if (p.group !== undefined && p.set === undefined && (p.segmentId === 'GE' || issue.code === 'missing-trailer')) groupIssues.push(issue);
    } else if (result.warningCount++ < limit) result.warnings.push(issue);
    // TA1 note codes are three digits; 999 codes are one to three characters but never three digits
    if (interchange && issue.ackCode && /^\d{3}$/.test(issue.ackCode)) interchange.issues.push(issue);
    options.onIssue?.(issue);
  };
  /** What a set's summary keeps of its issues: trailer issues always (at most a few), others while the budget lasts. */
  const summarize = (issues: readonly X12Issue[]): Pick<SetSummary, 'issues' | 'omitted'> => {
    const kept: X12Issue[] = [];
    const omitted = spilled;
    spilled = { issues: 0, reportableErrors: 0, reportable: 0 };
    for (const issue of issues) {
      if (setBudget > 0 || TRAILER_CODES.has(issue.code)) {
        kept.push(issue);
        if (setBudget > 0) setBudget--;
      } else tally(omitted, issue);
    }
    return { issues: kept, omitted };
  };
  for await (const item of events) {
    if (Array.isArray(item)) {
      for (const event of item) take(event);
    } else take(item);
    const wait = options.pause?.();
    if (wait) await wait;
  }
  function take(event: X12Event): void {
    switch (event.type) {
      case 'delimiters':
        result.delimiters ??= event.delimiters;
        break;
      case 'interchange':
        result.interchanges++;
        result.firstInterchange ??= event.header;
        interchange = { header: event.header, issues: [] };
        if (!event.header.synthetic) result.interchangeSummaries.push(interchange);
        break;
      case 'interchange-end':
        interchange = null;
        break;
      case 'ta1':
        result.acknowledgements.push(event.acknowledgement);
        options.onAcknowledgement?.(event.acknowledgement);
        break;
      case 'issue':
        add(event.issue);
        break;
      case 'set-issue':
        add(event.issue);
        tally(spilled, event.issue);
        break;
      case 'claim':
        if (keep) result.claims.push(event.claim);
        options.onClaim?.(event.claim);
        break;
      case 'remittance':
        if (keep) result.remittances.push(event.remittance);
        options.onRemittance?.(event.remittance);
        break;
      case 'claim-payment':
        options.onClaimPayment?.(event.claim, event.remittance);
        break;
      case 'claim-status':
        if (keep) result.claimStatuses.push(event.status);
        options.onClaimStatus?.(event.status);
        break;
      case 'eligibility':
        if (keep) result.eligibility.push(event.entry);
        options.onEligibility?.(event.entry);
        break;
      case 'acknowledgement':
        if (keep) result.acknowledgements.push(event.acknowledgement);
        options.onGroupAcknowledgement?.(event.acknowledgement);
        break;
      case 'set-response':
        options.onSetResponse?.(event.response, event.acknowledgement);
        break;
      case 'set': {
        result.transactionSets++;
        const validated = event.validated ?? validateSet(event.set);
        const models = validated.models;
        for (const issue of validated.issues) add(issue);
        if (!event.validated) {
          // sets from a reader that did not check them: their claims come only here
          for (const claim of models.claims) options.onClaim?.(claim);
          for (const r of models.remittances) {
            options.onRemittance?.(r);
            for (const claim of r.claims) options.onClaimPayment?.(claim, r);
          }
          for (const status of models.claimStatuses) options.onClaimStatus?.(status);
          for (const entry of models.eligibility) options.onEligibility?.(entry);
          for (const a of models.acknowledgements) {
            options.onGroupAcknowledgement?.(a);
            for (const response of a.sets) options.onSetResponse?.(response, a);
          }
        }
        if (keep) {
          if (!event.validated) {
            for (const claim of models.claims) result.claims.push(claim);
            for (const r of models.remittances) result.remittances.push(r);
            for (const c of models.claimStatuses) result.claimStatuses.push(c);
            for (const e of models.eligibility) result.eligibility.push(e);
            for (const a of models.acknowledgements) result.acknowledgements.push(a);
          }
        }
        options.onSet?.(validated, models);
        pending.push({ interchange: event.set.interchange.control, group: event.set.group, type: event.set.type, control: event.set.control, implementation: event.set.implementation, ...summarize(validated.issues) });
        break;
      }
      case 'group-end': {
        result.groups++;
        const sets = pending.filter((s) => s.group === event.group);
        const control = event.group.control;
        result.groupSummaries.push({ group: event.group, interchange: event.interchange, declaredSets: event.declaredSets, sets, issues: groupIssues.filter((e) => e.position.group === control) });
        groupIssues = groupIssues.filter((e) => e.position.group !== control);
        pending = pending.filter((s) => s.group !== event.group);
        break;
      }
      default:
        break;
    }
  }
  if (result.transactionSets === 0 && result.errorCount === 0) {
    add({ code: 'no-transaction-set', severity: 'error', message: 'The file holds no ST..SE transaction set, so there is nothing to process.', position: { segment: 0, offset: 0, segmentId: '' } });
  }
  return result;
}

/** Reads a whole file (streamed) into models, errors and warnings. */
export function readX12File(path: string, options: ReadX12Options = {}): Promise<X12ReadResult> {
  return collectX12(readX12FileEventBatches(path, { ...options, check: { keepModels: options.keepModels ?? true } }), options);
}

/** Reads bytes or text already in memory. */
export function readX12(input: Uint8Array | string, options: ReadX12Options = {}): Promise<X12ReadResult> {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  return collectX12(readX12EventBatches([bytes], { ...options, check: { keepModels: options.keepModels ?? true } }), options);
}
