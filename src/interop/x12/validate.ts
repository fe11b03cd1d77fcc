import { storeOf, StoredTransactionSet, type TransactionSet } from './envelope.js';
import type { X12Position } from './errors.js';
import { SetProcessor, type ValidatedSet } from './process.js';
import type { Segment } from './segment.js';
import type { SegmentStore } from './store.js';

export type { ValidatedSet } from './process.js';

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

/** Checks one whole transaction set against its implementation guide and builds its models (the loop tree is kept whole). */
export function validateSet(set: TransactionSet): ValidatedSet {
  const store = storeOf(set);
  const processor = new SetProcessor(set, store, {}, { keepModels: true, stream: false }, store.count > 0 ? store.index(0) : 0);
  for (let i = 0; i < store.count; i++) processor.check(i);
  return processor.finish();
}
