import type { X12Delimiters } from './delimiters.js';

/** Text kept while looking for an ISA; anything older is reported and dropped (bounded memory). */
export const MAX_SEARCH = 64 * 1024;

/** Index of "ISA" followed by a plausible element separator, at a segment boundary. */
export function findIsa(text: string, from: number): number {
  let i = text.indexOf('ISA', from);
  while (i >= 0) {
    const sep = text.charCodeAt(i + 3);
    const prev = i > 0 ? text.charCodeAt(i - 1) : 10;
    const boundary = i === from || prev < 0x30 || (prev > 0x39 && prev < 0x41) || prev > 0x7a || prev === 0x7e;
    if (boundary && (Number.isNaN(sep) || !(sep === 32 || (sep >= 0x30 && sep <= 0x39) || (sep >= 0x41 && sep <= 0x5a) || (sep >= 0x61 && sep <= 0x7a)))) return i;
    i = text.indexOf('ISA', i + 1);
  }
  return -1;
}

/** Tolerant mode: a transaction set without an envelope. The terminator is the first character after ST01/ST02 that is no data. */
export function findBareSt(text: string, from: number, final: boolean): { at: number; delimiters: X12Delimiters } | null {
  const m = /(^|[\r\n~'!\x1d])ST([^A-Za-z0-9\s])\d{3}\2/.exec(text.slice(from, from + MAX_SEARCH));
  if (!m) return null;
  const at = from + m.index + m[1].length;
  const element = m[2];
  for (let i = at + 3; i < text.length; i++) {
    const ch = text[i];
    if (ch === element || /[A-Za-z0-9 .-]/.test(ch)) continue;
    const segment = ch === '\r' || ch === '\n' ? '\n' : ch;
    return { at, delimiters: { element, component: element === ':' ? '>' : ':', repetition: element === '^' ? '' : '^', segment } };
  }
  return final ? null : null;
}
