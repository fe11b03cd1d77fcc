import type { X12Issue } from './errors.js';
import { idCodeOf, type SegmentStore } from './store.js';

const HL = idCodeOf('HL');

/** Whether the set has any HL segment. */
export function hasHierarchy(store: SegmentStore): boolean {
  for (let i = 0; i < store.count; i++) if (store.idCode(i) === HL) return true;
  return false;
}

/**
 * Hierarchical level checks: HL01 numbers 1, 2, 3... in order; HL02 names an earlier HL;
 * HL04 says truthfully whether child levels follow.
 */
export function checkHierarchy(store: SegmentStore, position: (i: number, element: number) => X12Issue['position']): X12Issue[] {
  const issues: X12Issue[] = [];
  const seen = new Set<string>();
  const hasChild = new Set<string>();
  let expected = 1;
  const hls: number[] = [];
  for (let i = 0; i < store.count; i++) if (store.idCode(i) === HL) hls.push(i);
  for (const s of hls) {
    const id = store.el(s, 1);
    const parent = store.el(s, 2);
    if (id !== String(expected)) {
      issues.push({ code: 'hl-sequence', severity: 'error', message: `HL01 is "${id}" but the hierarchical levels must be numbered 1, 2, 3... in order; ${expected} was expected.`, position: position(s, 1), ackCode: '8' });
    }
    const n = Number(id);
    if (Number.isInteger(n) && n >= expected) expected = n + 1;
    else expected++;
    if (parent !== '') {
      if (!seen.has(parent)) issues.push({ code: 'hl-parent', severity: 'error', message: `HL02 names parent level "${parent}", which does not appear before HL ${id}.`, position: position(s, 2), ackCode: '8' });
      else hasChild.add(parent);
    }
    seen.add(id);
  }
  for (const s of hls) {
    const id = store.el(s, 1);
    const code = store.el(s, 4);
    // advisory: many senders set HL04 loosely and the tree is still unambiguous from HL02
    if (code === '1' && !hasChild.has(id)) issues.push({ code: 'hl-child-code', severity: 'warning', message: `HL ${id} says child levels follow (HL04 = 1) but none name it as parent.`, position: position(s, 4) });
    if (code === '0' && hasChild.has(id)) issues.push({ code: 'hl-child-code', severity: 'warning', message: `HL ${id} says it has no child levels (HL04 = 0) but others name it as parent.`, position: position(s, 4) });
  }
  return issues;
}
