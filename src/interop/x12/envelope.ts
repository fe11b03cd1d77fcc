import type { X12Delimiters } from './delimiters.js';
import type { X12Issue, X12IssueCode, X12Position } from './errors.js';
import type { RawSegment } from './raw-segment.js';
import { el, type Segment } from './segment.js';
import { isaProblems, ta1From, ta1Problems } from './interchange.js';
import type { Acknowledgement } from './models.js';
import type { ModelSink } from './models/stream.js';
import { SetProcessor, type ValidatedSet } from './process.js';
import { idCodeOf, SegmentStore } from './store.js';

export interface InterchangeHeader {
  senderQualifier: string;
  senderId: string;
  receiverQualifier: string;
  receiverId: string;
  date: string;
  time: string;
  version: string;
  control: string;
  usage: string;
  /** ISA14 = 1: the sender asks for a TA1 */
  ackRequested: boolean;
  delimiters: X12Delimiters;
  /** true for a bare ST..SE read in tolerant mode */
  synthetic: boolean;
}

export interface GroupHeader {
  functionalId: string;
  sender: string;
  receiver: string;
  date: string;
  time: string;
  control: string;
  version: string;
  synthetic: boolean;
}

/** One ST..SE with its envelope context; the unit the reader hands out. */
export interface TransactionSet {
  interchange: InterchangeHeader;
  group: GroupHeader;
  /** ST01 */
  type: string;
  /** ST02 */
  control: string;
  /** ST03 or, when absent, GS08 */
  implementation: string;
  /** ST..SE inclusive (SE missing when the file was cut short) */
  segments: Segment[];
  /** envelope-level problems of this set (trailer, counts, control numbers) */
  issues: X12Issue[];
}

/** A set as read: its segments live in a flat store; `segments` makes Segment objects on first use. */
export class StoredTransactionSet implements TransactionSet {
  private made: Segment[] | undefined;

  constructor(
    readonly interchange: InterchangeHeader,
    readonly group: GroupHeader,
    readonly type: string,
    readonly control: string,
    readonly implementation: string,
    readonly store: SegmentStore,
    readonly issues: X12Issue[],
  ) {}

  get segments(): Segment[] {
    return (this.made ??= this.store.segments());
  }
}

/** The flat store of any set: the reader's own, or one built from a set made by hand. */
export function storeOf(set: TransactionSet): SegmentStore {
  return set instanceof StoredTransactionSet ? set.store : SegmentStore.fromSegments(set.segments);
}

/** What positions need of a segment. */
type Where = Pick<Segment, 'id' | 'index' | 'offset'>;

const [ISA, IEA, GS, GE, ST, SE, TA1] = ['ISA', 'IEA', 'GS', 'GE', 'ST', 'SE', 'TA1'].map(idCodeOf);
const ENVELOPE_CODES = new Set([ISA, IEA, GS, GE, ST, SE, TA1]);

export interface EnvelopeSink {
  /** a set has ended; `validated` when the tracker checks sets as it reads them */
  set(set: TransactionSet, validated?: ValidatedSet): void;
  issue(issue: X12Issue): void;
  interchangeStart(header: InterchangeHeader): void;
  groupEnd(group: GroupHeader, interchange: InterchangeHeader, declaredSets: number | undefined): void;
  interchangeEnd(header: InterchangeHeader): void;
  /** a TA1 interchange acknowledgement was read */
  ta1?(ack: Acknowledgement): void;
  /** an issue of the set being read beyond the MAX_SET_ISSUES it keeps (without this, sets keep every issue) */
  setIssue?(issue: X12Issue): void;
}

/** Bounds a single transaction set; bigger sets are still checked but their segments are not kept. */
const MAX_SEGMENTS_PER_SET = 2_000_000;

/** Tracks ISA/GS/ST nesting, checks trailers, counts and control numbers. */
export class EnvelopeTracker {
  private interchange: InterchangeHeader | null = null;
  private group: GroupHeader | null = null;
  private set: StoredTransactionSet | null = null;
  /** segments in the last set, to size the next one's store */
  private lastSegments = 1024;
  private setSegments = 0;
  private groupsInInterchange = 0;
  private setsInGroup = 0;
  private delims: X12Delimiters | null = null;
  counts = { interchanges: 0, groups: 0, transactionSets: 0 };

  private processor: SetProcessor | null = null;

  /**
   * With `check`, each set is validated and its models built while it is read (claims go to
   * `check.models` one at a time), and 837/835 sets are held only a claim at a time.
   */
  constructor(private readonly sink: EnvelopeSink, private readonly check?: { keepModels: boolean; models: ModelSink }) {}

  delimiters(d: X12Delimiters): void {
    this.delims = d;
  }

  private position(segment: Where, element?: number): X12Position {
    const p: X12Position = { segment: segment.index, offset: segment.offset, segmentId: segment.id };
    if (this.interchange && !this.interchange.synthetic) p.interchange = this.interchange.control;
    if (this.group && !this.group.synthetic) p.group = this.group.control;
    if (this.set) {
      p.set = this.set.control;
      p.segmentInSet = this.setSegments;
    }
    if (element !== undefined) p.element = element;
    return p;
  }

  /**
   * Adds the interchange, group and set (with the segment's number in it) to an issue found in the
   * segment that is about to be handed in: the envelopes open now are the ones it belongs to, except
   * that an ISA, GS or ST is not yet inside what it opens.
   */
  locate(issue: X12Issue): X12Issue {
    const p = issue.position;
    const id = p.segmentId;
    if (id === 'ISA') return issue;
    if (this.interchange && !this.interchange.synthetic) p.interchange ??= this.interchange.control;
    if (id === 'GS') return issue;
    if (this.group && !this.group.synthetic) p.group ??= this.group.control;
    if (id === 'ST' || !this.set) return issue;
    p.set ??= this.set.control;
    p.segmentInSet ??= this.setSegments + 1;
    return issue;
  }

  private problem(code: X12IssueCode, message: string, segment: Where, element?: number, ackCode?: string, toSet = false): void {
    const issue: X12Issue = { code, severity: 'error', message, position: this.position(segment, element) };
    if (ackCode) issue.ackCode = ackCode;
    if (toSet && this.set) this.set.issues.push(issue);
    else this.sink.issue(issue);
  }

  /**
   * The open set's processor, when the next segment (one that is no envelope segment: not
   * ISA/IEA/GS/GE/ST/SE/TA1) goes straight into it; the segment is counted. Null: hand it to
   * `segment` as usual. Lets a file worker's batches skip the per-segment plumbing.
   */
  processorFor(code: number): SetProcessor | null {
    const processor = this.processor;
    if (processor === null || this.set === null || ENVELOPE_CODES.has(code)) return null;
    if (!processor.bounded && this.set.store.count >= MAX_SEGMENTS_PER_SET) return null;
    this.setSegments++;
    return processor;
  }

  segment(s: RawSegment): void {
    const code = s.idCode;
    if (code === ISA) return this.openInterchange(s.toSegment());
    if (code === IEA) return this.closeInterchange(s.toSegment());
    if (code === GS) return this.openGroup(s.toSegment());
    if (code === GE) return this.closeGroup(s.toSegment());
    if (code === ST) return this.openSet(s);
    if (code === SE) return this.closeSet(s);
    if (code === TA1 && !this.set && this.interchange) return this.readTa1(s.toSegment());
    if (this.set) {
      this.setSegments++;
      const processor = this.processor;
      if (processor) {
        if (processor.bounded || this.set.store.count < MAX_SEGMENTS_PER_SET) processor.add(s);
      } else if (this.set.store.count < MAX_SEGMENTS_PER_SET) s.copyTo(this.set.store);
    } else {
      this.problem('segment-outside-envelope', `${s.id} is outside any ST..SE transaction set and was ignored.`, s, undefined, '2');
    }
  }

  private openInterchange(s: Segment): void {
    if (this.interchange) this.finishInterchange(s, 'another ISA started');
    this.interchange = {
      senderQualifier: el(s, 5), senderId: el(s, 6).trim(), receiverQualifier: el(s, 7), receiverId: el(s, 8).trim(),
      date: el(s, 9), time: el(s, 10), version: el(s, 12), control: el(s, 13), usage: el(s, 15), ackRequested: el(s, 14) === '1',
      delimiters: this.delims as X12Delimiters, synthetic: false,
    };
    this.groupsInInterchange = 0;
    this.counts.interchanges++;
    this.sink.interchangeStart(this.interchange);
    for (const [note, element, what] of isaProblems(s, this.interchange.delimiters)) {
      this.problem('isa-invalid', `${what} (TA1 note ${note}).`, s, element || undefined, note);
    }
  }

  private readTa1(s: Segment): void {
    this.sink.ta1?.(ta1From(s));
    for (const [element, what] of ta1Problems(s)) this.problem('ta1-invalid', `${what}.`, s, element);
  }

  private finishInterchange(at: Where, reason: string): void {
    if (this.group) this.finishGroup(at, reason);
    const ic = this.interchange as InterchangeHeader;
    if (!ic.synthetic) this.problem('missing-trailer', `Interchange ${ic.control} has no IEA trailer (${reason}).`, at, undefined, '023');
    this.sink.interchangeEnd(ic);
    this.interchange = null;
  }

  private closeInterchange(s: Segment): void {
    if (!this.interchange) {
      this.problem('segment-outside-envelope', 'IEA without a matching ISA.', s);
      return;
    }
    if (this.group) this.finishGroup(s, 'IEA came first');
    const ic = this.interchange;
    if (el(s, 2) !== ic.control) {
      const malformed = !/^\d{9}$/.test(el(s, 2));
      this.problem('control-number-mismatch', `IEA02 control number "${el(s, 2)}" does not match ISA13 "${ic.control}"${malformed ? ' (and is not 9 digits)' : ''}.`, s, 2, malformed ? '018' : '001');
    }
    if (Number(el(s, 1)) !== this.groupsInInterchange || el(s, 1) === '') this.problem('count-mismatch', `IEA01 says ${el(s, 1) || 'nothing'} functional groups but the interchange has ${this.groupsInInterchange}.`, s, 1, '021');
    this.sink.interchangeEnd(ic);
    this.interchange = null;
  }

  private ensureInterchange(s: Where): InterchangeHeader {
    if (this.interchange) return this.interchange;
    const d = this.delims as X12Delimiters;
    this.interchange = { senderQualifier: '', senderId: '', receiverQualifier: '', receiverId: '', date: '', time: '', version: '', control: '', usage: '', ackRequested: false, delimiters: d, synthetic: true };
    if (s.id !== 'ST') this.problem('segment-outside-envelope', `${s.id} appears outside an ISA interchange.`, s);
    this.counts.interchanges++;
    this.sink.interchangeStart(this.interchange);
    return this.interchange;
  }

  private openGroup(s: Segment): void {
    this.ensureInterchange(s);
    if (this.group) this.finishGroup(s, 'another GS started');
    this.group = { functionalId: el(s, 1), sender: el(s, 2), receiver: el(s, 3), date: el(s, 4), time: el(s, 5), control: el(s, 6), version: el(s, 8), synthetic: false };
    this.groupsInInterchange++;
    this.setsInGroup = 0;
    this.counts.groups++;
  }

  private finishGroup(at: Where, reason: string): void {
    if (this.set) this.finishSet(at, reason);
    const g = this.group as GroupHeader;
    if (!g.synthetic) this.problem('missing-trailer', `Functional group ${g.control} has no GE trailer (${reason}).`, at, undefined, '2');
    this.sink.groupEnd(g, this.interchange as InterchangeHeader, undefined);
    this.group = null;
  }

  private closeGroup(s: Segment): void {
    if (!this.group) {
      this.problem('segment-outside-envelope', 'GE without a matching GS.', s);
      return;
    }
    if (this.set) this.finishSet(s, 'GE came first');
    const g = this.group;
    if (el(s, 2) !== g.control) this.problem('control-number-mismatch', `GE02 control number "${el(s, 2)}" does not match GS06 "${g.control}".`, s, 2, '4');
    const declared = el(s, 1) === '' ? NaN : Number(el(s, 1));
    if (declared !== this.setsInGroup) this.problem('count-mismatch', `GE01 says ${el(s, 1) || 'nothing'} transaction sets but the group has ${this.setsInGroup}.`, s, 1, '5');
    this.sink.groupEnd(g, this.interchange as InterchangeHeader, Number.isNaN(declared) ? undefined : declared);
    this.group = null;
  }

  private openSet(raw: RawSegment): void {
    const s = raw.toSegment();
    const ic = this.ensureInterchange(s);
    if (!this.group) {
      this.group = { functionalId: '', sender: '', receiver: '', date: '', time: '', control: '', version: '', synthetic: true };
      if (!ic.synthetic) this.problem('segment-outside-envelope', 'ST appears outside a GS functional group.', s);
      this.counts.groups++;
      this.groupsInInterchange++;
      this.setsInGroup = 0;
    }
    if (this.set) this.finishSet(s, 'another ST started');
    const store = new SegmentStore(this.lastSegments);
    this.set = new StoredTransactionSet(ic, this.group, el(s, 1), el(s, 2), el(s, 3) || this.group.version, store, []);
    if (this.check) {
      const overflow = this.sink.setIssue?.bind(this.sink);
      this.processor = new SetProcessor(this.set, store, this.check.models, { keepModels: this.check.keepModels, stream: true, overflow }, raw.index);
      this.processor.add(raw);
    } else raw.copyTo(store);
    this.setSegments = 1;
    this.setsInGroup++;
    this.counts.transactionSets++;
  }

  private finishSet(at: Where, reason: string): void {
    const set = this.set as StoredTransactionSet;
    this.problem('missing-trailer', `Transaction set ${set.type} ${set.control} has no SE trailer (${reason}).`, at, undefined, '2', true);
    this.release(set);
  }

  private release(set: StoredTransactionSet): void {
    this.lastSegments = Math.max(64, set.store.count + 16);
    this.set = null;
    const processor = this.processor;
    this.processor = null;
    this.sink.set(set, processor?.finish());
  }

  private closeSet(raw: RawSegment): void {
    const s = raw.toSegment();
    if (!this.set) {
      this.problem('segment-outside-envelope', 'SE without a matching ST.', s);
      return;
    }
    this.setSegments++;
    const set = this.set;
    if (this.processor) this.processor.add(raw);
    else raw.copyTo(set.store);
    if (el(s, 2) !== set.control) this.problem('control-number-mismatch', `SE02 control number "${el(s, 2)}" does not match ST02 "${set.control}".`, s, 2, '3', true);
    if (el(s, 1) === '' || Number(el(s, 1)) !== this.setSegments) this.problem('count-mismatch', `SE01 says ${el(s, 1) || 'nothing'} segments but the set has ${this.setSegments} (ST through SE).`, s, 1, '4', true);
    this.release(set);
  }

  /** End of input: report whatever is still open. */
  end(lastSegment: Where | undefined): void {
    const at = lastSegment ?? { id: '', index: 0, offset: 0 };
    if (this.set) this.finishSet(at, 'the file ended');
    if (this.group) {
      if (this.group.synthetic) {
        this.sink.groupEnd(this.group, this.interchange as InterchangeHeader, undefined);
        this.group = null;
      } else this.finishGroup(at, 'the file ended');
    }
    if (this.interchange) {
      if (this.interchange.synthetic) {
        this.sink.interchangeEnd(this.interchange);
        this.interchange = null;
      } else this.finishInterchange(at, 'the file ended');
    }
  }
}
