import type { X12Issue, X12IssueCode } from '../errors.js';
import type { Segment } from '../segment.js';
import { ID_CODES, idCodeOf, type SegmentStore } from '../store.js';
import type { Entry, LoopRule, TransactionRule } from './rules.js';

/** A loop instance as found in a transaction set. */
export interface LoopNode {
  id: string;
  name: string;
  segments: Segment[];
  children: LoopNode[];
}

/** A loop instance whose segments are positions in a set's store; Segment objects are made on request. */
export class StoredLoop implements LoopNode {
  readonly children: StoredLoop[] = [];
  private made: Segment[] | undefined;

  constructor(readonly id: string, readonly name: string, readonly store: SegmentStore, readonly at: number[]) {}

  get segments(): Segment[] {
    return (this.made ??= this.at.map((i) => this.store.segment(i)));
  }

  /** Drops the Segment objects made so far (the store was compacted: they point at old positions). */
  forgetSegments(): void {
    this.made = undefined;
  }
}

/** A loop rule with each entry's segment id as a number and its qualifier, for matching without strings. */
interface CompiledLoop {
  codes: Int32Array;
  /** entry positions by segment kind (see KINDS), ascending: placement looks only at entries that can match */
  byKind: (number[] | undefined)[];
  matchElement: Int32Array;
  values: (readonly string[] | undefined)[];
  /** entries that are required (checked when the loop closes) */
  required: number[];
  /** compiled child loops by entry position, made on first use */
  children: (CompiledLoop | undefined)[];
}

const compiled = new WeakMap<LoopRule, CompiledLoop>();

/**
 * Every segment id a guide names gets a small number (its kind) the first time a loop naming it is
 * compiled; other ids are kind 0. Placement then finds a loop's candidate entries with two array
 * loads instead of a hash lookup per open loop.
 */
const KINDS = new Uint16Array(ID_CODES);
let kindsUsed = 0;

function kindOf(code: number): number {
  if (code < 0) return 0;
  return KINDS[code] || (KINDS[code] = ++kindsUsed);
}

function compile(rule: LoopRule): CompiledLoop {
  let c = compiled.get(rule);
  if (c) return c;
  const n = rule.entries.length;
  c = { codes: new Int32Array(n), byKind: [], matchElement: new Int32Array(n), values: new Array(n), required: [], children: new Array(n) };
  rule.entries.forEach((entry, k) => {
    const seg = entry.kind === 'segment' ? entry : (entry.entries[0] as Entry & { kind: 'segment' });
    (c as CompiledLoop).codes[k] = idCodeOf(seg.id);
    (c as CompiledLoop).matchElement[k] = seg.match ? seg.match.element : -1;
    (c as CompiledLoop).values[k] = seg.match?.values;
    const kind = kindOf(idCodeOf(seg.id));
    const byKind = (c as CompiledLoop).byKind;
    while (byKind.length <= kind) byKind.push(undefined);
    (byKind[kind] ??= []).push(k);
    if (entry.usage === 'R') (c as CompiledLoop).required.push(k);
  });
  compiled.set(rule, c);
  return c;
}

function matches(c: CompiledLoop, k: number, store: SegmentStore, i: number, code: number): boolean {
  return c.codes[k] === code && qualifierMatches(c, k, store, i);
}

function qualifierMatches(c: CompiledLoop, k: number, store: SegmentStore, i: number): boolean {
  const element = c.matchElement[k];
  if (element < 0) return true;
  for (const v of c.values[k] as readonly string[]) if (store.elEquals(i, element, v)) return true;
  return false;
}

interface Frame {
  rule: LoopRule;
  c: CompiledLoop;
  node: StoredLoop;
  pos: number;
  counts: Int32Array;
}

/** Frames are reused by depth: a loop opens once per claim or line, so this saves that garbage. */
class FrameStack {
  private readonly frames: Frame[] = [];
  length = 0;

  push(rule: LoopRule, c: CompiledLoop, node: StoredLoop, first: number): void {
    let f = this.frames[this.length];
    const n = rule.entries.length;
    if (!f) f = this.frames[this.length] = { rule, c, node, pos: 0, counts: new Int32Array(Math.max(32, n)) };
    else {
      f.rule = rule;
      f.c = c;
      f.node = node;
      f.pos = 0;
      if (f.counts.length < n) f.counts = new Int32Array(n);
      else f.counts.fill(0, 0, n);
    }
    f.counts[0] = first;
    this.length++;
  }

  at(depth: number): Frame {
    return this.frames[depth];
  }

  pop(): Frame {
    return this.frames[--this.length];
  }
}

export interface StructureResult {
  root: StoredLoop;
  issues: X12Issue[];
}

/** Told when a loop instance opens and when it closes (its last segment has been placed). */
export interface LoopEvents {
  opened?(node: StoredLoop, parent: StoredLoop): void;
  closed?(node: StoredLoop, parent: StoredLoop): void;
}

/**
 * Places each segment of a set in the guide's loop tree, one segment at a time. The innermost open
 * loop is searched first, then its parents, always forward from the last matched position, as the
 * guides order segments; a loop's first segment opens a new repeat of it. Matching compares the id
 * code and, where the guide names one, the qualifier's bytes. Problems go to `issues` as they are
 * found; `events` hears loops open and close, so models can be built loop by loop while reading.
 */
export class LoopPlacer {
  readonly root: StoredLoop;
  readonly issues: X12Issue[] = [];
  /** the guide's loop id of the loop the last placed segment went into ('' at the transaction set's own level) */
  lastLoop = '';
  private readonly stack = new FrameStack();

  constructor(
    private readonly rule: TransactionRule,
    private readonly store: SegmentStore,
    private readonly position: (i: number, segmentId?: string) => X12Issue['position'],
    private readonly events: LoopEvents = {},
  ) {
    this.root = new StoredLoop(rule.root.id, rule.root.name, store, []);
    this.stack.push(rule.root, compile(rule.root), this.root, 0);
  }

  private problem(code: X12IssueCode, ackCode: string, message: string, i: number, loopId: string, segmentId?: string): void {
    const p = this.position(i, segmentId);
    // the set's own level is no loop (a 999's IK303 is left empty there)
    if (loopId !== this.rule.root.id) p.loop = loopId;
    this.issues.push({ code, severity: 'error', message, position: p, ackCode });
  }

  /**
   * Pops the innermost loop, reporting its missing required parts at segment `at` (the one that
   * ended the loop): the position names the missing segment, as a 999's IK3 does, and the message
   * says which segment is at that byte.
   */
  private close(at: number): void {
    const frame = this.stack.pop();
    const entries = frame.rule.entries;
    const required = frame.c.required;
    for (let r = 0; r < required.length; r++) {
      const k = required[r];
      if (frame.counts[k] > 0) continue;
      const entry = entries[k];
      if (entry.kind === 'segment') {
        const q = entry.match ? `${entry.id}*${entry.match.values[0]}` : entry.id;
        this.problem('missing-segment', '3', `Loop ${frame.rule.id} (${frame.rule.name}) is missing its required ${q} segment (the loop ended at the ${this.store.id(at)} segment without it).`, at, frame.rule.id, entry.id);
      } else {
        this.problem('missing-loop', '3', `Loop ${frame.rule.id} (${frame.rule.name}) is missing required loop ${entry.id} (${entry.name}) (the loop ended at the ${this.store.id(at)} segment without it).`, at, frame.rule.id, entry.entries[0].kind === 'segment' ? entry.entries[0].id : '');
      }
    }
    if (this.stack.length > 0 && this.events.closed) this.events.closed(frame.node, this.stack.at(this.stack.length - 1).node);
  }

  /** Places segment i of the store. */
  place(i: number): void {
    const store = this.store;
    const stack = this.stack;
    const code = store.idCode(i);
    const kind = code >= 0 ? KINDS[code] : 0;
    for (let depth = stack.length - 1; depth >= 0 && kind !== 0; depth--) {
      const frame = stack.at(depth);
      const byKind = frame.c.byKind;
      const candidates = kind < byKind.length ? byKind[kind] : undefined;
      if (candidates === undefined) continue;
      const entries = frame.rule.entries;
      const c = frame.c;
      // index 0 is the loop's own trigger: a repeat of it is found by the parent
      const from = frame.pos > 0 ? frame.pos : depth === 0 ? 0 : 1;
      for (let m = 0; m < candidates.length; m++) {
        const k = candidates[m];
        if (k < from || !qualifierMatches(c, k, store, i)) continue;
        const entry = entries[k];
        while (stack.length - 1 > depth) this.close(i);
        frame.pos = k;
        const count = ++frame.counts[k];
        if (count > entry.max) {
          if (entry.kind === 'segment') this.problem('segment-repeat', '5', `${store.id(i)} appears ${count} times in loop ${frame.rule.id}; the guide allows ${entry.max}.`, i, frame.rule.id);
          else this.problem('loop-repeat', '4', `Loop ${entry.id} (${entry.name}) repeats ${count} times; the guide allows ${entry.max}.`, i, entry.id);
        }
        if (entry.kind === 'segment') {
          frame.node.at.push(i);
          this.lastLoop = depth === 0 ? '' : frame.rule.id;
        } else {
          this.lastLoop = entry.id;
          const node = new StoredLoop(entry.id, entry.name, store, [i]);
          frame.node.children.push(node);
          stack.push(entry, (c.children[k] ??= compile(entry)), node, 1);
          this.events.opened?.(node, frame.node);
        }
        return;
      }
    }
    const top = stack.at(stack.length - 1);
    let earlier = -1;
    for (let k = 1; k < top.pos && earlier < 0; k++) if (top.rule.entries[k].kind === 'segment' && matches(top.c, k, store, i, code)) earlier = k;
    const id = store.id(i);
    if (earlier >= 0) top.counts[earlier]++;
    if (earlier >= 0) this.problem('segment-out-of-order', '7', `${id} is out of order in loop ${top.rule.id} (${top.rule.name}); the guide places it before the segments already read.`, i, top.rule.id);
    else this.problem('unexpected-segment', '2', `${id} is not expected here (loop ${top.rule.id}, ${top.rule.name}) in the ${this.rule.name} guide.`, i, top.rule.id);
    top.node.at.push(i);
    this.lastLoop = stack.length === 1 ? '' : top.rule.id;
  }

  /** Closes every open loop (the set has ended at segment `last`). */
  finish(last: number): void {
    while (this.stack.length > 0) this.close(last);
  }

  /** Store positions of every segment the tree still holds (for compacting the store). */
  heldSegments(): number[] {
    const out: number[] = [];
    const walk = (node: StoredLoop): void => {
      for (const i of node.at) out.push(i);
      for (const child of node.children) walk(child);
    };
    walk(this.root);
    return out;
  }

  /** Renumbers the tree's store positions after the store was compacted. */
  renumber(map: (i: number) => number): void {
    const walk = (node: StoredLoop): void => {
      const at = node.at;
      for (let k = 0; k < at.length; k++) at[k] = map(at[k]);
      node.forgetSegments();
      for (const child of node.children) walk(child);
    };
    walk(this.root);
  }
}

export function buildLoopTree(rule: TransactionRule, store: SegmentStore, position: (i: number, segmentId?: string) => X12Issue['position']): StructureResult {
  const placer = new LoopPlacer(rule, store, position);
  for (let i = 0; i < store.count; i++) placer.place(i);
  if (store.count > 0) placer.finish(store.count - 1);
  return { root: placer.root, issues: placer.issues };
}

/** Depth-first list of every loop node with the given id. */
export function findLoops(node: LoopNode, id: string, out: LoopNode[] = []): LoopNode[] {
  for (const child of node.children) {
    if (child.id === id) out.push(child);
    findLoops(child, id, out);
  }
  return out;
}

/** Direct children with the given id. */
export function childLoops(node: LoopNode, id: string): LoopNode[] {
  return node.children.filter((c) => c.id === id);
}

/** The loop's first (trigger) segment. */
export function firstSegment(node: LoopNode): Segment {
  return node instanceof StoredLoop ? node.store.segment(node.at[0]) : node.segments[0];
}

/** First segment with this id (and, optionally, element 1 value) directly in the loop. */
export function segmentOf(node: LoopNode | undefined, id: string, first?: string): Segment | undefined {
  if (!node) return undefined;
  if (node instanceof StoredLoop) {
    const code = idCodeOf(id);
    const store = node.store;
    for (const i of node.at) if (store.idCode(i) === code && (first === undefined || store.elEquals(i, 1, first))) return store.segment(i);
    return undefined;
  }
  return node.segments.find((s) => s.id === id && (first === undefined || s.elements[1] === first));
}

export function segmentsOf(node: LoopNode | undefined, id: string): Segment[] {
  if (!node) return [];
  if (node instanceof StoredLoop) {
    const code = idCodeOf(id);
    const out: Segment[] = [];
    for (const i of node.at) if (node.store.idCode(i) === code) out.push(node.store.segment(i));
    return out;
  }
  return node.segments.filter((s) => s.id === id);
}
