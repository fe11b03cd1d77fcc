import type { Segment } from './segment.js';
import { HIGH_BYTES, idString, NO_ID, type SegmentStore } from './store.js';

/**
 * The segment the tokenizer has just read, as offsets into its bytes. One object is reused for
 * every segment: a set's segments are copied into its store, envelope segments become Segments.
 */
export class RawSegment {
  /** the bytes, and where the segment is in them: [start, end), element k starting at cuts[cutsAt + k] (the first = start) */
  src: Buffer = Buffer.alloc(0);
  start = 0;
  end = 0;
  cuts: Int32Array = new Int32Array(0);
  cutsAt = 0;
  n = 0;
  idCode = NO_ID;
  oddId: string | null = null;
  flags = 0;
  index = 0;
  offset = 0;
  /** its elements were already found to break no element rule (by the file reader's worker): the set's checks skip them */
  clean = false;

  set(src: Buffer, start: number, end: number, cuts: Int32Array, cutsAt: number, n: number, idCode: number, oddId: string | null, flags: number, index: number, offset: number): void {
    this.src = src;
    this.start = start;
    this.end = end;
    this.cuts = cuts;
    this.cutsAt = cutsAt;
    this.n = n;
    this.idCode = idCode;
    this.oddId = oddId;
    this.flags = flags;
    this.index = index;
    this.offset = offset;
    this.clean = false;
  }

  get id(): string {
    return this.idCode === NO_ID ? (this.oddId ?? '') : idString(this.idCode);
  }

  /** Element n (1-based) as a string, '' when absent. */
  el(n: number): string {
    if (n === 0) return this.id;
    if (n >= this.n) return '';
    const s = this.cuts[this.cutsAt + n];
    const e = n + 1 < this.n ? this.cuts[this.cutsAt + n + 1] - 1 : this.end;
    return this.src.toString(this.flags & HIGH_BYTES ? 'utf8' : 'latin1', s, e);
  }

  /** A standalone Segment (envelope segments, and the few kept for positions). */
  toSegment(): Segment {
    const elements = new Array<string>(this.n);
    for (let k = 0; k < this.n; k++) elements[k] = this.el(k);
    return { id: elements[0], elements, index: this.index, offset: this.offset };
  }

  copyTo(store: SegmentStore): void {
    store.append(this.src, this.start, this.end, this.cuts, this.cutsAt, this.n, this.idCode, this.oddId, this.flags, this.index, this.offset);
  }
}
