import { scanIsa, type X12Delimiters } from './delimiters.js';
import type { X12Issue, X12IssueCode, X12Severity } from './errors.js';
import { findBareSt, findIsa, MAX_SEARCH } from './header.js';
import { RawSegment } from './raw-segment.js';
import { growInt, HIGH_BYTES, idCodeOf, idCodeOfBytes, NO_ID, REPEATS } from './store.js';

export interface TokenizerOptions {
  tolerant: boolean;
}

export interface TokenizerSink {
  /** the segment just read; the object is reused for the next one, so copy what you keep */
  segment(segment: RawSegment): void;
  /** called when an ISA is read, before its segment is delivered */
  delimiters(delimiters: X12Delimiters): void;
  issue(issue: X12Issue): void;
}

const EMPTY = Buffer.alloc(0);
/** scan flag: a line break inside the segment (hard-wrapped file, or CRLF after a LF terminator) */
const BREAKS = 2;
/** ISA search window: the bounded text decoded at a time */
const WINDOW = MAX_SEARCH + 1024;
const ISA_WINDOW = 512;
/** byte classes besides the flags (HIGH_BYTES 1, BREAKS 2, REPEATS 4) */
const SEPARATOR = 64;
const TERMINATOR = 128;

/**
 * Splits a byte stream into segments without decoding it: element boundaries are found with one
 * pass over each segment's bytes and handed on as offsets. Delimiters come from each ISA; after an
 * IEA the tokenizer looks for the next ISA. Only the ISA search decodes text (latin1, so a
 * character index is a byte offset), a bounded window at a time.
 */
export class SegmentTokenizer {
  private buf: Buffer = EMPTY;
  private pos = 0;
  /** byte offset of buf[0] in the file */
  private base = 0;
  private delims: X12Delimiters | null = null;
  /** the terminator as one byte, or -1 when it takes more (a UTF-8 encoded character) */
  private termByte = -1;
  private termBytes: Buffer = EMPTY;
  private termIsLineBreak = false;
  private elementByte = 0;
  /** the repetition separator as a byte, or -1 */
  private repetitionByte = -1;
  private count = 0;
  private sawInterchange = false;
  private wrappedWarned = false;
  private bare = false;
  private fatal = false;
  private cuts = new Int32Array(64);
  /**
   * What each byte value means to the scan: 0 plain data (most bytes: one load and one test),
   * otherwise TERMINATOR / SEPARATOR or the flags it sets (REPEATS, BREAKS, HIGH_BYTES).
   */
  private readonly classes = new Uint8Array(256);
  private n = 0;
  private flags = 0;
  private readonly current = new RawSegment();

  constructor(private readonly sink: TokenizerSink, private readonly options: TokenizerOptions) {}

  /** Skips bytes the caller removed from the start of the stream (a byte-order mark), keeping offsets true. */
  skipBytes(n: number): void {
    this.base += n;
  }

  get stopped(): boolean {
    return this.fatal;
  }

  /**
   * Copies the unfinished segment kept after a push into bytes of its own, so the pushed chunk's
   * buffer is no longer referenced and can be handed to another thread.
   */
  ownTail(): void {
    if (this.buf.length > 0) this.buf = Buffer.from(this.buf);
  }

  push(chunk: Buffer): void {
    if (this.fatal || chunk.length === 0) return;
    // always a copy: sets keep pointing into these bytes, and the caller may reuse its chunk
    this.buf = Buffer.concat([this.buf, chunk]);
    this.drain(false);
    // keep only the unfinished segment (the next push copies it in front of the new chunk)
    this.base += this.pos;
    this.buf = this.pos < this.buf.length ? this.buf.subarray(this.pos) : EMPTY;
    this.pos = 0;
  }

  end(): void {
    if (this.fatal) return;
    this.drain(true);
    if (this.fatal) return;
    const buf = this.buf;
    if (this.delims && buf.toString('latin1', this.pos).trim() !== '') {
      // last segment without a terminator
      this.emit(buf, this.pos, this.scan(buf, this.pos, buf.length, -1), true);
    } else if (!this.delims && !this.sawInterchange && !this.bare) {
      this.stop('no-interchange-header', 'No ISA interchange header was found, so the separators cannot be determined. The file is not an X12 interchange, or its first line is damaged.', 0, '');
    }
    this.buf = EMPTY;
    this.pos = 0;
  }

  private stop(code: X12IssueCode, message: string, offset: number, segmentId: string): void {
    this.fatal = true;
    this.sink.issue({ code, severity: 'error', message, position: { segment: this.count + 1, offset, segmentId } });
  }

  private warn(code: X12IssueCode, message: string, offset: number, segmentId: string, severity: X12Severity = 'warning'): void {
    this.sink.issue({ code, severity, message, position: { segment: this.count + 1, offset, segmentId } });
  }

  private setDelimiters(d: X12Delimiters): void {
    this.delims = d;
    const term = Buffer.from(d.segment, 'latin1');
    this.termBytes = term;
    this.termByte = term.length === 1 ? term[0] : -1;
    this.termIsLineBreak = d.segment === '\n' || d.segment === '\r';
    this.elementByte = d.element.charCodeAt(0);
    this.repetitionByte = d.repetition.length === 1 ? d.repetition.charCodeAt(0) : -1;
    this.classify(this.termByte);
  }

  /** Fills the byte-class table for the current separators and terminator byte `tb` (-1: none). */
  private classify(tb: number): void {
    const classes = this.classes;
    classes.fill(0, 0, 0x80);
    classes.fill(HIGH_BYTES, 0x80);
    classes[10] = BREAKS;
    classes[13] = BREAKS;
    // later assignments win, in the order the old byte tests ran: terminator, element, repetition
    if (this.repetitionByte >= 0) classes[this.repetitionByte] = REPEATS;
    classes[this.elementByte] = SEPARATOR;
    if (tb >= 0) classes[tb] = TERMINATOR;
  }

  private drain(final: boolean): void {
    for (;;) {
      if (this.fatal) return;
      if (!this.delims) {
        if (!this.findHeader(final)) return;
        continue;
      }
      const buf = this.buf;
      const len = buf.length;
      let start = this.pos;
      // line breaks and blanks after a terminator are layout, not data
      for (let c = buf[start]; c === 10 || c === 13 || c === 32 || c === 9; c = buf[++start]);
      let end: number;
      if (this.termByte >= 0) end = this.scan(buf, start, len, this.termByte);
      else {
        end = buf.indexOf(this.termBytes, start);
        if (end >= 0) this.scan(buf, start, end, -1);
      }
      if (end < 0) {
        this.pos = Math.min(start, len);
        return;
      }
      this.pos = end + this.termBytes.length;
      if (end > start) this.emit(buf, start, end, false);
      else if (!this.termIsLineBreak) this.warn('empty-segment', 'An empty segment (two terminators in a row) was ignored.', this.base + start, '');
    }
  }

  /**
   * Records element starts of src[start..) in `cuts` until the terminator byte `tb` (or `limit`
   * when tb < 0); returns the terminator's position, or -1 when the segment is not complete yet.
   */
  private scan(src: Buffer, start: number, limit: number, tb: number): number {
    // the table marks the current terminator byte; a scan to `limit` must not stop at it
    const term = this.termByte;
    if (tb !== term && term >= 0) this.classes[term] = 0;
    const classes = this.classes;
    let cuts = this.cuts;
    let n = 1;
    let flags = 0;
    cuts[0] = start;
    let i = start;
    for (; i < limit; i++) {
      const k = classes[src[i]];
      if (k === 0) continue;
      if (k === TERMINATOR) break;
      if (k === SEPARATOR) {
        if (n === cuts.length) cuts = this.cuts = growInt(cuts, n * 2);
        cuts[n++] = i + 1;
      } else flags |= k;
    }
    if (tb !== term && term >= 0) this.classify(term);
    if (tb >= 0 && i === limit) return -1;
    this.n = n;
    this.flags = flags;
    return i;
  }

  /** Hands on the segment src[start, end) just scanned. */
  private emit(src: Buffer, start: number, end: number, unterminated: boolean): void {
    const offset = this.base + start;
    if (this.flags & BREAKS) {
      // rare: take a copy without the line breaks and split that
      const clean = Buffer.from(src.toString('latin1', start, end).replace(/[\r\n]/g, ''), 'latin1');
      if (clean.length === 0) return;
      if (!this.wrappedWarned && !this.termIsLineBreak) {
        this.wrappedWarned = true;
        this.warn('wrapped-lines', 'Line breaks were found inside segments (a hard-wrapped file); they were removed.', offset, clean.toString('latin1', 0, 3));
      }
      src = clean;
      start = 0;
      end = this.scan(clean, 0, clean.length, -1);
    }
    const cuts = this.cuts;
    const n = this.n;
    const idEnd = n > 1 ? cuts[1] - 1 : end;
    let code = idCodeOfBytes(src, start, idEnd);
    let oddId: string | null = null;
    if (code === NO_ID) {
      let id = src.toString(this.flags & HIGH_BYTES ? 'utf8' : 'latin1', start, idEnd);
      if (id.length > 0 && (id.charCodeAt(0) === 32 || id.charCodeAt(id.length - 1) === 32)) id = id.trim();
      code = idCodeOf(id);
      if (code === NO_ID) oddId = id;
    }
    this.count++;
    const s = this.current;
    s.set(src, start, end, cuts, 0, n, code, oddId, this.flags & (HIGH_BYTES | REPEATS), this.count, offset);
    if (code === NO_ID) {
      const id = oddId as string;
      this.sink.issue({ code: 'bad-segment-id', severity: 'error', message: `"${id.slice(0, 20)}" is not a segment identifier (2-3 capital letters or digits); the segment was not understood.`, position: { segment: this.count, offset, segmentId: id.slice(0, 3) }, ackCode: '1' });
    }
    if (n > 1 && cuts[n - 1] === end) {
      this.sink.issue({ code: 'trailing-separator', severity: 'warning', message: `${s.id} ends with an empty element (trailing separator); the guides ask senders to drop trailing separators.`, position: { segment: this.count, offset, segmentId: s.id, element: n - 1 } });
    }
    if (unterminated) this.sink.issue({ code: 'missing-trailer', severity: 'warning', message: `The last segment (${s.id}) has no segment terminator.`, position: { segment: this.count, offset, segmentId: s.id } });
    this.sink.segment(s);
    if (code === IEA) this.delims = null;
  }

  /** Looks for the next ISA (or, tolerant, a bare ST). Returns true when delimiters are set. */
  private findHeader(final: boolean): boolean {
    for (;;) {
      const buf = this.buf;
      const from = this.pos;
      const windowEnd = Math.min(buf.length, from + WINDOW);
      const more = windowEnd < buf.length;
      const text = buf.toString('latin1', from, windowEnd);
      const at = findIsa(text, 0);
      if (at < 0) {
        if (this.options.tolerant && !this.sawInterchange) {
          const bare = findBareSt(text, 0, final);
          if (bare) {
            this.skipText(from, from + bare.at, false);
            this.bare = true;
            this.sawInterchange = true;
            this.setDelimiters(bare.delimiters);
            this.pos = from + bare.at;
            this.warn('bare-transaction-set', 'The file has no ISA/GS envelope; a bare ST..SE transaction set was read with guessed component (":") and repetition ("^") separators.', this.base + this.pos, 'ST');
            this.sink.delimiters(bare.delimiters);
            return true;
          }
        }
        if (more || buf.length - from > MAX_SEARCH) {
          const keep = windowEnd - 3;
          this.skipText(from, keep, true);
          this.pos = keep;
          if (more) continue;
        } else if (final) {
          this.skipText(from, buf.length, true);
          this.pos = buf.length;
        }
        return false;
      }
      const isaAt = from + at;
      const isaEnd = Math.min(buf.length, isaAt + ISA_WINDOW);
      const scan = scanIsa(buf.toString('latin1', isaAt, isaEnd), 0, final || isaEnd < buf.length);
      if (scan.kind === 'need-more') {
        this.skipText(from, isaAt, false);
        this.pos = isaAt;
        return false;
      }
      if (scan.kind === 'bad') {
        this.stop('isa-malformed', `The ISA interchange header is damaged (${scan.reason}); the separators cannot be determined.`, this.base + isaAt, 'ISA');
        return false;
      }
      this.skipText(from, isaAt, false);
      if (scan.layoutProblems.length > 0) {
        const message = `The ISA header is not the fixed 106-character layout: ${scan.layoutProblems.join('; ')}.`;
        if (!this.options.tolerant) {
          this.stop('isa-malformed', `${message} Separators cannot be read reliably (tolerant mode recovers them by counting separators).`, this.base + isaAt, 'ISA');
          return false;
        }
        this.warn('isa-malformed', `${message} Separators were recovered by counting element separators.`, this.base + isaAt, 'ISA');
      }
      this.setDelimiters(scan.delimiters);
      this.sawInterchange = true;
      this.sink.delimiters(scan.delimiters);
      if (scan.wrapped && !this.wrappedWarned) {
        this.wrappedWarned = true;
        this.warn('wrapped-lines', 'Line breaks were found inside the ISA segment (a hard-wrapped file); they were removed.', this.base + isaAt, 'ISA');
      }
      this.pos = isaAt + scan.consumed;
      const isa = Buffer.from(scan.text, 'latin1');
      this.scan(isa, 0, isa.length, -1);
      this.count++;
      this.current.set(isa, 0, isa.length, this.cuts, 0, this.n, ISA, null, 0, this.count, this.base + isaAt);
      this.sink.segment(this.current);
      return true;
    }
  }

  private skipText(from: number, to: number, partial: boolean): void {
    if (to <= from) return;
    const skipped = this.buf.toString('latin1', from, to);
    if (skipped.trim() === '' && !/\x00/.test(skipped)) return;
    const where = this.sawInterchange ? 'between interchanges' : 'before the first ISA';
    const code: X12IssueCode = this.sawInterchange ? 'text-between-interchanges' : 'text-before-isa';
    this.warn(code, `${to - from} bytes of text ${where} were skipped${partial ? ' while searching for an ISA' : ''}: "${skipped.trim().slice(0, 40)}${skipped.length > 40 ? '...' : ''}"`, this.base + from, '');
  }
}

const ISA = idCodeOf('ISA');
const IEA = idCodeOf('IEA');
