import type { X12Delimiters } from '../delimiters.js';
import { segmentOf, type LoopNode, type StoredLoop } from '../schema/index.js';
import { idCodeOf, type SegmentStore } from '../store.js';
import { el, type Segment } from '../segment.js';
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
  return procedureFrom(el(s, n), d);
}

/** A procedure composite from its text. */
export function procedureFrom(value: string, d: X12Delimiters): Procedure {
  const parts = value ? value.split(d.component) : [];
  return { qualifier: parts[0] ?? '', code: parts[1] ?? '', modifiers: parts.slice(2, 6).filter((m) => m !== '') };
}

/** component starts of the composite being read (a procedure has at most six components) */
const STARTS = new Int32Array(9);

/** A procedure composite (SV101, SV202, SVC01) read from the store without splitting a string. */
export function procedureAt(st: SegmentStore, i: number, n: number, d: X12Delimiters): Procedure {
  const k = st.componentStarts(i, n, d.component.charCodeAt(0), STARTS);
  const modifiers: string[] = [];
  for (let c = 2; c < k && c < 6; c++) if (STARTS[c + 1] - 1 > STARTS[c]) modifiers.push(st.text(i, STARTS[c], STARTS[c + 1] - 1));
  return { qualifier: k > 0 ? st.text(i, STARTS[0], STARTS[1] - 1) : '', code: k > 1 ? st.text(i, STARTS[1], STARTS[2] - 1) : '', modifiers };
}

export function num(value: string): number {
  if (value === '') return 0;
  const n = Number(value);
  return Number.isFinite(n) ? n : 0;
}

const [NM1, N3, N4] = ['NM1', 'N3', 'N4'].map(idCodeOf);

/** First direct child loop with this id. */
export function childLoop(parent: StoredLoop, id: string): StoredLoop | undefined {
  for (const child of parent.children) if (child.id === id) return child;
  return undefined;
}

/** Store position of the loop's first segment with this id code (and element 1 value), or -1. */
export function firstAt(loop: StoredLoop, code: number, qualifier?: string): number {
  const st = loop.store;
  for (const i of loop.at) if (st.idCode(i) === code && (qualifier === undefined || st.elEquals(i, 1, qualifier))) return i;
  return -1;
}

/** Party from a name loop's NM1 and N3/N4, read from the store (partyFromNm1 without Segment objects). */
export function partyAt(loop: StoredLoop | undefined): Party {
  const nm1 = loop ? firstAt(loop, NM1) : -1;
  if (!loop || nm1 < 0) return { name: '', entityType: '2' };
  const st = loop.store;
  const party: Party = { name: st.el(nm1, 3), entityType: st.elEquals(nm1, 2, '1') ? '1' : '2' };
  if (!st.isEmpty(nm1, 4)) party.firstName = st.el(nm1, 4);
  if (!st.isEmpty(nm1, 5)) party.middleName = st.el(nm1, 5);
  if (!st.isEmpty(nm1, 8)) party.idQualifier = st.el(nm1, 8);
  if (!st.isEmpty(nm1, 9)) party.id = st.el(nm1, 9);
  const address = addressAt(loop);
  if (address) party.address = address;
  return party;
}

/** Address from a loop's N3/N4, read from the store. */
export function addressAt(loop: StoredLoop): Address | undefined {
  const st = loop.store;
  const n3 = firstAt(loop, N3);
  const n4 = firstAt(loop, N4);
  if (n3 < 0 && n4 < 0) return undefined;
  const address: Address = { line1: n3 >= 0 ? st.el(n3, 1) : '', city: n4 >= 0 ? st.el(n4, 1) : '' };
  if (n3 >= 0 && !st.isEmpty(n3, 2)) address.line2 = st.el(n3, 2);
  if (n4 >= 0 && !st.isEmpty(n4, 2)) address.state = st.el(n4, 2);
  if (n4 >= 0 && !st.isEmpty(n4, 3)) address.postalCode = st.el(n4, 3);
  return address;
}
