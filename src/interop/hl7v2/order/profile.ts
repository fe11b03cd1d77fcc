import type { CodeRef } from './models.js';

/** How one reference lab wants its orders: message type, segments, field quirks, test codes. Configuration, not code. */
export interface LabProfile {
  id: string;
  messageType: 'ORM^O01' | 'OML^O21';
  /** MSH-3..6 as components, e.g. ['ALLIED'] and ['LABCORP', '12D3456789', 'CLIA'] */
  sendingApplication: string[];
  sendingFacility: string[];
  receivingApplication: string[];
  receivingFacility: string[];
  /** MSH-11; default P */
  processingId?: 'P' | 'T' | 'D';
  /** optional segments; PID, ORC and OBR are always sent */
  segments: { pv1?: boolean; in1?: boolean; dg1?: boolean; nte?: boolean; spm?: boolean };
  /** how ORC-2/OBR-2 look: prefix + number left-padded with zeros, then EI namespace/universal id */
  placerNumber?: { prefix?: string; padTo?: number; namespace?: string; universalId?: string; universalIdType?: string };
  /** our test code -> the lab's code */
  testCodes?: Record<string, CodeRef>;
  /** OBR-4: our LOINC, the lab's local code, or local with LOINC as the alternate coding */
  obr4: 'loinc' | 'local' | 'local-with-loinc';
  /** OBX-8 flags this lab uses for panic values, on top of HH/LL/AA */
  criticalFlags?: string[];
}

/** A plain ORM^O01 profile: every optional segment, LOINC in OBR-4. */
export const DEFAULT_ORM_PROFILE: LabProfile = {
  id: 'default-orm',
  messageType: 'ORM^O01',
  sendingApplication: ['ALLIED'],
  sendingFacility: ['ALLIED'],
  receivingApplication: ['LAB'],
  receivingFacility: ['LAB'],
  segments: { pv1: true, in1: true, dg1: true, nte: true },
  obr4: 'loinc',
};

/** A plain OML^O21 profile (IHE LTW / LOI style): SPM for each specimen. */
export const DEFAULT_OML_PROFILE: LabProfile = { ...DEFAULT_ORM_PROFILE, id: 'default-oml', messageType: 'OML^O21', segments: { pv1: true, in1: true, dg1: true, nte: true, spm: true } };

export function placerNumberOnWire(ours: string, p: LabProfile): string {
  const f = p.placerNumber;
  return `${f?.prefix ?? ''}${f?.padTo ? ours.padStart(f.padTo, '0') : ours}`;
}

/** Our placer number from the lab's (the prefix removed; padding is kept, it cannot be told from data). */
export function placerNumberFromWire(wire: string, p: LabProfile): string {
  const prefix = p.placerNumber?.prefix ?? '';
  return prefix && wire.startsWith(prefix) ? wire.slice(prefix.length) : wire;
}

/** The lab's code for our test under this profile, or undefined when the profile needs a mapping it lacks. */
export function labTestCode(test: CodeRef, p: LabProfile): { primary: CodeRef; alternate?: CodeRef } | undefined {
  if (p.obr4 === 'loinc') return { primary: { ...test, system: test.system ?? 'LN' } };
  const mapped = p.testCodes?.[test.code];
  if (!mapped) return undefined;
  const primary = { ...mapped, system: mapped.system ?? 'L' };
  return p.obr4 === 'local' ? { primary } : { primary, alternate: { ...test, system: test.system ?? 'LN' } };
}

/** Our test for the lab's OBR-4 (the reverse of labTestCode). */
export function ourTestCode(primary: CodeRef, alternate: CodeRef | undefined, p: LabProfile): CodeRef {
  if (p.obr4 === 'loinc') return primary;
  if (p.obr4 === 'local-with-loinc' && alternate) return alternate;
  for (const [ours, theirs] of Object.entries(p.testCodes ?? {})) {
    if (theirs.code === primary.code) return { code: ours, ...(primary.display ? { display: primary.display } : {}), system: 'LN' };
  }
  return primary;
}
