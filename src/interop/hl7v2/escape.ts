import type { Hl7Delimiters } from './delimiters.js';

/*
 * HL7 v2 escape sequences (v2.5.1 chapter 2.7): \F\ \S\ \T\ \R\ \E\ (\P\ in v2.7) for the
 * delimiters, \Xhh..\ for bytes, \.br\ and friends for formatted text, \H\ \N\ for highlighting.
 * Sequences we do not understand (\Cxxyy\, \Mxxyyzz\, \Zxxx\, anything else) are kept verbatim.
 */

const FORMATTING: Record<string, string> = { '.br': '\n', '.sp': '\n', '.fi': '', '.nf': '', '.ce': '\n' };

function decodeHex(hex: string): string | undefined {
  if (hex.length === 0 || hex.length % 2 !== 0 || !/^[0-9A-Fa-f]+$/.test(hex)) return undefined;
  const bytes = Buffer.from(hex, 'hex');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

/** Turn escaped HL7 text into plain text. Never throws; an unterminated sequence is kept as text. */
export function unescapeHl7(text: string, d: Hl7Delimiters): string {
  const esc = d.escape;
  if (esc === '' || !text.includes(esc)) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf(esc, i);
    if (start < 0) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, start);
    const end = text.indexOf(esc, start + 1);
    if (end < 0) {
      out += text.slice(start);
      break;
    }
    const body = text.slice(start + 1, end);
    const raw = text.slice(start, end + 1);
    out += decodeSequence(body, d) ?? raw;
    i = end + 1;
  }
  return out;
}

function decodeSequence(body: string, d: Hl7Delimiters): string | undefined {
  switch (body) {
    case 'F': return d.field;
    case 'S': return d.component;
    case 'T': return d.subcomponent || undefined;
    case 'R': return d.repetition;
    case 'E': return d.escape;
    case 'P': return d.truncation || undefined;
    case 'H': case 'N': return ''; // highlighting has no plain-text form
    case '': return undefined;
  }
  if (body.startsWith('X')) return decodeHex(body.slice(1));
  const lower = body.toLowerCase();
  if (lower in FORMATTING) return FORMATTING[lower];
  const m = /^\.sp(\d{1,2})$/.exec(lower);
  if (m) return '\n'.repeat(Math.max(1, Number(m[1])));
  return undefined;
}

/** Escape plain text so it can sit inside one sub-component. Line breaks become \.br\, other control characters \Xhh\. */
export function escapeHl7(text: string, d: Hl7Delimiters): string {
  let out = '';
  for (const c of text) {
    if (d.escape !== '' && c === d.escape) out += `${d.escape}E${d.escape}`;
    else if (c === d.field) out += `${d.escape}F${d.escape}`;
    else if (c === d.component) out += `${d.escape}S${d.escape}`;
    else if (c === d.repetition) out += `${d.escape}R${d.escape}`;
    else if (d.subcomponent !== '' && c === d.subcomponent) out += `${d.escape}T${d.escape}`;
    else if (d.truncation !== '' && c === d.truncation) out += `${d.escape}P${d.escape}`;
    else if (c === '\n') out += `${d.escape}.br${d.escape}`;
    else if (c < ' ' || c === '\x7f') out += `${d.escape}X${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}${d.escape}`;
    else out += c;
  }
  return out;
}
