import type { X12Issue, X12IssueCode } from '../errors.js';
import type { Segment } from '../segment.js';
import type { Entry, LoopRule, TransactionRule } from './rules.js';

/** A loop instance as found in a transaction set. */
export interface LoopNode {
  id: string;
  name: string;
  segments: Segment[];
  children: LoopNode[];
}

interface Frame {
  rule: LoopRule;
  node: LoopNode;
  pos: number;
  counts: number[];
}

export interface StructureResult {
  root: LoopNode;
  issues: X12Issue[];
}

function matches(entry: Entry, s: Segment): boolean {
  const rule = entry.kind === 'segment' ? entry : (entry.entries[0] as Entry & { kind: 'segment' });
  if (rule.id !== s.id) return false;
  if (!rule.match) return true;
  return rule.match.values.includes(s.elements[rule.match.element] ?? '');
}

/**
 * Places each segment of a set in the guide's loop tree. The innermost open loop is searched
 * first, then its parents, always forward from the last matched position, as the guides order
 * segments; a loop's first segment opens a new repeat of it.
 */
export function buildLoopTree(rule: TransactionRule, segments: readonly Segment[], position: (s: Segment, segmentId?: string) => X12Issue['position']): StructureResult {
  const issues: X12Issue[] = [];
  const root: LoopNode = { id: rule.root.id, name: rule.root.name, segments: [], children: [] };
  const stack: Frame[] = [{ rule: rule.root, node: root, pos: 0, counts: new Array(rule.root.entries.length).fill(0) }];
  let last: Segment | undefined;

  const problem = (code: X12IssueCode, ackCode: string, message: string, s: Segment, loopId: string, segmentId?: string): void => {
    const p = position(s, segmentId);
    p.loop = loopId;
    issues.push({ code, severity: 'error', message, position: p, ackCode });
  };

  const close = (frame: Frame, at: Segment): void => {
    frame.rule.entries.forEach((entry, i) => {
      if (entry.usage !== 'R' || frame.counts[i] > 0) return;
      if (entry.kind === 'segment') {
        const q = entry.match ? `${entry.id}*${entry.match.values[0]}` : entry.id;
        problem('missing-segment', '3', `Loop ${frame.rule.id} (${frame.rule.name}) is missing its required ${q} segment.`, at, frame.rule.id, entry.id);
      } else {
        problem('missing-loop', '3', `Loop ${frame.rule.id} (${frame.rule.name}) is missing required loop ${entry.id} (${entry.name}).`, at, frame.rule.id, entry.entries[0].kind === 'segment' ? entry.entries[0].id : '');
      }
    });
  };

  for (const s of segments) {
    let placed = false;
    for (let depth = stack.length - 1; depth >= 0 && !placed; depth--) {
      const frame = stack[depth];
      const entries = frame.rule.entries;
      // index 0 is the loop's own trigger: a repeat of it is found by the parent
      for (let i = Math.max(frame.pos, depth === 0 ? 0 : 1); i < entries.length; i++) {
        const entry = entries[i];
        if (!matches(entry, s)) continue;
        while (stack.length - 1 > depth) close(stack.pop() as Frame, s);
        frame.pos = i;
        frame.counts[i]++;
        if (frame.counts[i] > entry.max) {
          if (entry.kind === 'segment') problem('segment-repeat', '5', `${s.id} appears ${frame.counts[i]} times in loop ${frame.rule.id}; the guide allows ${entry.max}.`, s, frame.rule.id);
          else problem('loop-repeat', '4', `Loop ${entry.id} (${entry.name}) repeats ${frame.counts[i]} times; the guide allows ${entry.max}.`, s, entry.id);
        }
        if (entry.kind === 'segment') frame.node.segments.push(s);
        else {
          const node: LoopNode = { id: entry.id, name: entry.name, segments: [s], children: [] };
          frame.node.children.push(node);
          const counts = new Array(entry.entries.length).fill(0);
          counts[0] = 1;
          stack.push({ rule: entry, node, pos: 0, counts });
        }
        placed = true;
        break;
      }
    }
    if (!placed) {
      const top = stack[stack.length - 1];
      const earlier = top.rule.entries.findIndex((e, i) => i > 0 && i < top.pos && e.kind === 'segment' && matches(e, s));
      if (earlier >= 0) top.counts[earlier]++;
      if (earlier >= 0) problem('segment-out-of-order', '7', `${s.id} is out of order in loop ${top.rule.id} (${top.rule.name}); the guide places it before the segments already read.`, s, top.rule.id);
      else problem('unexpected-segment', '2', `${s.id} is not expected here (loop ${top.rule.id}, ${top.rule.name}) in the ${rule.name} guide.`, s, top.rule.id);
      top.node.segments.push(s);
    }
    last = s;
  }
  if (last) while (stack.length > 0) close(stack.pop() as Frame, last);
  return { root, issues };
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

/** First segment with this id (and, optionally, element 1 value) directly in the loop. */
export function segmentOf(node: LoopNode | undefined, id: string, first?: string): Segment | undefined {
  if (!node) return undefined;
  return node.segments.find((s) => s.id === id && (first === undefined || s.elements[1] === first));
}

export function segmentsOf(node: LoopNode | undefined, id: string): Segment[] {
  return node ? node.segments.filter((s) => s.id === id) : [];
}
