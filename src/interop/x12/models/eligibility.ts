import type { X12Delimiters } from '../delimiters.js';
import type { Benefit, Eligibility, Party } from '../models.js';
import { childLoops, firstSegment, type LoopNode, segmentOf, segmentsOf } from '../schema/index.js';
import { el, reps, type Segment } from '../segment.js';
import { num, partyFromNm1 } from './party.js';
import type { StoredLoop } from '../schema/engine.js';
import type { BuildContext, StreamingBuilder } from './stream.js';

type Person = Party & { dateOfBirth?: string; gender?: string };

function personOf(loop: LoopNode | undefined): Person {
  const person: Person = partyFromNm1(segmentOf(loop, 'NM1'), loop);
  const dmg = segmentOf(loop, 'DMG');
  if (dmg && el(dmg, 2)) person.dateOfBirth = el(dmg, 2);
  if (dmg && el(dmg, 3)) person.gender = el(dmg, 3);
  return person;
}

function benefitOf(loop: LoopNode, d: X12Delimiters): Benefit {
  const eb = firstSegment(loop);
  const benefit: Benefit = { code: el(eb, 1), serviceTypes: reps(eb, 3, d), messages: segmentsOf(loop, 'MSG').map((m) => el(m, 1)) };
  if (el(eb, 2)) benefit.coverageLevel = el(eb, 2);
  if (el(eb, 4)) benefit.insuranceType = el(eb, 4);
  if (el(eb, 5)) benefit.planDescription = el(eb, 5);
  if (el(eb, 6)) benefit.timePeriod = el(eb, 6);
  if (el(eb, 7)) benefit.amount = num(el(eb, 7));
  if (el(eb, 8)) benefit.percent = num(el(eb, 8));
  if (el(eb, 12)) benefit.inNetwork = el(eb, 12);
  return benefit;
}

const rejectionsOf = (segments: Segment[], level: string): Eligibility['rejections'] =>
  segments.filter((s) => s.id === 'AAA').map((s) => {
    const r: Eligibility['rejections'][number] = { level, code: el(s, 3) };
    if (el(s, 4)) r.action = el(s, 4);
    return r;
  });

/** What an entry takes from the levels above its subscriber: the source (2000A) and receiver (2000B). */
export interface EligibilityLevels {
  informationSource: Person;
  sourceRejections: Eligibility['rejections'];
  informationReceiver?: Person;
  receiverRejections: Eligibility['rejections'];
}

/** The information source of a 2000A: its party and the refusals (AAA) at its level. */
export function sourceLevel(source: LoopNode): Pick<EligibilityLevels, 'informationSource' | 'sourceRejections'> {
  const sourceLoop = childLoops(source, '2100A')[0];
  return { informationSource: personOf(sourceLoop), sourceRejections: [...rejectionsOf(source.segments, 'source'), ...rejectionsOf(sourceLoop?.segments ?? [], 'source')] };
}

/** The information receiver of a 2000B and its refusals. */
export function receiverLevel(receiver: LoopNode): Pick<EligibilityLevels, 'informationReceiver' | 'receiverRejections'> {
  const receiverLoop = childLoops(receiver, '2100B')[0];
  return { informationReceiver: personOf(receiverLoop), receiverRejections: rejectionsOf(receiverLoop?.segments ?? [], 'receiver') };
}

/** The entry of a source or receiver that the payer refused before reaching any subscriber. */
export function refusedEntry(kind: Eligibility['kind'], levels: EligibilityLevels): Eligibility {
  const entry: Eligibility = { kind, traceNumbers: [], informationSource: levels.informationSource, subscriber: { name: '', entityType: '1' }, serviceTypes: [], benefits: [], rejections: [...levels.sourceRejections, ...levels.receiverRejections] };
  if (levels.informationReceiver) {
    // keys in the order readers have always seen them
    const { subscriber, serviceTypes, benefits, rejections, ...head } = entry;
    return { ...head, informationReceiver: levels.informationReceiver, subscriber, serviceTypes, benefits, rejections };
  }
  return entry;
}

/** One subscriber (2000C) with its first dependent (2000D), when present. */
export function subscriberEntry(sub: LoopNode, d: X12Delimiters, kind: Eligibility['kind'], levels: EligibilityLevels): Eligibility {
  const subLoop = childLoops(sub, '2100C')[0];
  const entry: Eligibility = {
    kind,
    traceNumbers: segmentsOf(sub, 'TRN').map((t) => el(t, 2)),
    informationSource: levels.informationSource,
    informationReceiver: levels.informationReceiver,
    subscriber: personOf(subLoop),
    serviceTypes: [],
    benefits: [],
    rejections: [...levels.sourceRejections, ...levels.receiverRejections, ...rejectionsOf(subLoop?.segments ?? [], 'subscriber')],
  };
  const collect = (parent: LoopNode, suffix: string, level: string): void => {
    for (const eq of childLoops(parent, `2110${suffix}`)) {
      const s = firstSegment(eq);
      if (s.id === 'EQ') entry.serviceTypes.push(...reps(s, 1, d));
      else {
        entry.benefits.push(benefitOf(eq, d));
        entry.rejections.push(...rejectionsOf(eq.segments, level));
      }
    }
  };
  collect(sub, 'C', 'subscriber');
  const dep = childLoops(sub, '2000D')[0];
  if (dep) {
    const depLoop = childLoops(dep, '2100D')[0];
    entry.dependent = personOf(depLoop);
    entry.traceNumbers.push(...segmentsOf(dep, 'TRN').map((t) => el(t, 2)));
    entry.rejections.push(...rejectionsOf(depLoop?.segments ?? [], 'dependent'));
    collect(dep, 'D', 'dependent');
  }
  return entry;
}

/** One entry per subscriber (2000C) of a 270 or 271 loop tree, with its dependent when present (see Eligibility270Builder for reading while streaming). */
export function eligibilityFrom(root: LoopNode, d: X12Delimiters, kind: Eligibility['kind']): Eligibility[] {
  const out: Eligibility[] = [];
  for (const source of childLoops(root, '2000A')) {
    const src = sourceLevel(source);
    const receivers = childLoops(source, '2000B');
    if (receivers.length === 0 && src.sourceRejections.length > 0) out.push(refusedEntry(kind, { ...src, receiverRejections: [] }));
    for (const receiver of receivers) {
      const levels: EligibilityLevels = { ...src, ...receiverLevel(receiver) };
      const subscribers = childLoops(receiver, '2000C');
      if (subscribers.length === 0 && levels.sourceRejections.length + levels.receiverRejections.length > 0) out.push(refusedEntry(kind, levels));
      for (const sub of subscribers) out.push(subscriberEntry(sub, d, kind, levels));
    }
  }
  return out;
}

/**
 * 270/271 entries, one per subscriber (2000C), each built when its loop closes with the source and
 * receiver above it (read once, when their name loops have closed); subscriber levels are done with
 * once closed, so a set of any size is held a subscriber at a time. A source or receiver refused
 * before any subscriber (AAA) gets its own entry when its level closes.
 */
export class Eligibility270Builder implements StreamingBuilder {
  readonly droppable = new Set(['2000C']);
  readonly entries: Eligibility[] = [];
  private source: StoredLoop | null = null;
  private receiver: StoredLoop | null = null;
  private levels: EligibilityLevels | null = null;
  private receivers = 0;
  private subscribers = 0;

  constructor(private readonly ctx: BuildContext, private readonly kind: Eligibility['kind']) {}

  opened(node: StoredLoop): void {
    if (node.id === '2000A') {
      this.source = node;
      this.receiver = null;
      this.levels = null;
      this.receivers = 0;
    } else if (node.id === '2000B') {
      this.receiver = node;
      this.levels = null;
      this.receivers++;
      this.subscribers = 0;
    }
  }

  /** Source and receiver parts, read when the first entry below them needs them (their name loops have closed). */
  private levelsNow(): EligibilityLevels {
    if (this.levels) return this.levels;
    const source = this.source ? sourceLevel(this.source) : { informationSource: { name: '', entityType: '2' as const }, sourceRejections: [] };
    const receiver = this.receiver ? receiverLevel(this.receiver) : { receiverRejections: [] };
    this.levels = { ...source, ...receiver };
    return this.levels;
  }

  closed(node: StoredLoop): void {
    if (node.id === '2000C') {
      this.subscribers++;
      this.add(subscriberEntry(node, this.ctx.delimiters, this.kind, this.levelsNow()));
    } else if (node.id === '2000B') {
      const levels = this.levelsNow();
      if (this.subscribers === 0 && levels.sourceRejections.length + levels.receiverRejections.length > 0) this.add(refusedEntry(this.kind, levels));
      this.receiver = null;
      this.levels = null;
    } else if (node.id === '2000A') {
      if (this.receivers === 0) {
        const levels = this.levelsNow();
        if (levels.sourceRejections.length > 0) this.add(refusedEntry(this.kind, { informationSource: levels.informationSource, sourceRejections: levels.sourceRejections, receiverRejections: [] }));
      }
      this.source = null;
      this.levels = null;
    }
  }

  private add(entry: Eligibility): void {
    if (this.ctx.keep) this.entries.push(entry);
    this.ctx.sink.eligibility?.(entry);
  }

  finish(): void {
    // every entry was handed on as its level closed
  }
}
