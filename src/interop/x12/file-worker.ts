// The file reader's worker thread: reads an X12 file a chunk at a time, splits it into segments and
// checks their element rules, and hands each chunk's segments to the reading thread as a batch
// (file-batches.ts). The reading thread places segments in loops and builds models meanwhile.
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { BatchWriter } from './file-batches.js';
import { SegmentTokenizer } from './tokenizer.js';

export interface FileWorkerData {
  x12FileWorker: true;
  path: string;
  tolerant: boolean;
  chunk: number;
  /** batches the reading thread may have unread before this thread waits */
  ahead: number;
  /**
   * [0] batches the reading thread has taken, [1] 1 when it wants no more (it stopped early),
   * [2] the count of [0] this thread waits for (-1: it is not waiting)
   */
  control: SharedArrayBuffer;
}

function run(data: FileWorkerData, port: NonNullable<typeof parentPort>): void {
  const control = new Int32Array(data.control);
  let sent = 0;
  const writer = new BatchWriter();
  const tokenizer = new SegmentTokenizer(writer, { tolerant: data.tolerant });
  let read = 0;
  const send = (done: boolean): void => {
    const { batch, transfer } = writer.take(done, read);
    sent++;
    port.postMessage(batch, transfer);
  };
  const fd = openSync(data.path, 'r');
  try {
    const buf = Buffer.allocUnsafeSlow(data.chunk);
    let first = true;
    for (;;) {
      const got = readSync(fd, buf, 0, buf.length, null);
      if (got === 0) break;
      read += got;
      let bytes = buf.subarray(0, got);
      if (first) {
        first = false;
        if (got >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
          bytes = bytes.subarray(3);
          tokenizer.skipBytes(3);
        }
      }
      // the tokenizer copies each chunk into a page of its own, so `buf` can be read into again
      tokenizer.push(bytes);
      if (tokenizer.stopped) break;
      tokenizer.ownTail();
      send(false);
      // When AHEAD batches are unread, wait (blocking this thread only) until half of them have been
      // read: the reading thread then wakes this one once per few batches, not after every one.
      if (sent - Atomics.load(control, 0) >= data.ahead) {
        const target = sent - Math.floor(data.ahead / 2);
        Atomics.store(control, 2, target);
        for (let taken = Atomics.load(control, 0); taken < target && Atomics.load(control, 1) === 0; taken = Atomics.load(control, 0)) Atomics.wait(control, 0, taken);
        Atomics.store(control, 2, -1);
      }
      if (Atomics.load(control, 1) !== 0) return;
    }
  } finally {
    closeSync(fd);
  }
  tokenizer.end();
  send(true);
}

const data = workerData as FileWorkerData | undefined;
if (parentPort && data?.x12FileWorker) {
  const port = parentPort;
  try {
    run(data, port);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    port.postMessage({ failed: { message: e?.message ?? String(error), code: e?.code } });
  }
}
