import type { X12Issue } from './errors.js';
import type { Segment } from './segment.js';

/**
 * Hierarchical level checks: HL01 numbers 1, 2, 3... in order; HL02 names an earlier HL;
 * HL04 says truthfully whether child levels follow.
 */
export function checkHierarchy(segments: readonly Segment[], position: (s: Segment, element: number) => X12Issue['position']): X12Issue[] {
  const issues: X12Issue[] = [];
  const seen = new Map<string, Segment>();
  const hasChild = new Set<string>();
  let expected = 1;
  const hls = segments.filter((s) => s.id === 'HL');
  for (const s of hls) {
    const id = s.elements[1] ?? '';
    const parent = s.elements[2] ?? '';
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
    seen.set(id, s);
  }
  for (const s of hls) {
    const id = s.elements[1] ?? '';
    const code = s.elements[4] ?? '';
    // advisory: many senders set HL04 loosely and the tree is still unambiguous from HL02
    if (code === '1' && !hasChild.has(id)) issues.push({ code: 'hl-child-code', severity: 'warning', message: `HL ${id} says child levels follow (HL04 = 1) but none name it as parent.`, position: position(s, 4) });
    if (code === '0' && hasChild.has(id)) issues.push({ code: 'hl-child-code', severity: 'warning', message: `HL ${id} says it has no child levels (HL04 = 0) but others name it as parent.`, position: position(s, 4) });
  }
  return issues;
}
