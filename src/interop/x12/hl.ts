import type { X12Issue } from './errors.js';
import { idCodeOf, type SegmentStore } from './store.js';

const HL = idCodeOf('HL');

/** Whether the set has any HL segment. */
export function hasHierarchy(store: SegmentStore): boolean {
  for (let i = 0; i < store.count; i++) if (store.idCode(i) === HL) return true;
  return false;
}

/** An HL whose child levels may still come: kept until a level outside its subtree starts. */
interface OpenLevel {
  id: string;
  childCode: string;
  hasChild: boolean;
  index: number;
  offset: number;
}

/**
 * Hierarchical level checks, one HL at a time: HL01 numbers 1, 2, 3... in order; HL02 names an
 * earlier HL; HL04 says truthfully whether child levels follow. Memory stays small however many
 * levels a set has: levels numbered in order are remembered as a count, only the open path of
 * levels is kept, and a level's HL04 is judged when a level outside its subtree starts.
 */
export class HierarchyChecker {
  readonly issues: X12Issue[] = [];
  private expected = 1;
  /** levels 1..contiguous all appeared, in order */
  private contiguous = 0;
  /** other level ids seen (numbering broken) */
  private readonly others = new Set<string>();
  private readonly open: OpenLevel[] = [];

  constructor(
    private readonly position: (i: number, element: number) => X12Issue['position'],
    /** position of a segment no longer in the store, from its file index and offset */
    private readonly positionOf: (index: number, offset: number, segmentId: string, element: number) => X12Issue['position'],
  ) {}

  private seen(id: string): boolean {
    if (this.others.has(id)) return true;
    const n = Number(id);
    return Number.isInteger(n) && n >= 1 && n <= this.contiguous && String(n) === id;
  }

  /** Checks the HL at store position i. */
  add(store: SegmentStore, i: number): void {
    const id = store.el(i, 1);
    const parent = store.el(i, 2);
    const expected = this.expected;
    if (id !== String(expected)) {
      this.issues.push({ code: 'hl-sequence', severity: 'error', message: `HL01 is "${id}" but the hierarchical levels must be numbered 1, 2, 3... in order; ${expected} was expected.`, position: this.position(i, 1), ackCode: '8' });
    }
    const n = Number(id);
    if (Number.isInteger(n) && n >= expected) this.expected = n + 1;
    else this.expected++;
    const open = this.open;
    if (parent !== '') {
      let at = open.length - 1;
      while (at >= 0 && open[at].id !== parent) at--;
      if (at >= 0) {
        while (open.length - 1 > at) this.judge(open.pop() as OpenLevel);
        open[at].hasChild = true;
      } else if (!this.seen(parent)) {
        this.issues.push({ code: 'hl-parent', severity: 'error', message: `HL02 names parent level "${parent}", which does not appear before HL ${id}.`, position: this.position(i, 2), ackCode: '8' });
      }
    } else while (open.length > 0) this.judge(open.pop() as OpenLevel);
    if (id === String(this.contiguous + 1)) this.contiguous++;
    else this.others.add(id);
    open.push({ id, childCode: store.el(i, 4), hasChild: false, index: store.index(i), offset: store.offset(i) });
  }

  /** HL04 of a level whose subtree is complete. Advisory: many senders set HL04 loosely and the tree is still unambiguous from HL02. */
  private judge(level: OpenLevel): void {
    if (level.childCode === '1' && !level.hasChild) this.issues.push({ code: 'hl-child-code', severity: 'warning', message: `HL ${level.id} says child levels follow (HL04 = 1) but none name it as parent.`, position: this.positionOf(level.index, level.offset, 'HL', 4) });
    if (level.childCode === '0' && level.hasChild) this.issues.push({ code: 'hl-child-code', severity: 'warning', message: `HL ${level.id} says it has no child levels (HL04 = 0) but others name it as parent.`, position: this.positionOf(level.index, level.offset, 'HL', 4) });
  }

  /** The set has ended: judges the levels still open. */
  finish(): void {
    while (this.open.length > 0) this.judge(this.open.pop() as OpenLevel);
  }
}
