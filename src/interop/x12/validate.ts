import type { TransactionSet } from './envelope.js';
import type { X12Issue, X12Position } from './errors.js';
import { checkHierarchy } from './hl.js';
import { buildLoopTree, checkElements, ruleFor, type LoopNode, type TransactionRule } from './schema/index.js';
import type { Segment } from './segment.js';

export interface ValidatedSet {
  set: TransactionSet;
  rule: TransactionRule | undefined;
  /** the loop tree, or undefined when there is no guide for this transaction */
  tree: LoopNode | undefined;
  /** envelope, structure, element and HL problems, in segment order */
  issues: X12Issue[];
}

/** Position of a segment inside a set: ST is segment 1, as the 999 counts. */
export function setPosition(set: TransactionSet, s: Segment, extra: Partial<X12Position> = {}): X12Position {
  const first = set.segments[0]?.index ?? s.index;
  const p: X12Position = { segment: s.index, offset: s.offset, segmentId: s.id, segmentInSet: s.index - first + 1, set: set.control };
  if (!set.interchange.synthetic) p.interchange = set.interchange.control;
  if (!set.group.synthetic) p.group = set.group.control;
  return Object.assign(p, extra);
}

/** Checks one transaction set against its implementation guide. */
export function validateSet(set: TransactionSet): ValidatedSet {
  const issues: X12Issue[] = [...set.issues];
  const rule = ruleFor(set.type, set.implementation);
  const delimiters = set.interchange.delimiters;
  const st = set.segments[0];
  const elementPosition = (s: Segment, element: number): X12Position => setPosition(set, s, { element });
  for (const s of set.segments) {
    const found = checkElements(s, delimiters, elementPosition);
    if (found) issues.push(...found);
  }
  if (set.segments.some((s) => s.id === 'HL')) {
    for (const issue of checkHierarchy(set.segments, (s, element) => setPosition(set, s, { element }))) issues.push(issue);
  }
  let tree: LoopNode | undefined;
  if (rule) {
    const result = buildLoopTree(rule, set.segments, (s, segmentId) => setPosition(set, s, segmentId ? { segmentId } : {}));
    tree = result.root;
    issues.push(...result.issues);
  } else if (st) {
    const known = ['837', '835', '999', '997', '277', '270', '271'].includes(set.type);
    issues.push({
      code: known ? 'non-5010-version' : 'unsupported-transaction',
      severity: 'warning',
      message: known
        ? `Transaction ${set.type} uses version "${set.implementation}", not a 5010 guide we know; only the envelope was checked.`
        : `Transaction set ${set.type} has no implementation guide here; only the envelope was checked.`,
      position: setPosition(set, st),
    });
  }
  issues.sort((a, b) => a.position.segment - b.position.segment);
  return { set, rule, tree, issues };
}
