import { MLLP_CARRIAGE_RETURN, MLLP_END_BLOCK, MLLP_START_BLOCK } from '../../../domain/index.js';

export const DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;
/** How much of an oversize frame is kept, enough to read its MSH and answer it. */
const OVERSIZE_HEAD_BYTES = 4096;

export type MllpEvent =
  | { type: 'frame'; payload: Buffer }
  /** bytes outside any frame (or an unfinished frame cut by a new start block), dropped */
  | { type: 'garbage'; bytes: number }
  /** a frame larger than the limit: its first bytes are kept so it can be answered */
  | { type: 'oversize'; bytes: number; head: Buffer };

/** Frame text for MLLP: VT + message + FS + CR (segments already end in CR). */
export function frameMessage(message: string): Buffer {
  const body = Buffer.from(message.replace(/\r\n|\n/g, '\r'), 'utf8');
  return Buffer.concat([Buffer.from([MLLP_START_BLOCK]), body, Buffer.from([MLLP_END_BLOCK, MLLP_CARRIAGE_RETURN])]);
}

/**
 * Incremental MLLP decoder: feed it chunks as they arrive, in any split; get whole frames back.
 * Memory is bounded by maxFrameBytes per connection.
 */
export class MllpDecoder {
  private inFrame = false;
  private parts: Buffer[] = [];
  private size = 0;
  private oversize = false;
  private head: Buffer | undefined;
  private garbage = 0;
  /** an FS was the last byte of the previous chunk; the CR may come next */
  private pendingEnd = false;

  constructor(private readonly maxFrameBytes = DEFAULT_MAX_FRAME_BYTES) {}

  push(chunk: Buffer): MllpEvent[] {
    const events: MllpEvent[] = [];
    let i = 0;
    if (this.pendingEnd) {
      this.pendingEnd = false;
      if (chunk[0] === MLLP_CARRIAGE_RETURN) i = 1;
    }
    while (i < chunk.length) {
      if (!this.inFrame) {
        const start = chunk.indexOf(MLLP_START_BLOCK, i);
        const end = start < 0 ? chunk.length : start;
        this.garbage += countNonWhitespace(chunk, i, end);
        if (start < 0) break;
        this.flushGarbage(events);
        this.inFrame = true;
        i = start + 1;
        continue;
      }
      const fs = chunk.indexOf(MLLP_END_BLOCK, i);
      const vt = chunk.indexOf(MLLP_START_BLOCK, i);
      if (vt >= 0 && (fs < 0 || vt < fs)) {
        // A new frame starts before this one ended: the unfinished one is lost, say so.
        this.garbage += this.size + (vt - i);
        this.reset();
        this.flushGarbage(events);
        this.inFrame = true;
        i = vt + 1;
        continue;
      }
      const stop = fs < 0 ? chunk.length : fs;
      this.append(chunk.subarray(i, stop));
      if (fs < 0) break;
      events.push(this.finish());
      i = fs + 1;
      if (i >= chunk.length) this.pendingEnd = true;
      else if (chunk[i] === MLLP_CARRIAGE_RETURN) i++;
    }
    this.flushGarbage(events);
    return events;
  }

  /** bytes held for an unfinished frame */
  get buffered(): number {
    return this.oversize ? 0 : this.size;
  }

  private append(b: Buffer): void {
    if (b.length === 0) return;
    this.size += b.length;
    if (this.oversize) return;
    if (this.size > this.maxFrameBytes) {
      this.oversize = true;
      this.head = Buffer.concat([...this.parts, b]).subarray(0, OVERSIZE_HEAD_BYTES);
      this.parts = [];
      return;
    }
    this.parts.push(Buffer.from(b));
  }

  private finish(): MllpEvent {
    const e: MllpEvent = this.oversize
      ? { type: 'oversize', bytes: this.size, head: this.head ?? Buffer.alloc(0) }
      : { type: 'frame', payload: Buffer.concat(this.parts) };
    this.reset();
    return e;
  }

  private reset(): void {
    this.inFrame = false;
    this.parts = [];
    this.size = 0;
    this.oversize = false;
    this.head = undefined;
  }

  private flushGarbage(events: MllpEvent[]): void {
    if (this.garbage > 0) events.push({ type: 'garbage', bytes: this.garbage });
    this.garbage = 0;
  }
}

function countNonWhitespace(b: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = b[i];
    if (c !== 0x0d && c !== 0x0a && c !== 0x20 && c !== 0x09) n++;
  }
  return n;
}
