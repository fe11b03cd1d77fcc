import { scanIsa, type X12Delimiters } from './delimiters.js';
import type { X12Issue, X12IssueCode, X12Severity } from './errors.js';
import type { Segment } from './segment.js';
import { isAscii } from 'node:buffer';

export interface TokenizerOptions {
  tolerant: boolean;
}

export interface TokenizerSink {
  segment(segment: Segment): void;
  /** called when an ISA is read, before its segment is delivered */
  delimiters(delimiters: X12Delimiters): void;
  issue(issue: X12Issue): void;
}

/** Text kept while looking for an ISA; anything older is reported and dropped (bounded memory). */
const MAX_SEARCH = 64 * 1024;

/**
 * Splits a byte stream into segments. Bytes are decoded as latin1 so a character index is a byte
 * offset; segment text is sliced (not concatenated) from one decoded chunk at a time. Delimiters
 * come from each ISA; after an IEA the tokenizer looks for the next ISA.
 */
export class SegmentTokenizer {
  private text = '';
  private pos = 0;
  /** byte offset of text[0] */
  private base = 0;
  private delims: X12Delimiters | null = null;
  private count = 0;
  private sawInterchange = false;
  private wrappedWarned = false;
  private bare = false;
  private fatal = false;
  private ascii = true;

  constructor(private readonly sink: TokenizerSink, private readonly options: TokenizerOptions) {}

  /** Skips bytes the caller removed from the start of the stream (a byte-order mark), keeping offsets true. */
  skipBytes(n: number): void {
    this.base += n;
  }

  get stopped(): boolean {
    return this.fatal;
  }

  push(chunk: Buffer): void {
    if (this.fatal) return;
    if (this.ascii) this.ascii = isAscii(chunk);
    const rest = this.pos < this.text.length ? this.text.slice(this.pos) : '';
    this.base += this.pos;
    this.text = rest + chunk.toString('latin1');
    this.pos = 0;
    this.drain(false);
  }

  end(): void {
    if (this.fatal) return;
    this.drain(true);
    if (this.fatal) return;
    const tail = this.text.slice(this.pos);
    if (this.delims && tail.trim() !== '') {
      // last segment without a terminator
      this.emit(tail, this.base + this.pos, true);
    } else if (!this.delims && !this.sawInterchange && !this.bare) {
      this.stop('no-interchange-header', 'No ISA interchange header was found, so the separators cannot be determined. The file is not an X12 interchange, or its first line is damaged.', 0, '');
    }
    this.text = '';
    this.pos = 0;
  }

  private stop(code: X12IssueCode, message: string, offset: number, segmentId: string): void {
    this.fatal = true;
    this.sink.issue({ code, severity: 'error', message, position: { segment: this.count + 1, offset, segmentId } });
  }

  private warn(code: X12IssueCode, message: string, offset: number, segmentId: string, severity: X12Severity = 'warning'): void {
    this.sink.issue({ code, severity, message, position: { segment: this.count + 1, offset, segmentId } });
  }

  private drain(final: boolean): void {
    for (;;) {
      if (this.fatal) return;
      if (!this.delims) {
        if (!this.findHeader(final)) return;
        continue;
      }
      const term = this.delims.segment;
      const text = this.text;
      let start = this.pos;
      // line breaks and blanks after a terminator are layout, not data
      for (let c = text.charCodeAt(start); c === 10 || c === 13 || c === 32 || c === 9; c = text.charCodeAt(++start));
      const end = text.indexOf(term, start);
      if (end < 0) {
        this.pos = start;
        return;
      }
      this.pos = end + term.length;
      if (end > start) this.emit(text.slice(start, end), this.base + start, false);
      else if (term !== '\n' && term !== '\r') this.warn('empty-segment', 'An empty segment (two terminators in a row) was ignored.', this.base + start, '');
    }
  }

  private emit(raw: string, offset: number, unterminated: boolean): void {
    const d = this.delims as X12Delimiters;
    let textValue = raw;
    if (textValue.indexOf('\n') >= 0 || textValue.indexOf('\r') >= 0) {
      textValue = textValue.replace(/[\r\n]/g, '');
      if (textValue === '') return;
      if (!this.wrappedWarned && d.segment !== '\n' && d.segment !== '\r') {
        this.wrappedWarned = true;
        this.warn('wrapped-lines', 'Line breaks were found inside segments (a hard-wrapped file); they were removed.', offset, textValue.slice(0, 3));
      }
    }
    if (!this.ascii && /[\x80-\xff]/.test(textValue)) textValue = Buffer.from(textValue, 'latin1').toString('utf8');
    const elements = textValue.split(d.element);
    let id = elements[0];
    if (id.length > 0 && (id.charCodeAt(0) === 32 || id.charCodeAt(id.length - 1) === 32)) id = elements[0] = id.trim();
    this.count++;
    const segment: Segment = { id, elements, index: this.count, offset };
    if (!isSegmentId(id)) {
      this.sink.issue({ code: 'bad-segment-id', severity: 'error', message: `"${id.slice(0, 20)}" is not a segment identifier (2-3 capital letters or digits); the segment was not understood.`, position: { segment: this.count, offset, segmentId: id.slice(0, 3) }, ackCode: '1' });
    }
    if (elements.length > 1 && elements[elements.length - 1] === '') {
      this.sink.issue({ code: 'trailing-separator', severity: 'warning', message: `${id} ends with an empty element (trailing separator); the guides ask senders to drop trailing separators.`, position: { segment: this.count, offset, segmentId: id, element: elements.length - 1 } });
    }
    if (unterminated) this.warn('missing-trailer', `The last segment (${id}) has no segment terminator.`, offset, id);
    this.sink.segment(segment);
    if (id === 'IEA') this.delims = null;
  }

  /** Looks for the next ISA (or, tolerant, a bare ST). Returns true when delimiters are set. */
  private findHeader(final: boolean): boolean {
    const text = this.text;
    const at = findIsa(text, this.pos);
    if (at < 0) {
      if (this.options.tolerant && !this.sawInterchange) {
        const bare = findBareSt(text, this.pos, final);
        if (bare) {
          this.skipText(this.pos, bare.at, false);
          this.bare = true;
          this.sawInterchange = true;
          this.delims = bare.delimiters;
          this.pos = bare.at;
          this.warn('bare-transaction-set', 'The file has no ISA/GS envelope; a bare ST..SE transaction set was read with guessed component (":") and repetition ("^") separators.', this.base + bare.at, 'ST');
          this.sink.delimiters(bare.delimiters);
          return true;
        }
      }
      if (text.length - this.pos > MAX_SEARCH) {
        const keep = text.length - 3;
        this.skipText(this.pos, keep, true);
        this.pos = keep;
      } else if (final) {
        this.skipText(this.pos, text.length, true);
        this.pos = text.length;
      }
      return false;
    }
    const scan = scanIsa(text, at, final);
    if (scan.kind === 'need-more') {
      this.skipText(this.pos, at, false);
      this.pos = at;
      return false;
    }
    if (scan.kind === 'bad') {
      this.stop('isa-malformed', `The ISA interchange header is damaged (${scan.reason}); the separators cannot be determined.`, this.base + at, 'ISA');
      return false;
    }
    this.skipText(this.pos, at, false);
    if (scan.layoutProblems.length > 0) {
      const message = `The ISA header is not the fixed 106-character layout: ${scan.layoutProblems.join('; ')}.`;
      if (!this.options.tolerant) {
        this.stop('isa-malformed', `${message} Separators cannot be read reliably (tolerant mode recovers them by counting separators).`, this.base + at, 'ISA');
        return false;
      }
      this.warn('isa-malformed', `${message} Separators were recovered by counting element separators.`, this.base + at, 'ISA');
    }
    this.delims = scan.delimiters;
    this.sawInterchange = true;
    this.sink.delimiters(scan.delimiters);
    if (scan.wrapped && !this.wrappedWarned) {
      this.wrappedWarned = true;
      this.warn('wrapped-lines', 'Line breaks were found inside the ISA segment (a hard-wrapped file); they were removed.', this.base + at, 'ISA');
    }
    const offset = this.base + at;
    this.pos = at + scan.consumed;
    this.count++;
    const elements = scan.text.split(scan.delimiters.element);
    this.sink.segment({ id: 'ISA', elements, index: this.count, offset });
    return true;
  }

  private skipText(from: number, to: number, partial: boolean): void {
    if (to <= from) return;
    const skipped = this.text.slice(from, to);
    if (skipped.trim() === '' && !/\x00/.test(skipped)) return;
    const where = this.sawInterchange ? 'between interchanges' : 'before the first ISA';
    const code: X12IssueCode = this.sawInterchange ? 'text-between-interchanges' : 'text-before-isa';
    this.warn(code, `${to - from} bytes of text ${where} were skipped${partial ? ' while searching for an ISA' : ''}: "${skipped.trim().slice(0, 40)}${skipped.length > 40 ? '...' : ''}"`, this.base + from, '');
  }
}

/** Index of "ISA" followed by a plausible element separator, at a segment boundary. */
function findIsa(text: string, from: number): number {
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
function findBareSt(text: string, from: number, final: boolean): { at: number; delimiters: X12Delimiters } | null {
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

/** 2-3 characters: a capital letter, then capitals or digits. */
function isSegmentId(id: string): boolean {
  const n = id.length;
  if (n < 2 || n > 3) return false;
  const a = id.charCodeAt(0);
  if (a < 65 || a > 90) return false;
  for (let i = 1; i < n; i++) {
    const c = id.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57))) return false;
  }
  return true;
}
