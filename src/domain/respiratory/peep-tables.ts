import { DomainInputError } from '../errors.js';
import { EPSILON, fieldsOf, requiredFiO2 } from '../validate.js';

/*
 * ARDSNet FiO2/PEEP combinations [ARDSNET], DOMAIN.md C.2 (STANDARD). Pairs in table order.
 * The lower-PEEP table's last column (FiO2 1.0, PEEP 18-24) is expanded to 18, 20, 22, 24.
 */

export type FiO2PeepPair = readonly [fiO2: number, peep: number];

export const ardsnetLowerPeepTable: readonly FiO2PeepPair[] = [
  [0.3, 5], [0.4, 5], [0.4, 8], [0.5, 8], [0.5, 10], [0.6, 10], [0.7, 10], [0.7, 12], [0.7, 14],
  [0.8, 14], [0.9, 14], [0.9, 16], [0.9, 18], [1.0, 18], [1.0, 20], [1.0, 22], [1.0, 24],
];

/**
 * Higher-PEEP / lower-FiO2 table. One public reproduction lists 15 instead of 16 in the second 0.4
 * column: verify against the official ardsnet.org card before relying on it (DOMAIN.md open point 6).
 * The "0.5-0.8 -> 20" column is listed at 0.5, 0.6, 0.7 and 0.8.
 */
export const ardsnetHigherPeepTable: readonly FiO2PeepPair[] = [
  [0.3, 5], [0.3, 8], [0.3, 10], [0.3, 12], [0.3, 14], [0.4, 14], [0.4, 16], [0.5, 16], [0.5, 18],
  [0.5, 20], [0.6, 20], [0.7, 20], [0.8, 20], [0.8, 22], [0.9, 22], [1.0, 22], [1.0, 24],
];

function optionsFor(table: readonly FiO2PeepPair[], input: unknown, fn: string): number[] {
  const fiO2 = requiredFiO2(fieldsOf(input, fn), 'fiO2');
  const out: number[] = [];
  for (const [f, peep] of table) if (Math.abs(f - fiO2) < EPSILON) out.push(peep);
  if (out.length === 0) {
    const steps = [...new Set(table.map(([f]) => f))].join(', ');
    throw new DomainInputError('fiO2', `an FiO2 step of the ARDSNet table (${steps})`, (input as { fiO2?: unknown }).fiO2);
  }
  return out;
}

/** PEEP values paired with this FiO2 in the lower-PEEP/higher-FiO2 table (0.4 -> [5, 8]; 1.0 -> [18, 20, 22, 24]). */
export function ardsnetLowerPeepOptions(input: { fiO2: number }): number[] {
  return optionsFor(ardsnetLowerPeepTable, input, 'ardsnetLowerPeepOptions');
}

/** PEEP values paired with this FiO2 in the higher-PEEP/lower-FiO2 table (verify the table first; see above). */
export function ardsnetHigherPeepOptions(input: { fiO2: number }): number[] {
  return optionsFor(ardsnetHigherPeepTable, input, 'ardsnetHigherPeepOptions');
}
