import type { X12Delimiters } from './delimiters.js';
import type { X12Issue } from './errors.js';
import type { RawSegment } from './raw-segment.js';
import { elementsClean } from './schema/elements.js';
import type { SetProcessor } from './process.js';
import type { TokenizerSink } from './tokenizer.js';

/**
 * What the file reader's worker hands the reading thread per chunk: the segments it split, each
 * with its element rules already checked, and the tokenizer's other news (delimiters, issues) in
 * the order it came. Everything is typed arrays and buffers, so it crosses threads as a copy of
 * flat memory (or, for the chunk itself, a transfer) rather than object by object.
 */
export interface SegmentBatch {
  /** the bytes segments point into: the chunk, plus the odd copy the tokenizer made (an ISA, an unwrapped segment) */
  pages: Uint8Array[];
  /** per segment SEG_FIELDS numbers: page, start, end, element count, id code, flags, clean (0/1), first entry in `bounds` */
  segments: Int32Array;
  /** per segment its element starts then one past its end (a set store's layout) */
  bounds: Int32Array;
  /** per segment: file segment number, file byte offset */
  places: Float64Array;
  count: number;
  /** delimiters and issues, each to be handled before segment `at` (or after the last one) */
  news: BatchNews[];
  /** ids that are not 2-3 capitals/digits, by segment in the batch */
  oddIds: [number, string][];
  /** the file has been read to its end: this is the last batch */
  done: boolean;
  /** bytes of the file read so far (this batch's chunk included) */
  read: number;
}

export type BatchNews = { at: number; delimiters: X12Delimiters } | { at: number; issue: X12Issue };

export const SEG_FIELDS = 8;

/** Collects what a tokenizer hands on into batches (the worker's side). */
export class BatchWriter implements TokenizerSink {
  private pages: Uint8Array[] = [];
  private segments = new Int32Array(4096 * SEG_FIELDS);
  private bounds = new Int32Array(4096 * 12);
  private places = new Float64Array(4096 * 2);
  private count = 0;
  private used = 0;
  private news: BatchNews[] = [];
  private oddIds: [number, string][] = [];
  private component = 0;
  private repetition = -1;
  private lastPage: Uint8Array | null = null;
  private lastIndex = 0;

  delimiters(d: X12Delimiters): void {
    this.component = d.component.charCodeAt(0);
    this.repetition = d.repetition.length === 1 ? d.repetition.charCodeAt(0) : -1;
    this.news.push({ at: this.count, delimiters: d });
  }

  issue(issue: X12Issue): void {
    this.news.push({ at: this.count, issue });
  }

  segment(s: RawSegment): void {
    const k = this.count;
    const n = s.n;
    if ((k + 1) * SEG_FIELDS > this.segments.length) {
      this.segments = grow(this.segments, (k + 1) * SEG_FIELDS * 2);
      const places = new Float64Array((k + 1) * 2 * 2);
      places.set(this.places);
      this.places = places;
    }
    if (this.used + n + 1 > this.bounds.length) this.bounds = grow(this.bounds, (this.used + n + 1) * 2);
    const src = s.src;
    if (src !== this.lastPage) {
      // segments go back to the chunk's page after an ISA or an unwrapped segment copied out of it
      this.lastIndex = this.pages.indexOf(src);
      if (this.lastIndex < 0) this.lastIndex = this.pages.push(src) - 1;
      this.lastPage = src;
    }
    const bounds = this.bounds;
    const b = this.used;
    const cuts = s.cuts;
    const at = s.cutsAt;
    for (let e = 0; e < n; e++) bounds[b + e] = cuts[at + e];
    bounds[b + n] = s.end + 1;
    this.used = b + n + 1;
    const m = k * SEG_FIELDS;
    const segments = this.segments;
    segments[m] = this.lastIndex;
    segments[m + 1] = s.start;
    segments[m + 2] = s.end;
    segments[m + 3] = n;
    segments[m + 4] = s.idCode;
    segments[m + 5] = s.flags;
    segments[m + 6] = elementsClean(src, bounds, b, n, s.idCode, s.flags, this.component, this.repetition) ? 1 : 0;
    segments[m + 7] = b;
    this.places[k * 2] = s.index;
    this.places[k * 2 + 1] = s.offset;
    if (s.oddId !== null) this.oddIds.push([k, s.oddId]);
    this.count = k + 1;
  }

  /** The batch so far (and the buffers to transfer rather than copy); starts the next one. */
  take(done: boolean, read: number): { batch: SegmentBatch; transfer: ArrayBuffer[] } {
    const transfer: ArrayBuffer[] = [];
    const pages = this.pages.map((page) => {
      // a buffer that is all of its memory moves to the other thread; a small pooled one is copied out of its pool
      const memory = page.buffer;
      if (page.byteOffset === 0 && memory.byteLength === page.byteLength && memory instanceof ArrayBuffer) {
        transfer.push(memory as ArrayBuffer);
        return page;
      }
      return new Uint8Array(page);
    });
    const batch: SegmentBatch = {
      pages,
      segments: this.segments.slice(0, this.count * SEG_FIELDS),
      bounds: this.bounds.slice(0, this.used),
      places: this.places.slice(0, this.count * 2),
      count: this.count,
      news: this.news,
      oddIds: this.oddIds,
      done,
      read,
    };
    transfer.push(batch.segments.buffer as ArrayBuffer, batch.bounds.buffer as ArrayBuffer, batch.places.buffer as ArrayBuffer);
    this.pages = [];
    this.lastPage = null;
    this.count = 0;
    this.used = 0;
    this.news = [];
    this.oddIds = [];
    return { batch, transfer };
  }
}

function grow(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(size);
  next.set(a);
  return next;
}

/**
 * Hands a batch's news and segments, in their order, to what the tokenizer would have told (the
 * reading thread's side), a stretch at a time: the events of a stretch can be taken (and their
 * models dropped) before the next one is read. The segment object is reused, as the tokenizer's is.
 */
export class BatchReplay {
  private readonly pages: Buffer[];
  private readonly odd: Map<number, string> | null;
  /** next segment, and next news item, to hand on */
  private at = 0;
  private news = 0;

  constructor(private readonly batch: SegmentBatch) {
    this.pages = batch.pages.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength));
    this.odd = batch.oddIds.length > 0 ? new Map(batch.oddIds) : null;
  }

  get finished(): boolean {
    return this.at >= this.batch.count && this.news >= this.batch.news.length;
  }

  /**
   * Hands on up to `most` segments (with the news before them, and after the last one at the end).
   * A segment inside a set goes straight into the set's store and checks when `direct` gives the
   * set's processor; `segment` is then still left holding the last one. Returns how many were handed on.
   */
  replay(sink: TokenizerSink, segment: RawSegment, most: number, direct: (code: number) => SetProcessor | null): number {
    const { segments, bounds, places, news, count } = this.batch;
    const pages = this.pages;
    const odd = this.odd;
    const to = Math.min(count, this.at + most);
    let next = this.news;
    for (let k = this.at; k < to; k++) {
      while (next < news.length && news[next].at <= k) tell(sink, news[next++]);
      const m = k * SEG_FIELDS;
      const code = segments[m + 4];
      const processor = odd === null ? direct(code) : null;
      if (processor !== null) {
        const store = processor.store;
        store.append(pages[segments[m]], segments[m + 1], segments[m + 2], bounds, segments[m + 7], segments[m + 3], code, null, segments[m + 5], places[k * 2], places[k * 2 + 1]);
        processor.check(store.count - 1, segments[m + 6] === 1);
        if (k === to - 1) segment.set(pages[segments[m]], segments[m + 1], segments[m + 2], bounds, segments[m + 7], segments[m + 3], code, null, segments[m + 5], places[k * 2], places[k * 2 + 1]);
        continue;
      }
      segment.set(pages[segments[m]], segments[m + 1], segments[m + 2], bounds, segments[m + 7], segments[m + 3], segments[m + 4], this.odd?.get(k) ?? null, segments[m + 5], places[k * 2], places[k * 2 + 1]);
      segment.clean = segments[m + 6] === 1;
      sink.segment(segment);
    }
    if (to === count) while (next < news.length) tell(sink, news[next++]);
    const handed = to - this.at;
    this.at = to;
    this.news = next;
    return handed;
  }
}

function tell(sink: TokenizerSink, news: BatchNews): void {
  if ('delimiters' in news) sink.delimiters(news.delimiters);
  else sink.issue(news.issue);
}
