import { issue, type Hl7Issue } from './errors.js';

export interface Line {
  text: string;
  /** 1-based line number in the input */
  number: number;
}

/** Decode received bytes: UTF-8 (a BOM dropped) when valid, else ISO-8859-1, which never fails. */
export function decodeHl7Bytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  }
}

const FRAMING = /[\x0b\x1c]/g;

/**
 * Split on CR, LF or CRLF. MLLP framing bytes (0x0B, 0x1C) are dropped with a warning; blank
 * lines are dropped silently (several files separate messages with them).
 */
export function splitLines(text: string, issues: Hl7Issue[]): Line[] {
  const out: Line[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  let number = 0;
  let framingReported = false;
  const take = (raw: string) => {
    number++;
    let t = raw;
    if (t.includes('\x0b') || t.includes('\x1c')) {
      if (!framingReported) issues.push(issue('framing-byte', 'warning', `line ${number} holds MLLP framing bytes (0x0B/0x1C); they were dropped`, { line: number }));
      framingReported = true;
      t = t.replace(FRAMING, '');
    }
    if (t.trim() === '') return;
    out.push({ text: out.length === 0 ? t.replace(/^[ \t]+/, '') : t, number });
  };
  for (let m = re.exec(text); m; m = re.exec(text)) {
    take(text.slice(start, m.index));
    start = m.index + m[0].length;
  }
  take(text.slice(start));
  return out;
}
