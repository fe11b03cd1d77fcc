import type { X12Delimiters } from '../delimiters.js';
import { segmentOf, type LoopNode } from '../schema/index.js';
import { comps, el, type Segment } from '../segment.js';
import type { Address, Party, Procedure } from '../models.js';

/** Party from an NM1 and, when the loop has them, N3/N4. */
export function partyFromNm1(nm1: Segment | undefined, loop?: LoopNode): Party {
  if (!nm1) return { name: '', entityType: '2' };
  const party: Party = { name: el(nm1, 3), entityType: el(nm1, 2) === '1' ? '1' : '2' };
  if (el(nm1, 4)) party.firstName = el(nm1, 4);
  if (el(nm1, 5)) party.middleName = el(nm1, 5);
  if (el(nm1, 8)) party.idQualifier = el(nm1, 8);
  if (el(nm1, 9)) party.id = el(nm1, 9);
  const address = addressOf(loop);
  if (address) party.address = address;
  return party;
}

export function partyFromN1(n1: Segment | undefined, loop?: LoopNode): Party {
  if (!n1) return { name: '', entityType: '2' };
  const party: Party = { name: el(n1, 2), entityType: '2' };
  if (el(n1, 3)) party.idQualifier = el(n1, 3);
  if (el(n1, 4)) party.id = el(n1, 4);
  const address = addressOf(loop);
  if (address) party.address = address;
  return party;
}

export function addressOf(loop: LoopNode | undefined): Address | undefined {
  const n3 = segmentOf(loop, 'N3');
  const n4 = segmentOf(loop, 'N4');
  if (!n3 && !n4) return undefined;
  const address: Address = { line1: n3 ? el(n3, 1) : '', city: n4 ? el(n4, 1) : '' };
  if (n3 && el(n3, 2)) address.line2 = el(n3, 2);
  if (n4 && el(n4, 2)) address.state = el(n4, 2);
  if (n4 && el(n4, 3)) address.postalCode = el(n4, 3);
  return address;
}

/** A procedure composite (SV101, SV202, SVC01): qualifier:code:modifier1..4. */
export function procedureOf(s: Segment, n: number, d: X12Delimiters): Procedure {
  const parts = comps(s, n, d);
  return { qualifier: parts[0] ?? '', code: parts[1] ?? '', modifiers: parts.slice(2, 6).filter((m) => m !== '') };
}

export function num(value: string): number {
  if (value === '') return 0;
  const n = Number(value);
  return Number.isFinite(n) ? n : 0;
}
