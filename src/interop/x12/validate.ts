import { storeOf, StoredTransactionSet, type TransactionSet } from './envelope.js';
import type { X12Issue, X12Position } from './errors.js';
import { checkHierarchy, hasHierarchy } from './hl.js';
import { buildLoopTree, checkElements, ruleFor, type LoopNode, type TransactionRule } from './schema/index.js';
import type { Segment } from './segment.js';
import type { SegmentStore } from './store.js';

export interface ValidatedSet {
  set: TransactionSet;
  rule: TransactionRule | undefined;
  /** the loop tree, or undefined when there is no guide for this transaction */
  tree: LoopNode | undefined;
  /** envelope, structure, element and HL problems, in segment order */
  issues: X12Issue[];
}

function where(set: TransactionSet, index: number, offset: number, segmentId: string, first: number, extra: Partial<X12Position>): X12Position {
  const p: X12Position = { segment: index, offset, segmentId, segmentInSet: index - first + 1, set: set.control };
  if (!set.interchange.synthetic) p.interchange = set.interchange.control;
  if (!set.group.synthetic) p.group = set.group.control;
  return Object.assign(p, extra);
}

/** Position of a segment inside a set: ST is segment 1, as the 999 counts. */
export function setPosition(set: TransactionSet, s: Segment, extra: Partial<X12Position> = {}): X12Position {
  const first = set instanceof StoredTransactionSet ? (set.store.count > 0 ? set.store.index(0) : s.index) : (set.segments[0]?.index ?? s.index);
  return where(set, s.index, s.offset, s.id, first, extra);
}

/** Position of segment i of the set's store. */
export function storePosition(set: TransactionSet, store: SegmentStore, i: number, extra: Partial<X12Position> = {}): X12Position {
  return where(set, store.index(i), store.offset(i), store.id(i), store.index(0), extra);
}

/** Checks one transaction set against its implementation guide. */
export function validateSet(set: TransactionSet): ValidatedSet {
  const issues: X12Issue[] = [...set.issues];
  const store = storeOf(set);
  const rule = ruleFor(set.type, set.implementation);
  const delimiters = set.interchange.delimiters;
  const elementPosition = (i: number, element: number): X12Position => storePosition(set, store, i, { element });
  for (let i = 0; i < store.count; i++) {
    const found = checkElements(store, i, delimiters, elementPosition);
    if (found) for (const issue of found) issues.push(issue);
  }
  if (hasHierarchy(store)) {
    for (const issue of checkHierarchy(store, elementPosition)) issues.push(issue);
  }
  let tree: LoopNode | undefined;
  if (rule) {
    const result = buildLoopTree(rule, store, (i, segmentId) => storePosition(set, store, i, segmentId ? { segmentId } : {}));
    tree = result.root;
    for (const issue of result.issues) issues.push(issue);
  } else if (store.count > 0) {
    const known = ['837', '835', '999', '997', '277', '270', '271'].includes(set.type);
    issues.push({
      code: known ? 'non-5010-version' : 'unsupported-transaction',
      severity: 'warning',
      message: known
        ? `Transaction ${set.type} uses version "${set.implementation}", not a 5010 guide we know; only the envelope was checked.`
        : `Transaction set ${set.type} has no implementation guide here; only the envelope was checked.`,
      position: storePosition(set, store, 0),
    });
  }
  issues.sort((a, b) => a.position.segment - b.position.segment);
  return { set, rule, tree, issues };
}
