import type { TransactionRule } from './rules.js';
import { x270, x271 } from './x270.js';
import { x277, x277ca } from './x277.js';
import { x835 } from './x835.js';
import { x837i } from './x837i.js';
import { x837p } from './x837p.js';
import { x997, x999 } from './x999.js';

export const TRANSACTION_RULES: readonly TransactionRule[] = [x837p, x837i, x835, x999, x997, x277ca, x277, x270, x271];

/** The guide a set follows, from ST01 and ST03/GS08; undefined for transactions we have no guide for. */
export function ruleFor(type: string, implementation: string): TransactionRule | undefined {
  const exact = TRANSACTION_RULES.find((r) => r.type === type && r.implementations.includes(implementation));
  if (exact) return exact;
  if (type === '997') return x997;
  if (!implementation.startsWith('00501')) return undefined;
  return TRANSACTION_RULES.find((r) => r.type === type);
}

export { buildLoopTree, childLoops, findLoops, firstSegment, segmentOf, segmentsOf, StoredLoop, type LoopNode } from './engine.js';
export { checkElements } from './elements.js';
export type { TransactionRule } from './rules.js';
