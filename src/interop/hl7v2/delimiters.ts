import { issue, type Hl7Issue, type Hl7Position } from './errors.js';

/** The five (v2.7: six) delimiters a message declares in MSH-1 and MSH-2. */
export interface Hl7Delimiters {
  field: string;
  component: string;
  repetition: string;
  /** '' when the message declares none */
  escape: string;
  /** '' when the message declares none */
  subcomponent: string;
  /** v2.7 truncation character; '' when absent */
  truncation: string;
}

export const DEFAULT_DELIMITERS: Hl7Delimiters = { field: '|', component: '^', repetition: '~', escape: '\\', subcomponent: '&', truncation: '' };

/** MSH-2 as it should be written for these delimiters. */
export function encodingCharacters(d: Hl7Delimiters): string {
  return d.component + d.repetition + d.escape + d.subcomponent + d.truncation;
}

export type DelimiterResult = { ok: true; delimiters: Hl7Delimiters; warnings: Hl7Issue[] } | { ok: false; error: Hl7Issue };

// Whitespace or the quote of the HL7 null ("") would make values ambiguous. Digits and letters are
// odd but unambiguous once declared, and NHapi's legacy parser accepts them, so they pass.
const FORBIDDEN = /[\s"]/;

/**
 * Read the delimiters from the start of an MSH (or FHS/BHS) segment. Never assumed: the only
 * repairs are two vendor quirks seen in real feeds, each reported as a warning.
 */
export function readDelimiters(segmentText: string, position: Hl7Position): DelimiterResult {
  const at = (field: number): Hl7Position => ({ ...position, field });
  const field = segmentText.charAt(3);
  if (field === '' || /[A-Za-z0-9\s\\^~&"]/.test(field) || field < ' ') {
    return { ok: false, error: issue('bad-field-separator', 'error', `MSH-1 must be a field separator such as '|'; found ${field === '' ? 'nothing' : JSON.stringify(field)}`, at(1)) };
  }
  const end = segmentText.indexOf(field, 4);
  let enc = end < 0 ? segmentText.slice(4) : segmentText.slice(4, end);
  const warnings: Hl7Issue[] = [];
  if (enc === '^~\\\\&') {
    // LinuxForHealth sample_win: a doubled escape character.
    warnings.push(issue('encoding-characters-quirk', 'warning', "MSH-2 is '^~\\\\&' (escape character doubled); read as '^~\\&'", at(2)));
    enc = '^~\\&';
  } else if (enc === '^~&') {
    // HL7 ELR realm samples: escape character left out, '&' still used as the sub-component separator.
    warnings.push(issue('encoding-characters-quirk', 'warning', "MSH-2 is '^~&' (no escape character); '&' read as the sub-component separator", at(2)));
    return { ok: true, delimiters: { field, component: '^', repetition: '~', escape: '', subcomponent: '&', truncation: '' }, warnings };
  }
  if (enc.length < 1 || enc.length > 5) {
    return { ok: false, error: issue('bad-encoding-characters', 'error', `MSH-2 must hold 1 to 5 encoding characters (usually '^~\\&'); found ${JSON.stringify(enc)}`, at(2)) };
  }
  const chars = [...enc];
  const seen = new Set<string>([field]);
  for (const [i, c] of chars.entries()) {
    if (FORBIDDEN.test(c)) {
      return { ok: false, error: issue('bad-encoding-characters', 'error', `MSH-2 character ${i + 1} is ${JSON.stringify(c)}; spaces and '"' cannot be delimiters`, at(2)) };
    }
    if (seen.has(c)) {
      return { ok: false, error: issue('bad-encoding-characters', 'error', `MSH-2 ${JSON.stringify(enc)} repeats ${JSON.stringify(c)}; each delimiter must be different`, at(2)) };
    }
    seen.add(c);
  }
  return {
    ok: true,
    delimiters: { field, component: chars[0] ?? '', repetition: chars[1] ?? '', escape: chars[2] ?? '', subcomponent: chars[3] ?? '', truncation: chars[4] ?? '' },
    warnings,
  };
}
