import v8 from 'node:v8';
import vm from 'node:vm';

/*
 * For tests that hold a reader to bounded memory: what stays alive after a full collection, not
 * what the process happens to have reserved.
 */
v8.setFlagsFromString('--expose_gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Live memory after a full collection: JS heap plus the buffers the reader holds. */
export function retained(): number {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}
