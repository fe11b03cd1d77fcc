import { latin1 } from './latin1.js';
import type { Segment } from './segment.js';

/**
 * Segment id as a small integer: 2-3 capitals/digits starting with a capital, numbered densely
 * (below ID_CODES), so tables indexed by id code are plain arrays; -1 for anything else.
 */
export const NO_ID = -1;
/** every id code is below this */
export const ID_CODES = 26 * 36 * 37;

const ID_STRINGS: (string | undefined)[] = new Array<string | undefined>(ID_CODES).fill(undefined);

/** 0-9 for digits, 10-35 for capitals, -1 for anything else */
const digit36 = (c: number): number => (c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 90 ? c - 55 : -1);

/** The id code of a well-formed segment id string, or NO_ID. */
export function idCodeOf(id: string): number {
  const n = id.length;
  if (n < 2 || n > 3) return NO_ID;
  const a = id.charCodeAt(0);
  if (a < 65 || a > 90) return NO_ID;
  const c1 = digit36(id.charCodeAt(1));
  const c2 = n === 3 ? digit36(id.charCodeAt(2)) : 0;
  if (c1 < 0 || c2 < 0) return NO_ID;
  return (a - 65) * 1332 + c1 * 37 + (n === 3 ? c2 + 1 : 0);
}

/** The id code of bytes [start, end), or NO_ID when they are not 2-3 capitals/digits starting with a capital. */
export function idCodeOfBytes(b: Uint8Array, start: number, end: number): number {
  const n = end - start;
  if (n < 2 || n > 3) return NO_ID;
  const a = b[start];
  if (a < 65 || a > 90) return NO_ID;
  const c1 = digit36(b[start + 1]);
  if (c1 < 0) return NO_ID;
  if (n === 2) return (a - 65) * 1332 + c1 * 37;
  const c2 = digit36(b[start + 2]);
  if (c2 < 0) return NO_ID;
  return (a - 65) * 1332 + c1 * 37 + c2 + 1;
}

const char36 = (d: number): string => String.fromCharCode(d < 10 ? d + 48 : d + 55);

/** The (interned) id string of a code. */
export function idString(code: number): string {
  let s = ID_STRINGS[code];
  if (s === undefined) {
    const last = code % 37;
    s = String.fromCharCode(65 + Math.floor(code / 1332)) + char36(Math.floor((code % 1332) / 37)) + (last === 0 ? '' : char36(last - 1));
    ID_STRINGS[code] = s;
  }
  return s;
}

/** Flag: the segment has bytes >= 0x80, so its values are UTF-8 and character counts differ from byte counts. */
export const HIGH_BYTES = 1;
/** Flag: the segment has the repetition separator somewhere, so an element may hold repeats (without it, none can). */
export const REPEATS = 4;

// per-segment fields in `meta`
const BOUNDS = 0;
const COUNT = 1;
const ID = 2;
const FLAGS = 3;
const PAGE = 4;
const STRIDE = 5;

/**
 * The segments of one transaction set, kept flat: element boundaries and ids in typed arrays,
 * pointing into the reader's own buffers (pages), which are never copied per segment. Strings and Segment objects are made only when someone asks for them, so a set
 * of 30,000 segments is a handful of allocations instead of a few hundred thousand.
 */
export class SegmentStore {
  /** the buffers segments point into; the reader owns them and never writes to them again */
  private pages: Buffer[] = [];
  count = 0;
  /** per segment: first entry in `bounds`, element count (id included), id code, flags */
  private meta: Int32Array;
  /** per segment: file segment number, file byte offset */
  private place: Float64Array;
  /** element k of a segment spans bounds[b+k] .. bounds[b+k+1]-1 (the next separator) */
  bounds: Int32Array;
  private boundsUsed = 0;
  /** ids that are not 2-3 capitals/digits, by segment number in the store */
  private oddIds: Map<number, string> | null = null;

  constructor(segmentHint = 1024) {
    this.meta = new Int32Array(segmentHint * STRIDE);
    this.place = new Float64Array(segmentHint * 2);
    this.bounds = new Int32Array(segmentHint * 8);
  }

  /**
   * Adds a segment of `src` (a buffer that will not change): bytes [start, end), elements
   * starting at cuts[cutsAt..cutsAt + n) (the first = start). Element 0 is the id, given as a code (or a string).
   */
  append(src: Buffer, start: number, end: number, cuts: Int32Array, cutsAt: number, n: number, idCode: number, oddId: string | null, flags: number, index: number, offset: number): void {
    if (this.pages.length === 0 || this.pages[this.pages.length - 1] !== src) this.pages.push(src);
    if ((this.count + 1) * STRIDE > this.meta.length) {
      this.meta = growInt(this.meta, (this.count + 1) * STRIDE);
      const place = new Float64Array(this.meta.length / STRIDE * 2);
      place.set(this.place);
      this.place = place;
    }
    if (this.boundsUsed + n + 1 > this.bounds.length) this.bounds = growInt(this.bounds, this.boundsUsed + n + 1);
    const b = this.boundsUsed;
    const bounds = this.bounds;
    for (let k = 0; k < n; k++) bounds[b + k] = cuts[cutsAt + k];
    bounds[b + n] = end + 1;
    this.boundsUsed = b + n + 1;
    const m = this.count * STRIDE;
    this.meta[m + BOUNDS] = b;
    this.meta[m + COUNT] = n;
    this.meta[m + ID] = idCode;
    this.meta[m + FLAGS] = flags;
    this.meta[m + PAGE] = this.pages.length - 1;
    this.place[this.count * 2] = index;
    this.place[this.count * 2 + 1] = offset;
    if (oddId !== null) (this.oddIds ??= new Map()).set(this.count, oddId);
    this.count++;
  }

  /**
   * Keeps only the segments at `keep` (store positions), in order, and forgets the rest with the
   * buffers only they pointed into. Returns old position -> new position for the kept ones. The
   * arrays keep their size, so a store that is compacted now and then stops allocating.
   */
  compact(keep: readonly number[]): Map<number, number> {
    const sorted = [...new Set(keep)].sort((a, b) => a - b);
    const map = new Map<number, number>();
    const meta = this.meta;
    const bounds = this.bounds;
    const pageMap = new Map<number, number>();
    const pages: Buffer[] = [];
    let used = 0;
    for (let k = 0; k < sorted.length; k++) {
      const i = sorted[k];
      const from = i * STRIDE;
      const to = k * STRIDE;
      const b = meta[from + BOUNDS];
      const n = meta[from + COUNT];
      // new positions never pass old ones (sorted, forward copy), so copying in place is safe
      bounds.copyWithin(used, b, b + n + 1);
      let page = pageMap.get(meta[from + PAGE]);
      if (page === undefined) {
        page = pages.length;
        pages.push(this.pages[meta[from + PAGE]]);
        pageMap.set(meta[from + PAGE], page);
      }
      meta[to + BOUNDS] = used;
      meta[to + COUNT] = n;
      meta[to + ID] = meta[from + ID];
      meta[to + FLAGS] = meta[from + FLAGS];
      meta[to + PAGE] = page;
      this.place[k * 2] = this.place[i * 2];
      this.place[k * 2 + 1] = this.place[i * 2 + 1];
      used += n + 1;
      map.set(i, k);
    }
    if (this.oddIds) {
      const odd = new Map<number, string>();
      for (const [i, id] of this.oddIds) if (map.has(i)) odd.set(map.get(i) as number, id);
      this.oddIds = odd.size > 0 ? odd : null;
    }
    this.pages = pages;
    this.count = sorted.length;
    this.boundsUsed = used;
    return map;
  }

  /** Adds a segment given as strings (a set built by hand rather than read). */
  appendStrings(s: Segment): void {
    const parts = s.elements.length > 0 ? s.elements : [s.id];
    // any one byte between elements will do: only the recorded cuts are read back
    const whole = Buffer.from(parts.join('*'), 'utf8');
    const cuts = new Int32Array(parts.length);
    for (let k = 1, at = 0; k < parts.length; k++) {
      at += Buffer.byteLength(parts[k - 1], 'utf8') + 1;
      cuts[k] = at;
    }
    const code = idCodeOf(s.id);
    const ascii = whole.length === parts.reduce((t, p) => t + p.length, parts.length - 1);
    // built by hand: the separators are not known, so repetitions are always looked for
    this.append(whole, 0, whole.length, cuts, 0, parts.length, code, code === NO_ID ? s.id : null, (ascii ? 0 : HIGH_BYTES) | REPEATS, s.index, s.offset);
  }

  idCode(i: number): number {
    return this.meta[i * STRIDE + ID];
  }

  id(i: number): string {
    const code = this.meta[i * STRIDE + ID];
    return code === NO_ID ? (this.oddIds?.get(i) ?? '') : idString(code);
  }

  /** Where segment i's element starts begin in `bounds` (element k starts at bounds[base + k]). */
  base(i: number): number {
    return this.meta[i * STRIDE + BOUNDS];
  }

  /** Number of elements, the id included (Segment.elements.length). */
  elementCount(i: number): number {
    return this.meta[i * STRIDE + COUNT];
  }

  /** The buffer segment i's offsets point into. */
  bytesOf(i: number): Buffer {
    return this.pages[this.meta[i * STRIDE + PAGE]];
  }

  flags(i: number): number {
    return this.meta[i * STRIDE + FLAGS];
  }

  index(i: number): number {
    return this.place[i * 2];
  }

  offset(i: number): number {
    return this.place[i * 2 + 1];
  }

  /** Byte range of element n (n >= 1), or [0, 0] when absent. */
  start(i: number, n: number): number {
    const m = i * STRIDE;
    return n < this.meta[m + COUNT] ? this.bounds[this.meta[m + BOUNDS] + n] : 0;
  }

  end(i: number, n: number): number {
    const m = i * STRIDE;
    return n < this.meta[m + COUNT] ? this.bounds[this.meta[m + BOUNDS] + n + 1] - 1 : 0;
  }

  /** Element n as a string, '' when absent. */
  el(i: number, n: number): string {
    if (n === 0) return this.id(i);
    const m = i * STRIDE;
    if (n >= this.meta[m + COUNT]) return '';
    const b = this.meta[m + BOUNDS] + n;
    const s = this.bounds[b];
    const e = this.bounds[b + 1] - 1;
    if (s === e) return '';
    const bytes = this.pages[this.meta[m + PAGE]];
    if (this.meta[m + FLAGS] & HIGH_BYTES) return bytes.toString('utf8', s, e);
    // codes and qualifiers (1-3 characters) come back as the same string every time: no allocation
    return e - s <= CACHED_MAX ? cachedText(bytes, s, e) : latin1(bytes, s, e);
  }

  /** Bytes [s, e) of segment i's buffer as a string (a slice of an element). */
  text(i: number, s: number, e: number): string {
    if (s >= e) return '';
    const m = i * STRIDE;
    const bytes = this.pages[this.meta[m + PAGE]];
    if (this.meta[m + FLAGS] & HIGH_BYTES) return bytes.toString('utf8', s, e);
    return e - s <= CACHED_MAX ? cachedText(bytes, s, e) : latin1(bytes, s, e);
  }

  /**
   * Where element n's components start, into `starts`: component c spans starts[c] .. starts[c + 1] - 1,
   * and starts[k] is one past the element's end. Returns k (0 when the element is empty); past
   * starts.length - 2 components, the last one holds the rest. No strings are made.
   */
  componentStarts(i: number, n: number, separator: number, starts: Int32Array): number {
    const s = this.start(i, n);
    const e = this.end(i, n);
    if (s === e) return 0;
    const bytes = this.bytesOf(i);
    const most = starts.length - 2;
    let k = 0;
    starts[0] = s;
    for (let at = s; at < e && k < most; at++) if (bytes[at] === separator) starts[++k] = at + 1;
    starts[k + 1] = e + 1;
    return k + 1;
  }

  /**
   * Element n as a number (0 when empty or not a number), as Number(el) would read it. Plain
   * decimals of up to 15 digits are read from the bytes (exact: one correctly rounded division);
   * anything else goes through Number.
   */
  num(i: number, n: number): number {
    const s = this.start(i, n);
    const e = this.end(i, n);
    if (s === e) return 0;
    const b = this.bytesOf(i);
    let k = s;
    const negative = b[k] === 45;
    if (negative) k++;
    let value = 0;
    let digits = 0;
    let scale = -1;
    for (; k < e; k++) {
      const c = b[k];
      if (c >= 48 && c <= 57) {
        value = value * 10 + (c - 48);
        digits++;
        if (scale >= 0) scale++;
      } else if (c === 46 && scale < 0) scale = 0;
      else break;
    }
    if (k < e || digits === 0 || digits > 15) {
      const v = Number(this.el(i, n));
      return Number.isFinite(v) ? v : 0;
    }
    if (scale > 0) value /= POWERS_OF_TEN[scale];
    return negative ? -value : value;
  }

  /** Whether element n is absent or empty. */
  isEmpty(i: number, n: number): boolean {
    return this.start(i, n) === this.end(i, n);
  }

  /** Whether element n equals `value` (ASCII), without making a string. */
  elEquals(i: number, n: number, value: string): boolean {
    const s = this.start(i, n);
    const e = this.end(i, n);
    if (e - s !== value.length) return false;
    const bytes = this.bytesOf(i);
    for (let k = 0; k < value.length; k++) if (bytes[s + k] !== value.charCodeAt(k)) return false;
    return true;
  }

  elements(i: number): string[] {
    const n = this.elementCount(i);
    const out = new Array<string>(n);
    for (let k = 0; k < n; k++) out[k] = this.el(i, k);
    return out;
  }

  segment(i: number): StoredSegment {
    return new StoredSegment(this, i);
  }

  /** All segments as Segment objects (for callers of the public API; the reader itself does not need them). */
  segments(): Segment[] {
    const out = new Array<Segment>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = new StoredSegment(this, i);
    return out;
  }

  static fromSegments(segments: readonly Segment[]): SegmentStore {
    const store = new SegmentStore(Math.max(16, segments.length));
    for (const s of segments) store.appendStrings(s);
    return store;
  }
}

/** A Segment that reads its elements from a store when asked. */
export class StoredSegment implements Segment {
  readonly id: string;
  readonly index: number;
  readonly offset: number;
  private cached: string[] | undefined;

  constructor(readonly store: SegmentStore, readonly at: number) {
    this.id = store.id(at);
    this.index = store.index(at);
    this.offset = store.offset(at);
  }

  get elements(): string[] {
    return (this.cached ??= this.store.elements(this.at));
  }

  el(n: number): string {
    return this.cached ? (this.cached[n] ?? '') : this.store.el(this.at, n);
  }
}

/**
 * values up to this many bytes go through the cache (measured: caching longer values, up to 16
 * bytes, was slower on claim files than making the string: ids and amounts rarely repeat)
 */
const CACHED_MAX = 3;
/** slots of the direct-mapped cache (a power of two): bounded whatever the input */
const CACHE_SLOTS = 1 << 14;
const CACHE: string[] = new Array<string>(CACHE_SLOTS).fill('');

/**
 * Bytes as latin1 text through a small direct-mapped cache: codes and qualifiers repeat in every
 * claim, and a hit costs a hash and a compare of a few bytes instead of a new string. A miss makes
 * the string and takes the slot.
 */
function cachedText(b: Buffer, s: number, e: number): string {
  const n = e - s;
  let h = n;
  for (let k = s; k < e; k++) h = Math.imul(h ^ b[k], 0x01000193);
  const slot = (h ^ (h >>> 15)) & (CACHE_SLOTS - 1);
  const cached = CACHE[slot];
  if (cached.length === n) {
    let k = 0;
    while (k < n && cached.charCodeAt(k) === b[s + k]) k++;
    if (k === n) return cached;
  }
  const text = latin1(b, s, e);
  CACHE[slot] = text;
  return text;
}

const POWERS_OF_TEN = Array.from({ length: 16 }, (_, k) => 10 ** k);

export function growInt(a: Int32Array, need: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(Math.max(need, a.length * 2));
  next.set(a);
  return next;
}
