/** The four separators of an interchange, read from its ISA segment. */
export interface X12Delimiters {
  element: string;
  component: string;
  /** ISA11; empty before version 00402, where ISA11 is the standards identifier "U" */
  repetition: string;
  /** the segment terminator as it appears in the file (may be more than one character) */
  segment: string;
}

export const DEFAULT_DELIMITERS: X12Delimiters = { element: '*', component: ':', repetition: '^', segment: '~' };

/** Fixed widths of ISA01..ISA16 (X12.5 interchange control header). */
export const ISA_WIDTHS = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1] as const;
/** ISA segment length including its terminator. */
export const ISA_LENGTH = 106;

export type IsaScan =
  | { kind: 'need-more' }
  | {
      kind: 'ok';
      /** the ISA segment text without its terminator, line breaks removed */
      text: string;
      delimiters: X12Delimiters;
      /** characters of the input consumed, terminator included */
      consumed: number;
      /** whether line breaks were found inside the ISA (hard-wrapped file) */
      wrapped: boolean;
      /** problems with the fixed-width layout (the delimiters were still recovered) */
      layoutProblems: string[];
    }
  | { kind: 'bad'; reason: string };

const isLineBreak = (c: number): boolean => c === 10 || c === 13;

/**
 * Reads the ISA starting at `start` in a latin1-decoded text. The element separator is the
 * character after "ISA"; ISA16 follows the 16th separator and the terminator follows ISA16.
 * Counting separators (rather than trusting byte 105) recovers the delimiters even when a field
 * has the wrong width, which is then reported as a layout problem.
 */
export function scanIsa(text: string, start: number, final: boolean): IsaScan {
  if (text.length - start < 4) return final ? { kind: 'bad', reason: 'the file ends inside the ISA segment' } : { kind: 'need-more' };
  const element = text[start + 3];
  if (/[A-Za-z0-9\s]/.test(element)) return { kind: 'bad', reason: `the character after "ISA" (${JSON.stringify(element)}) cannot be an element separator` };
  let separators = 0;
  let wrapped = false;
  let clean = 'ISA';
  let i = start + 3;
  // A real ISA is 106 characters; allow generous slack for wrapped or mis-padded headers.
  const limit = Math.min(text.length, start + 400);
  while (i < limit && separators < 16) {
    const c = text.charCodeAt(i);
    if (isLineBreak(c)) {
      wrapped = true;
      i++;
      continue;
    }
    if (text[i] === element) separators++;
    clean += text[i];
    i++;
  }
  if (separators < 16) {
    if (i >= text.length && !final) return { kind: 'need-more' };
    return { kind: 'bad', reason: `the ISA segment has ${separators + 1} elements before the data ends; it needs 16` };
  }
  // ISA16 then the terminator, skipping line breaks of a wrapped file before ISA16 only.
  while (i < text.length && isLineBreak(text.charCodeAt(i))) {
    wrapped = true;
    i++;
  }
  if (i + 1 >= text.length) return final ? { kind: 'bad', reason: 'the file ends inside the ISA segment' } : { kind: 'need-more' };
  const component = text[i];
  clean += component;
  i++;
  let segment = text[i];
  i++;
  const lead = segment.charCodeAt(0);
  if (lead >= 0xc2 && lead <= 0xf4) {
    // a UTF-8 encoded terminator (e.g. "…"): take its continuation bytes too
    const extra = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : 1;
    if (i + extra > text.length) return final ? { kind: 'bad', reason: 'the file ends inside the ISA segment' } : { kind: 'need-more' };
    segment += text.slice(i, i + extra);
    i += extra;
  }
  if (segment === element || segment === component || /[A-Za-z0-9 ]/.test(segment)) {
    return { kind: 'bad', reason: `the segment terminator after ISA16 (${JSON.stringify(segment)}) is not usable` };
  }
  if (component === element || /[A-Za-z0-9 ]/.test(component)) {
    return { kind: 'bad', reason: `ISA16 component separator ${JSON.stringify(component)} is not usable` };
  }
  const fields = clean.split(element);
  const layoutProblems: string[] = [];
  for (let f = 1; f <= 16; f++) {
    const want = ISA_WIDTHS[f - 1];
    if (fields[f].length !== want) layoutProblems.push(`ISA${String(f).padStart(2, '0')} must be ${want} characters wide, found ${fields[f].length}`);
  }
  const version = fields[12] ?? '';
  const rep = fields[11] ?? '';
  const repetition = version >= '00402' && rep.length === 1 && !/[A-Za-z0-9 ]/.test(rep) ? rep : '';
  return { kind: 'ok', text: clean, delimiters: { element, component, repetition, segment }, consumed: i - start, wrapped, layoutProblems };
}
