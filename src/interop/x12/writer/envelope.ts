import { DEFAULT_DELIMITERS, type X12Delimiters } from '../delimiters.js';

/** Who sends and receives an interchange (ISA05..ISA08, GS02/GS03). */
export interface EnvelopeParties {
  senderQualifier?: string;
  senderId: string;
  receiverQualifier?: string;
  receiverId: string;
  /** GS02/GS03 application codes; default to the interchange IDs */
  senderCode?: string;
  receiverCode?: string;
}

export interface EnvelopeOptions extends EnvelopeParties {
  interchangeControl: number;
  groupControl: number;
  /** first ST02; later sets count up from it */
  firstSetControl?: number;
  /** P production, T test */
  usage?: 'P' | 'T';
  date?: Date;
  delimiters?: X12Delimiters;
  /** a line break after each terminator, for people reading the file */
  lineBreaks?: boolean;
  /** TA1 segments (interchange acknowledgements), written after the ISA and before any group */
  interchangeAcks?: string[][];
}

/** One transaction set body: segments from the one after ST to the one before SE, as element arrays. */
export interface SetBody {
  type: string;
  implementation: string;
  segments: string[][];
}

export function ymd(date: Date): string {
  return date.toISOString().slice(0, 10).replace(/-/g, '');
}

export function hm(date: Date): string {
  return date.toISOString().slice(11, 16).replace(':', '');
}

const pad = (value: string, width: number): string => value.slice(0, width).padEnd(width, ' ');
const zeros = (n: number, width: number): string => String(n).padStart(width, '0');

/** Drops trailing empty elements, as the guides ask. */
export function trimElements(elements: string[]): string[] {
  let end = elements.length;
  while (end > 1 && elements[end - 1] === '') end--;
  return end === elements.length ? elements : elements.slice(0, end);
}

/**
 * Wraps sets in ST/SE, GS/GE and ISA/IEA with consistent control numbers and counts.
 * One functional group per call (all sets share the functional identifier code).
 */
export function writeInterchange(functionalId: string, sets: readonly SetBody[], options: EnvelopeOptions): string {
  const d = options.delimiters ?? DEFAULT_DELIMITERS;
  const date = options.date ?? new Date();
  const term = d.segment + (options.lineBreaks ? '\n' : '');
  const out: string[] = [];
  const line = (elements: string[]): void => {
    out.push(trimElements(elements).join(d.element) + term);
  };
  const icn = zeros(options.interchangeControl, 9);
  out.push(['ISA', '00', pad('', 10), '00', pad('', 10), pad(options.senderQualifier ?? 'ZZ', 2), pad(options.senderId, 15), pad(options.receiverQualifier ?? 'ZZ', 2), pad(options.receiverId, 15), ymd(date).slice(2), hm(date), d.repetition || 'U', '00501', icn, '0', options.usage ?? 'P', d.component].join(d.element) + term);
  for (const ta1 of options.interchangeAcks ?? []) line(ta1);
  // an interchange carrying only TA1s has no functional group
  const group = sets.length > 0 || !options.interchangeAcks?.length;
  if (group) {
    const version = sets[0]?.implementation ?? '005010';
    line(['GS', functionalId, options.senderCode ?? options.senderId, options.receiverCode ?? options.receiverId, ymd(date), hm(date), String(options.groupControl), 'X', version]);
    let control = options.firstSetControl ?? 1;
    for (const set of sets) {
      const st = zeros(control++, 4);
      line(['ST', set.type, st, set.implementation]);
      for (const s of set.segments) line(s);
      line(['SE', String(set.segments.length + 2), st]);
    }
    line(['GE', String(sets.length), String(options.groupControl)]);
  }
  line(['IEA', group ? '1' : '0', icn]);
  return out.join('');
}
