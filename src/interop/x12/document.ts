import type { X12Delimiters } from './delimiters.js';
import type { GroupHeader, InterchangeHeader } from './envelope.js';
import type { X12Issue, X12IssueCode } from './errors.js';
import type { Acknowledgement, Claim837, ClaimStatus, Eligibility, Remittance835 } from './models.js';
import { acknowledgementFrom } from './models/ack999.js';
import { claimsFrom837 } from './models/claim837.js';
import { eligibilityFrom } from './models/eligibility.js';
import { remittanceBalance, remittanceFrom835 } from './models/remittance835.js';
import { claimStatusesFrom277 } from './models/status277.js';
import { readX12Events, readX12FileEvents, type ReadOptions, type X12Event } from './reader.js';
import { StoredLoop } from './schema/index.js';
import { setPosition, validateSet, type ValidatedSet } from './validate.js';

/**
 * Defects tolerant mode reports as warnings: bookkeeping that real senders get wrong without making
 * the content ambiguous (trailer counts and control numbers, HL numbering, totals, a cut-off end).
 */
export const TOLERATED: ReadonlySet<X12IssueCode> = new Set<X12IssueCode>(['count-mismatch', 'control-number-mismatch', 'hl-sequence', 'hl-parent', 'hl-child-code', 'claim-out-of-balance', 'remittance-out-of-balance', 'missing-trailer']);

/** What one transaction set yielded. */
export interface SetModels {
  claims: Claim837[];
  remittances: Remittance835[];
  acknowledgements: Acknowledgement[];
  claimStatuses: ClaimStatus[];
  eligibility: Eligibility[];
}

/** Enough of each set to acknowledge it after its segments are gone. */
export interface SetSummary {
  interchange: string;
  group: GroupHeader;
  type: string;
  control: string;
  implementation: string;
  issues: X12Issue[];
}

export interface GroupSummary {
  group: GroupHeader;
  interchange: InterchangeHeader;
  declaredSets: number | undefined;
  sets: SetSummary[];
  /** envelope problems of the group itself (GE count / control number) */
  issues: X12Issue[];
}

export interface X12ReadResult extends SetModels {
  interchanges: number;
  groups: number;
  transactionSets: number;
  delimiters: X12Delimiters | null;
  firstInterchange: InterchangeHeader | null;
  errors: X12Issue[];
  warnings: X12Issue[];
  groupSummaries: GroupSummary[];
}

export interface ReadX12Options extends ReadOptions {
  /** keep models in the result (default true); turn off to stream huge files through `onSet` */
  keepModels?: boolean;
  /** called for every transaction set as soon as it is read and checked */
  onSet?: (validated: ValidatedSet, models: SetModels) => void;
}

/** Models and semantic checks (balancing) for one validated set. */
export function modelsOf(v: ValidatedSet): SetModels {
  const models: SetModels = { claims: [], remittances: [], acknowledgements: [], claimStatuses: [], eligibility: [] };
  const { set, rule } = v;
  // the reader's trees are stored loops; a tree made another way is rebuilt from the set
  const tree = v.tree instanceof StoredLoop || !v.tree ? v.tree : validateSet(set).tree;
  if (!(tree instanceof StoredLoop) || !rule) return models;
  const d = set.interchange.delimiters;
  const at = (id: string): ReturnType<typeof setPosition> => setPosition(set, set.segments.find((s) => s.id === id) ?? set.segments[0]);
  if (set.type === '837') {
    const kind = rule.implementations[0].includes('X223') ? 'institutional' : 'professional';
    models.claims = claimsFrom837(tree, d, kind);
    const ids = new Set<string>();
    for (const claim of models.claims) {
      if (ids.has(claim.id)) {
        const clm = set.segments.filter((s) => s.id === 'CLM' && s.elements[1] === claim.id)[1] ?? set.segments[0];
        v.issues.push({ code: 'duplicate-claim-id', severity: 'warning', message: `Claim id (CLM01) "${claim.id}" is used by more than one claim in this set; 277CA and 835 responses cannot be matched to one claim.`, position: setPosition(set, clm, { element: 1, loop: '2300' }) });
      }
      ids.add(claim.id);
      const lines = claim.serviceLines.reduce((t, l) => t + Math.round(l.chargeAmount * 100), 0);
      if (claim.serviceLines.length > 0 && lines !== Math.round(claim.chargeAmount * 100)) {
        const clm = set.segments.find((s) => s.id === 'CLM' && s.elements[1] === claim.id) ?? set.segments[0];
        v.issues.push({ code: 'claim-out-of-balance', severity: 'error', message: `Claim ${claim.id} totals ${claim.chargeAmount.toFixed(2)} (CLM02) but its service lines add up to ${(lines / 100).toFixed(2)}.`, position: setPosition(set, clm, { element: 2, loop: '2300' }) });
      }
    }
  } else if (set.type === '835') {
    const r = remittanceFrom835(tree, d);
    const balance = remittanceBalance(r);
    if (!balance.balanced) {
      v.issues.push({ code: 'remittance-out-of-balance', severity: 'error', message: `BPR02 payment ${balance.actual.toFixed(2)} does not equal claim payments minus provider adjustments (${balance.expected.toFixed(2)}).`, position: { ...at('BPR'), element: 2 } });
    }
    models.remittances.push(r);
  } else if (set.type === '999' || set.type === '997') models.acknowledgements.push(acknowledgementFrom(tree, d, set.type));
  else if (set.type === '277') models.claimStatuses = claimStatusesFrom277(tree, d);
  else if (set.type === '270' || set.type === '271') models.eligibility = eligibilityFrom(tree, d, set.type === '270' ? 'request' : 'response');
  return models;
}

/** Consumes reader events into a result; works on any event source. */
export async function collectX12(events: AsyncIterable<X12Event>, options: ReadX12Options = {}): Promise<X12ReadResult> {
  const keep = options.keepModels ?? true;
  const result: X12ReadResult = {
    interchanges: 0, groups: 0, transactionSets: 0, delimiters: null, firstInterchange: null,
    claims: [], remittances: [], acknowledgements: [], claimStatuses: [], eligibility: [], errors: [], warnings: [], groupSummaries: [],
  };
  let pending: SetSummary[] = [];
  const add = (issue: X12Issue): void => {
    if (options.tolerant && TOLERATED.has(issue.code)) issue.severity = 'warning';
    (issue.severity === 'error' ? result.errors : result.warnings).push(issue);
  };
  for await (const event of events) {
    switch (event.type) {
      case 'delimiters':
        result.delimiters ??= event.delimiters;
        break;
      case 'interchange':
        result.interchanges++;
        result.firstInterchange ??= event.header;
        break;
      case 'issue':
        add(event.issue);
        break;
      case 'set': {
        result.transactionSets++;
        const validated = validateSet(event.set);
        const models = modelsOf(validated);
        for (const issue of validated.issues) add(issue);
        if (keep) {
          result.claims.push(...models.claims);
          result.remittances.push(...models.remittances);
          result.acknowledgements.push(...models.acknowledgements);
          result.claimStatuses.push(...models.claimStatuses);
          result.eligibility.push(...models.eligibility);
        }
        options.onSet?.(validated, models);
        pending.push({ interchange: event.set.interchange.control, group: event.set.group, type: event.set.type, control: event.set.control, implementation: event.set.implementation, issues: validated.issues });
        break;
      }
      case 'group-end': {
        result.groups++;
        const sets = pending.filter((s) => s.group === event.group);
        const groupIssues = result.errors.filter((e) => e.position.group === event.group.control && (e.position.segmentId === 'GE' || e.code === 'missing-trailer') && e.position.set === undefined);
        result.groupSummaries.push({ group: event.group, interchange: event.interchange, declaredSets: event.declaredSets, sets, issues: groupIssues });
        pending = pending.filter((s) => s.group !== event.group);
        break;
      }
      default:
        break;
    }
  }
  if (result.transactionSets === 0 && result.errors.length === 0) {
    add({ code: 'no-transaction-set', severity: 'error', message: 'The file holds no ST..SE transaction set, so there is nothing to process.', position: { segment: 0, offset: 0, segmentId: '' } });
  }
  return result;
}

/** Reads a whole file (streamed) into models, errors and warnings. */
export function readX12File(path: string, options: ReadX12Options = {}): Promise<X12ReadResult> {
  return collectX12(readX12FileEvents(path, options), options);
}

/** Reads bytes or text already in memory. */
export function readX12(input: Uint8Array | string, options: ReadX12Options = {}): Promise<X12ReadResult> {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  return collectX12(readX12Events([bytes], options), options);
}
