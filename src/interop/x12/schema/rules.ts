/** Implementation-guide structure as data: loops of segments, with usage and repeat limits. */

export type Usage = 'R' | 'S';

export interface SegmentRule {
  kind: 'segment';
  id: string;
  usage: Usage;
  max: number;
  /** the segment only belongs here when element `element` has one of these values (e.g. NM101) */
  match?: { element: number; values: readonly string[] };
}

export interface LoopRule {
  kind: 'loop';
  id: string;
  name: string;
  usage: Usage;
  max: number;
  /** entries[0] is the loop's first (trigger) segment */
  entries: readonly Entry[];
}

export type Entry = SegmentRule | LoopRule;

/** The guide for one transaction set: the ST-level loop and the guide's identifier. */
export interface TransactionRule {
  /** ST01 */
  type: string;
  /** ST03/GS08 version identifiers this rule answers to */
  implementations: readonly string[];
  name: string;
  root: LoopRule;
}

const UNBOUNDED = 1_000_000;

/** seg('NM1', 'R', 1, 1, ['41']) = NM1, required, once, only when NM101 is 41 */
export function seg(id: string, usage: Usage = 'S', max = 1, matchElement?: number, values?: readonly string[]): SegmentRule {
  const rule: SegmentRule = { kind: 'segment', id, usage, max: max < 0 ? UNBOUNDED : max };
  if (matchElement !== undefined && values) rule.match = { element: matchElement, values };
  return rule;
}

export function loop(id: string, name: string, usage: Usage, max: number, entries: readonly Entry[]): LoopRule {
  return { kind: 'loop', id, name, usage, max: max < 0 ? UNBOUNDED : max, entries };
}

/** A loop that starts with NM1 whose NM101 is one of `codes`, followed by the usual address/ID segments. */
export function nameLoop(id: string, name: string, usage: Usage, codes: readonly string[], rest: readonly Entry[] = [], max = 1): LoopRule {
  return loop(id, name, usage, max, [seg('NM1', 'R', 1, 1, codes), ...rest]);
}

/** Hierarchical level: HL with HL03 = level code. */
export function hlLoop(id: string, name: string, usage: Usage, levelCode: string, entries: readonly Entry[]): LoopRule {
  return loop(id, name, usage, -1, [seg('HL', 'R', 1, 3, [levelCode]), ...entries]);
}

export const ADDRESS: readonly Entry[] = [seg('N3', 'S'), seg('N4', 'S')];
