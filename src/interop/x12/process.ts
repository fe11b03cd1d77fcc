import type { TransactionSet } from './envelope.js';
import type { X12Issue, X12Position } from './errors.js';
import { HierarchyChecker } from './hl.js';
import type { Acknowledgement, Claim837, ClaimStatus, Eligibility, Remittance835 } from './models.js';
import { Acknowledgement999Builder } from './models/ack999.js';
import { Eligibility270Builder } from './models/eligibility.js';
import { ClaimStatus277Builder } from './models/status277.js';
import { Claims837Builder, Remittance835Builder, type BuildContext, type ModelSink, type StreamingBuilder } from './models/stream.js';
import type { RawSegment } from './raw-segment.js';
import { checkElements, ruleFor, type LoopNode, type TransactionRule } from './schema/index.js';
import { LoopPlacer, type StoredLoop } from './schema/engine.js';
import { idCodeOf, type SegmentStore } from './store.js';

/** What one transaction set yielded. */
export interface SetModels {
  claims: Claim837[];
  remittances: Remittance835[];
  acknowledgements: Acknowledgement[];
  claimStatuses: ClaimStatus[];
  eligibility: Eligibility[];
}

export interface ValidatedSet {
  set: TransactionSet;
  rule: TransactionRule | undefined;
  /**
   * The loop tree, or undefined when there is no guide for this transaction. For an 837 or 835
   * read from a file, claims are handed on and forgotten as they are read, so the tree holds only
   * what was still open or above the claims.
   */
  tree: LoopNode | undefined;
  /** envelope, structure, element and HL problems, in segment order */
  issues: X12Issue[];
  /** the set's models (for a streamed 837/835 read with keepModels off, without its claims) */
  models: SetModels;
}

export interface ProcessOptions {
  /** keep claims in the set's models (otherwise they only go to the sink) */
  keepModels: boolean;
  /** forget 837/835 claims' segments once their models are built, so a set of any size fits in bounded memory */
  stream: boolean;
  /**
   * Where a set's issues beyond MAX_SET_ISSUES go, as they are found, instead of being kept in the
   * set's list (without it every issue is kept).
   */
  overflow?: (issue: X12Issue) => void;
}

/** issues a set keeps (when later ones have somewhere to go), plus those of the segment that reached it: a set with millions of problems stays bounded */
export const MAX_SET_ISSUES = 1000;

const HL = idCodeOf('HL');
/** a streamed set's store is compacted once it holds this many segments and a claim has been finished */
const COMPACT_AT = 2048;

/**
 * Checks one transaction set a segment at a time: element rules, HL numbering, placement in the
 * guide's loops, and models as their loops close. Streaming (837, 835, 277, 270/271 and 999/997 read from a file),
 * each claim's segments are forgotten once its model is built, so memory does not grow with the set.
 */
export class SetProcessor {
  private readonly rule: TransactionRule | undefined;
  private readonly placer: LoopPlacer | null;
  private hl: HierarchyChecker | null = null;
  private readonly issues: X12Issue[] = [];
  private readonly builder: StreamingBuilder | null = null;
  private readonly claims837: Claims837Builder | null = null;
  private readonly remit835: Remittance835Builder | null = null;
  private readonly status277: ClaimStatus277Builder | null = null;
  private readonly eligibility: Eligibility270Builder | null = null;
  private readonly ack999: Acknowledgement999Builder | null = null;
  private finishedUnit = false;
  /** the lengths of the issue lists (element, placement, HL) when the set reached MAX_SET_ISSUES */
  private kept: number[] | undefined;
  /** compact when the store holds this many segments (grows when much must be kept, so compaction stays linear) */
  private compactAt = COMPACT_AT;
  private readonly first: number;
  private readonly elementPosition = (i: number, element: number): X12Position => this.position(i, { element });

  constructor(
    readonly set: TransactionSet,
    readonly store: SegmentStore,
    sink: ModelSink,
    private readonly options: ProcessOptions,
    /** file segment number of the set's ST */
    first: number,
  ) {
    this.first = first;
    this.rule = ruleFor(set.type, set.implementation);
    if (!this.rule) {
      this.placer = null;
      return;
    }
    const events = {
      opened: (node: StoredLoop, parent: StoredLoop): void => this.builder?.opened?.(node, parent),
      closed: (node: StoredLoop, parent: StoredLoop): void => this.closed(node, parent),
    };
    this.placer = new LoopPlacer(this.rule, store, (i, segmentId) => this.position(i, segmentId ? { segmentId } : {}), events);
    const ctx: BuildContext = {
      delimiters: set.interchange.delimiters,
      keep: options.keepModels,
      sink,
      issue: (issue) => this.issues.push(issue),
      position: (i, extra) => this.position(i, extra),
    };
    if (set.type === '837') {
      this.claims837 = new Claims837Builder(ctx, this.rule.implementations[0].includes('X223') ? 'institutional' : 'professional');
      this.builder = this.claims837;
    } else if (set.type === '835') {
      this.remit835 = new Remittance835Builder(ctx, this.placer.root);
      this.builder = this.remit835;
    } else if (set.type === '277') {
      this.status277 = new ClaimStatus277Builder(ctx);
      this.builder = this.status277;
    } else if (set.type === '270' || set.type === '271') {
      this.eligibility = new Eligibility270Builder(ctx, set.type === '270' ? 'request' : 'response');
      this.builder = this.eligibility;
    } else if (set.type === '999' || set.type === '997') {
      this.ack999 = new Acknowledgement999Builder(ctx, this.placer.root, set.type);
      this.builder = this.ack999;
    }
  }

  /** Position of store segment i: ST is segment 1 of the set, as the 999 counts. */
  position(i: number, extra: Partial<X12Position> = {}): X12Position {
    return this.positionOf(this.store.index(i), this.store.offset(i), this.store.id(i), extra);
  }

  private positionOf(index: number, offset: number, segmentId: string, extra: Partial<X12Position>): X12Position {
    const set = this.set;
    const p: X12Position = { segment: index, offset, segmentId, segmentInSet: index - this.first + 1, set: set.control };
    if (!set.interchange.synthetic) p.interchange = set.interchange.control;
    if (!set.group.synthetic) p.group = set.group.control;
    return Object.assign(p, extra);
  }

  private closed(node: StoredLoop, parent: StoredLoop): void {
    const builder = this.builder;
    if (!builder) return;
    builder.closed?.(node, parent);
    if (this.options.stream && builder.droppable.has(node.id)) {
      const siblings = parent.children;
      if (siblings[siblings.length - 1] === node) siblings.pop();
      else siblings.splice(siblings.indexOf(node), 1);
      this.finishedUnit = true;
    }
  }

  /** Whether the set's memory stays bounded whatever its size (a streamed 837, 835, 277, 270/271 or 999/997). */
  get bounded(): boolean {
    return this.options.stream && this.builder !== null;
  }

  /** Copies the segment the tokenizer has just read into the store and checks it. */
  add(raw: RawSegment): void {
    raw.copyTo(this.store);
    this.check(this.store.count - 1, raw.clean);
  }

  /** Checks segment i of the store (the last one added); `clean`: its element rules were checked already and hold. */
  check(i: number, clean = false): void {
    this.checkSegment(i, clean);
    const out = this.options.overflow;
    if (out !== undefined && this.issues.length + (this.placer?.issues.length ?? 0) + (this.hl?.issues.length ?? 0) > MAX_SET_ISSUES) this.spill(out);
  }

  /**
   * Once the set holds MAX_SET_ISSUES issues (with all of the segment that reached them), every
   * later one is handed on as soon as its segment has been checked (it then knows its loop).
   */
  private spill(out: (issue: X12Issue) => void): void {
    const lists = [this.issues, this.placer?.issues ?? [], this.hl?.issues ?? []];
    const kept = (this.kept ??= lists.map((list) => list.length));
    // lists are only appended to: what is past the lengths they had when full is new
    for (let k = 0; k < lists.length; k++) for (const issue of lists[k].splice(kept[k])) out(issue);
  }

  private checkSegment(i: number, clean: boolean): void {
    const store = this.store;
    const found = clean ? null : checkElements(store, i, this.set.interchange.delimiters, this.elementPosition, this.rule !== undefined);
    if (found) for (const issue of found) this.issues.push(issue);
    const hlIssues = this.hl ? this.hl.issues.length : 0;
    if (store.idCode(i) === HL) {
      this.hl ??= new HierarchyChecker(this.elementPosition, (index, offset, segmentId, element) => this.positionOf(index, offset, segmentId, { element }));
      this.hl.add(store, i);
    }
    const placer = this.placer;
    if (placer) {
      placer.place(i);
      // the segment's loop is known once it is placed: element and HL problems carry it (a 999's IK303)
      if (placer.lastLoop !== '') {
        if (found) for (const issue of found) issue.position.loop ??= placer.lastLoop;
        const hl = this.hl;
        if (hl) for (let k = hlIssues; k < hl.issues.length; k++) if (hl.issues[k].position.segmentId === 'HL' && hl.issues[k].position.segment === store.index(i)) hl.issues[k].position.loop ??= placer.lastLoop;
      }
      if (this.finishedUnit && store.count >= this.compactAt) this.compact();
    }
  }

  /** Keeps only the segments the loop tree still holds (a claim's are gone once it is built). */
  private compact(): void {
    this.finishedUnit = false;
    const placer = this.placer as LoopPlacer;
    const map = this.store.compact(placer.heldSegments());
    placer.renumber((i) => map.get(i) as number);
    this.compactAt = Math.max(COMPACT_AT, this.store.count * 2);
  }

  /** The set has ended (SE read, or the file or envelope ended first). */
  finish(): ValidatedSet {
    const store = this.store;
    const models: SetModels = { claims: [], remittances: [], acknowledgements: [], claimStatuses: [], eligibility: [] };
    if (this.placer && store.count > 0) this.placer.finish(store.count - 1);
    this.hl?.finish();
    const rule = this.rule;
    const set = this.set;
    const tree = this.placer?.root;
    if (tree && rule) {
      this.builder?.finish(tree);
      if (this.claims837) models.claims = this.claims837.claims;
      else if (this.remit835?.remittance) models.remittances.push(this.remit835.remittance);
      else if (this.ack999?.acknowledgement) models.acknowledgements.push(this.ack999.acknowledgement);
      else if (this.status277) models.claimStatuses = this.status277.statuses;
      else if (this.eligibility) models.eligibility = this.eligibility.entries;
    } else if (store.count > 0) {
      const known = ['837', '835', '999', '997', '277', '270', '271'].includes(set.type);
      this.issues.push({
        code: known ? 'non-5010-version' : 'unsupported-transaction',
        severity: 'warning',
        message: known
          ? `Transaction ${set.type} uses version "${set.implementation}", not a 5010 guide we know; only the envelope was checked.`
          : `Transaction set ${set.type} has no implementation guide here; only the envelope was checked.`,
        position: this.position(0),
      });
    }
    const issues = [...set.issues, ...this.issues, ...(this.placer?.issues ?? []), ...(this.hl?.issues ?? [])];
    issues.sort((a, b) => a.position.segment - b.position.segment);
    return { set, rule, tree, issues, models };
  }
}
