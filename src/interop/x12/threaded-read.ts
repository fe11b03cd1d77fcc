import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SegmentBatch } from './file-batches.js';
import type { FileWorkerData } from './file-worker.js';

/**
 * Files at least this big are split on a second thread: below it, starting the thread (about 40 ms,
 * and 50 ms more the first time from the sources) costs about what it saves.
 */
export const THREADED_MIN_BYTES = 16 * 1024 * 1024;
/** batches the worker may be ahead of the reading thread: 2 MB of chunks in flight, to ride out a busy host's stalls */
const AHEAD = 8;
/** bytes the worker reads and splits at a time (one message per chunk; measured: 1 MB chunks held 40 MB more and were no faster) */
export const THREADED_CHUNK = 256 * 1024;

export type ThreadMode = 'auto' | 'always' | 'never';

type WorkerEntry = { url: URL } | { code: string };

let sourceBundle: string | null | undefined;

/**
 * The worker's code. From the TypeScript sources (the CLI and server run through tsx) it is
 * file-worker.ts bundled once per process with esbuild (about 50 ms, then kept), because a worker
 * registering tsx itself takes about 150 ms to start. From a bundle of the reader, it is
 * `x12-file-worker.mjs` beside that bundle. Null when neither can be had: files are then read on
 * one thread.
 */
function workerEntry(): WorkerEntry | null {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    if (sourceBundle === undefined) {
      try {
        const { buildSync } = createRequire(here)('esbuild') as typeof import('esbuild');
        const out = buildSync({ entryPoints: [fileURLToPath(new URL('./file-worker.ts', here))], bundle: true, write: false, format: 'cjs', platform: 'node', target: 'node20', logLevel: 'silent' });
        sourceBundle = out.outputFiles[0].text;
      } catch {
        sourceBundle = null;
      }
    }
    return sourceBundle === null ? null : { code: sourceBundle };
  }
  const url = new URL('./x12-file-worker.mjs', here);
  return existsSync(fileURLToPath(url)) ? { url } : null;
}

/** Whether reading `path` should split it on a worker thread. */
export function useThread(path: string, mode: ThreadMode): boolean {
  if (mode === 'never') return false;
  if (mode === 'auto' && (availableParallelism() < 2 || statSync(path).size < THREADED_MIN_BYTES)) return false;
  if (workerEntry() === null) return false;
  // UTF-16 files are decoded before splitting, which the one-thread reader does
  const head = Buffer.alloc(4);
  const fd = openSync(path, 'r');
  let got: number;
  try {
    got = readSync(fd, head, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  if (got >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) return false;
  if (got >= 4 && ((head[1] === 0 && head[3] === 0) || (head[0] === 0 && head[2] === 0))) return false;
  return true;
}

/**
 * The file's segment batches, split and element-checked by a worker thread, in file order. The
 * worker stays at most AHEAD batches ahead of the caller, so memory stays bounded; stopping early
 * (break, or an error) ends the worker.
 */
export async function* threadedBatches(path: string, options: { tolerant?: boolean; chunk: number }): AsyncGenerator<SegmentBatch> {
  const entry = workerEntry();
  if (!entry) throw new Error('The X12 file worker module was not found next to the reader.');
  const control = new Int32Array(new SharedArrayBuffer(12));
  control[2] = -1;
  const data: FileWorkerData = { x12FileWorker: true, path, tolerant: options.tolerant ?? false, chunk: options.chunk, ahead: AHEAD, control: control.buffer as SharedArrayBuffer };
  const worker = 'code' in entry ? new Worker(entry.code, { eval: true, workerData: data }) : new Worker(entry.url, { workerData: data });
  const queue: (SegmentBatch | Error)[] = [];
  let wake: (() => void) | null = null;
  let finished = false;
  const arrive = (item: SegmentBatch | Error): void => {
    queue.push(item);
    wake?.();
  };
  worker.on('message', (m: SegmentBatch | { failed: { message: string; code?: string } }) => {
    if ('failed' in m) arrive(Object.assign(new Error(m.failed.message), m.failed.code ? { code: m.failed.code } : {}));
    else arrive(m);
  });
  worker.on('error', (e) => arrive(e instanceof Error ? e : new Error(String(e))));
  worker.on('exit', (code) => {
    if (!finished) arrive(new Error(`The X12 file worker stopped (exit code ${code}) before the file was read.`));
  });
  try {
    for (;;) {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      const item = queue.shift() as SegmentBatch | Error;
      if (item instanceof Error) throw item;
      if (item.done) finished = true;
      yield item;
      if (item.done) return;
      // wake the worker only once it waits for this many (measured: a wake after every batch cost the
      // reading thread about a fifth of its time on a busy host, the woken worker taking its core)
      const taken = Atomics.add(control, 0, 1) + 1;
      const wanted = Atomics.load(control, 2);
      if (wanted >= 0 && taken >= wanted) Atomics.notify(control, 0);
    }
  } finally {
    finished = true;
    Atomics.store(control, 1, 1);
    // a changed count also stops a wait that had not begun yet
    Atomics.add(control, 0, 1);
    Atomics.notify(control, 0);
    await worker.terminate();
  }
}
