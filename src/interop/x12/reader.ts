import { createReadStream, statSync } from 'node:fs';
import type { X12Delimiters } from './delimiters.js';
import { EnvelopeTracker, type GroupHeader, type InterchangeHeader, type TransactionSet } from './envelope.js';
import type { X12Issue } from './errors.js';
import type { AckSetResponse, Acknowledgement, Claim837, ClaimPayment, ClaimStatus, Eligibility, Remittance835 } from './models.js';
import type { SetProcessor, ValidatedSet } from './process.js';
import { SegmentTokenizer, type TokenizerSink } from './tokenizer.js';
import { BatchReplay } from './file-batches.js';
import { RawSegment } from './raw-segment.js';
import { THREADED_CHUNK, threadedBatches, useThread, type ThreadMode } from './threaded-read.js';

export interface ReadOptions {
  /** accept what messy real files need: bare ST..SE, damaged ISA padding, UTF-16 input */
  tolerant?: boolean;
  /**
   * Validate each set and build its models while reading it: 'set' events then carry `validated`,
   * and 837 claims, 835 claim payments, 277 statuses, 270/271 entries and 999/997 set responses come as their own events as soon as each
   * is read, so a set of any size is held only a claim at a time. `keepModels: false` leaves them
   * out of the set's models (they are only in the events).
   */
  check?: { keepModels: boolean };
  /**
   * Reading a file: split it and check its elements on a second thread while this one places
   * segments and builds models. 'auto' (the default) does so for files of 16 MB and more on a
   * machine with more than one core; events are the same either way.
   */
  threads?: ThreadMode;
  /** Reading a file: called as the file is read, with the bytes read so far and the file's size (for a progress bar). */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

export type X12Event =
  | { type: 'interchange'; header: InterchangeHeader }
  | { type: 'set'; set: TransactionSet; validated?: ValidatedSet }
  | { type: 'ta1'; acknowledgement: Acknowledgement }
  | { type: 'claim'; claim: Claim837 }
  | { type: 'remittance'; remittance: Remittance835 }
  | { type: 'claim-payment'; remittance: Remittance835; claim: ClaimPayment }
  | { type: 'claim-status'; status: ClaimStatus }
  | { type: 'eligibility'; entry: Eligibility }
  /** a 999/997 once its first set response is read (or at its end when it has none); AK9's status and counts are filled in when its 'set' event comes */
  | { type: 'acknowledgement'; acknowledgement: Acknowledgement }
  | { type: 'set-response'; acknowledgement: Acknowledgement; response: AckSetResponse }
  | { type: 'group-end'; group: GroupHeader; interchange: InterchangeHeader; declaredSets: number | undefined }
  | { type: 'interchange-end'; header: InterchangeHeader }
  | { type: 'delimiters'; delimiters: X12Delimiters }
  | { type: 'issue'; issue: X12Issue }
  /** an issue of the set being read, beyond the MAX_SET_ISSUES its 'set' event keeps: handed on as found, and counted with that set */
  | { type: 'set-issue'; issue: X12Issue };

/**
 * Push-style reader: feed chunks, take the events each chunk completes. Memory is bounded by one
 * transaction set plus one chunk, whatever the file size.
 */
/** Tokenizer issues about one segment (the one it hands in next), as opposed to the file or its header. */
const SEGMENT_ISSUES: ReadonlySet<X12Issue['code']> = new Set(['bad-segment-id', 'trailing-separator', 'missing-trailer', 'wrapped-lines']);

export class X12StreamReader {
  private readonly events: X12Event[] = [];
  private readonly tokenizer: SegmentTokenizer;
  private readonly envelope: EnvelopeTracker;
  private first = true;
  private utf16: TextDecoder | null = null;
  private refused = false;
  /** the tokenizer's reused segment: after the last one it still says where that was */
  private last: RawSegment | undefined;
  /** where split segments go: the envelope (the tokenizer's sink, and a worker's batches replayed) */
  private readonly sink: TokenizerSink;
  private readonly replayed = new RawSegment();
  private readonly direct = (code: number): SetProcessor | null => this.envelope.processorFor(code);

  constructor(private readonly options: ReadOptions = {}) {
    const events = this.events;
    this.envelope = new EnvelopeTracker({
      set: (set, validated) => events.push(validated ? { type: 'set', set, validated } : { type: 'set', set }),
      issue: (issue) => events.push({ type: 'issue', issue }),
      interchangeStart: (header) => events.push({ type: 'interchange', header }),
      groupEnd: (group, interchange, declaredSets) => events.push({ type: 'group-end', group, interchange, declaredSets }),
      interchangeEnd: (header) => events.push({ type: 'interchange-end', header }),
      ta1: (acknowledgement) => events.push({ type: 'ta1', acknowledgement }),
      setIssue: (issue) => events.push({ type: 'set-issue', issue }),
    }, options.check && {
      keepModels: options.check.keepModels,
      models: {
        claim: (claim) => events.push({ type: 'claim', claim }),
        remittance: (remittance) => events.push({ type: 'remittance', remittance }),
        payment: (remittance, claim) => events.push({ type: 'claim-payment', remittance, claim }),
        claimStatus: (status) => events.push({ type: 'claim-status', status }),
        eligibility: (entry) => events.push({ type: 'eligibility', entry }),
        acknowledgement: (acknowledgement) => events.push({ type: 'acknowledgement', acknowledgement }),
        setResponse: (response, acknowledgement) => events.push({ type: 'set-response', acknowledgement, response }),
      },
    });
    this.sink = {
      segment: (s) => {
        this.last = s;
        this.envelope.segment(s);
      },
      delimiters: (d) => {
        this.envelope.delimiters(d);
        events.push({ type: 'delimiters', delimiters: d });
      },
      // a problem in the segment about to be handed in: it is placed in its interchange, group and set
      issue: (issue) => events.push({ type: 'issue', issue: SEGMENT_ISSUES.has(issue.code) ? this.envelope.locate(issue) : issue }),
    };
    this.tokenizer = new SegmentTokenizer(this.sink, { tolerant: options.tolerant ?? false });
  }

  get counts(): { interchanges: number; groups: number; transactionSets: number } {
    return this.envelope.counts;
  }

  /** Feeds one chunk; returns the events it completed. */
  push(chunk: Uint8Array): X12Event[] {
    if (this.refused) return this.take();
    let buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.first) {
      this.first = false;
      const encoding = detectUtf16(buf);
      if (encoding) {
        if (!this.options.tolerant) {
          this.refused = true;
          this.events.push({ type: 'issue', issue: { code: 'utf16-input', severity: 'error', message: `The file is UTF-16 (${encoding}) text; X12 must be sent as ASCII/UTF-8 bytes. Convert it, or read it in tolerant mode, which decodes it.`, position: { segment: 0, offset: 0, segmentId: '' } } });
          return this.take();
        }
        this.utf16 = new TextDecoder(encoding);
        this.events.push({ type: 'issue', issue: { code: 'utf16-input', severity: 'warning', message: `The file is UTF-16 (${encoding}); it was decoded, and byte offsets refer to the decoded UTF-8 text.`, position: { segment: 0, offset: 0, segmentId: '' } } });
      } else if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
        buf = buf.subarray(3);
        this.tokenizer.skipBytes(3);
      }
    }
    if (this.utf16) buf = Buffer.from(this.utf16.decode(buf, { stream: true }).replace(/^\ufeff/, ''), 'utf8');
    this.tokenizer.push(buf);
    return this.take();
  }

  /** Ends the input; returns the remaining events (open envelopes are reported). */
  end(): X12Event[] {
    if (this.refused) return this.take();
    if (this.utf16) this.tokenizer.push(Buffer.from(this.utf16.decode(), 'utf8'));
    this.tokenizer.end();
    this.envelope.end(this.last);
    return this.take();
  }

  /**
   * Takes up to `most` more segments of a batch split (and element-checked) by a file worker;
   * returns the events they completed.
   */
  pushBatch(batch: BatchReplay, most: number): X12Event[] {
    // segments that went straight into their set were not seen by the sink: the replayed one is the last
    if (batch.replay(this.sink, this.replayed, most, this.direct) > 0) this.last = this.replayed;
    return this.take();
  }

  /** Ends input given as batches (the worker has ended the tokenizer); returns the remaining events. */
  endBatches(): X12Event[] {
    this.envelope.end(this.last);
    return this.take();
  }

  private take(): X12Event[] {
    return this.events.splice(0, this.events.length);
  }
}

function detectUtf16(buf: Buffer): 'utf-16le' | 'utf-16be' | null {
  if (buf.length < 2) return null;
  if (buf[0] === 0xff && buf[1] === 0xfe) return 'utf-16le';
  if (buf[0] === 0xfe && buf[1] === 0xff) return 'utf-16be';
  if (buf.length >= 4 && buf[1] === 0 && buf[3] === 0 && buf[0] !== 0 && buf[2] !== 0) return 'utf-16le';
  if (buf.length >= 4 && buf[0] === 0 && buf[2] === 0 && buf[1] !== 0 && buf[3] !== 0) return 'utf-16be';
  return null;
}

/** Reads events from any byte stream (a file stream, a socket, an array of chunks). */
export async function* readX12Events(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, options: ReadOptions = {}): AsyncGenerator<X12Event> {
  for await (const batch of readX12EventBatches(source, options)) yield* batch;
}

/** The events each chunk completes, a list at a time (one await per chunk rather than per event). */
export async function* readX12EventBatches(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, options: ReadOptions = {}): AsyncGenerator<X12Event[]> {
  const reader = new X12StreamReader(options);
  for await (const chunk of source) yield reader.push(chunk);
  yield reader.end();
}

/** Bytes read from a file at a time: memory stays bounded by one chunk plus one transaction set. */
const FILE_CHUNK = 256 * 1024;

/** Reads events from a file, 256 KB at a time (measured: less memory in flight and no slower than 1 MB). */
export async function* readX12FileEvents(path: string, options: ReadOptions = {}): AsyncGenerator<X12Event> {
  for await (const batch of readX12FileEventBatches(path, options)) yield* batch;
}

/** File events a chunk's worth at a time. */
export async function* readX12FileEventBatches(path: string, options: ReadOptions = {}): AsyncGenerator<X12Event[]> {
  // decided on first use, so a missing file rejects the read as a stream's error would
  if (useThread(path, options.threads ?? 'auto')) {
    yield* threadedEventBatches(path, options);
    return;
  }
  const progress = options.onProgress;
  if (!progress) {
    yield* readX12EventBatches(createReadStream(path, { highWaterMark: FILE_CHUNK }), options);
    return;
  }
  const total = statSync(path).size;
  const reader = new X12StreamReader(options);
  let read = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: FILE_CHUNK }) as AsyncIterable<Buffer>) {
    yield reader.push(chunk);
    read += chunk.length;
    progress(read, total);
  }
  yield reader.end();
}

/**
 * Segments replayed between handing events on: the claims they complete are dropped by the caller
 * while still young (measured: a whole 1 MB batch's claims held at once outlived the young
 * generation's collections, and the reading thread spent a third of its time in them).
 */
const REPLAY_STRETCH = 2048;

async function* threadedEventBatches(path: string, options: ReadOptions): AsyncGenerator<X12Event[]> {
  const reader = new X12StreamReader(options);
  const progress = options.onProgress;
  const total = progress ? statSync(path).size : 0;
  for await (const batch of threadedBatches(path, { tolerant: options.tolerant, chunk: THREADED_CHUNK })) {
    const replay = new BatchReplay(batch);
    while (!replay.finished) yield reader.pushBatch(replay, REPLAY_STRETCH);
    progress?.(batch.read, total);
  }
  yield reader.endBatches();
}
