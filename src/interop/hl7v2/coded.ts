import type { Hl7Field } from './message.js';

/** A CE/CWE/CNE value: the first triplet, the alternate triplet, and the original text. */
export interface CodedValue {
  code: string;
  display: string;
  /** HL7 coding-system mnemonic as sent: LN (LOINC), SCT, L (lab-local), 99xxx, I10... */
  system: string;
  alternate?: { code: string; display: string; system: string };
  originalText?: string;
}

export function readCoded(f: Hl7Field, repetition = 1): CodedValue | undefined {
  const c = (n: number) => f.value(repetition, n);
  const v: CodedValue = { code: c(1), display: c(2), system: c(3) };
  if (c(4) || c(5)) v.alternate = { code: c(4), display: c(5), system: c(6) };
  if (c(9)) v.originalText = c(9);
  if (!v.code && !v.display && !v.alternate && !v.originalText) return undefined;
  return v;
}

/** An identifier with its assigning authority (CX, EI). */
export interface Hl7Identifier {
  value: string;
  assigningAuthority: string;
  /** CX-5 identifier type code (MR, SS, PI...) */
  type: string;
}

export function readCx(f: Hl7Field, repetition: number): Hl7Identifier {
  return { value: f.value(repetition, 1), assigningAuthority: f.value(repetition, 4, 1) || f.value(repetition, 4, 2), type: f.value(repetition, 5) };
}

/** EI: entity id ^ namespace ^ universal id ^ type. */
export function readEi(f: Hl7Field, repetition = 1): Hl7Identifier {
  return { value: f.value(repetition, 1), assigningAuthority: f.value(repetition, 2) || f.value(repetition, 3), type: '' };
}

export interface PersonName {
  family: string;
  given: string[];
  prefix: string;
  suffix: string;
}

/** XPN (PID-5) or the name part of XCN (offset 1: component 2 is the family name). */
export function readName(f: Hl7Field, repetition = 1, offset = 0): PersonName {
  const c = (n: number) => f.value(repetition, n + offset);
  return { family: c(1), given: [c(2), c(3)].filter((g) => g !== ''), suffix: c(4), prefix: c(5) };
}

/** XCN: id ^ family ^ given ^ middle ^ suffix ^ prefix ... ^ assigning authority (9). */
export interface Provider {
  id: string;
  name: PersonName;
  assigningAuthority: string;
}

export function readXcn(f: Hl7Field, repetition = 1): Provider | undefined {
  const id = f.value(repetition, 1);
  const name = readName(f, repetition, 1);
  if (!id && !name.family && name.given.length === 0) return undefined;
  return { id, name, assigningAuthority: f.value(repetition, 9) };
}
