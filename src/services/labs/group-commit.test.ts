import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GroupCommit } from './group-commit.js';

test('items added while a flush runs go together in the next one, in arrival order, each answered with its own result', async () => {
  const flushes: number[][] = [];
  const g = new GroupCommit<number, string>(async (items) => {
    flushes.push(items);
    await new Promise((r) => setTimeout(r, 20));
    return items.map((i) => `done ${i}`);
  });
  const first = g.add(0);
  await new Promise((r) => setImmediate(r)); // the first flush has started with item 0 alone
  const rest = Array.from({ length: 50 }, (_, i) => g.add(i + 1));
  assert.deepEqual(await Promise.all([first, ...rest]), Array.from({ length: 51 }, (_, i) => `done ${i}`));
  assert.deepEqual(flushes, [[0], Array.from({ length: 50 }, (_, i) => i + 1)]);
});

test('a batch is never larger than maxBatch; the rest follow in later flushes', async () => {
  const sizes: number[] = [];
  const g = new GroupCommit<number, number>(async (items) => {
    sizes.push(items.length);
    return items;
  }, { maxBatch: 7 });
  const out = await Promise.all(Array.from({ length: 30 }, (_, i) => g.add(i)));
  assert.deepEqual(out, Array.from({ length: 30 }, (_, i) => i));
  assert.deepEqual(sizes, [7, 7, 7, 7, 2]);
});

test('when a flush fails, every item in it is told, and later items are flushed normally', async () => {
  let calls = 0;
  const g = new GroupCommit<string, string>(async (items) => {
    calls++;
    if (calls === 1) throw new Error('database went away');
    return items.map((s) => s.toUpperCase());
  });
  const failed = await Promise.allSettled([g.add('a'), g.add('b')]);
  assert.deepEqual(failed.map((r) => r.status), ['rejected', 'rejected']);
  assert.match(String((failed[0] as PromiseRejectedResult).reason), /database went away/);
  assert.equal(await g.add('c'), 'C');
});

test('with maxInFlight 2 a second flush starts while the first waits, and each caller still gets its own answer', async () => {
  const started: number[][] = [];
  let release!: () => void;
  const firstDone = new Promise<void>((r) => (release = r));
  const g = new GroupCommit<number, number>(async (items) => {
    started.push(items);
    if (started.length === 1) await firstDone;
    return items.map((i) => i * 10);
  }, { maxInFlight: 2 });
  const first = g.add(1);
  await new Promise((r) => setImmediate(r));
  const second = g.add(2);
  assert.equal(await second, 20, 'answered while the first flush is still running');
  assert.deepEqual(started, [[1], [2]]);
  release();
  assert.equal(await first, 10);
});

test('with maxInFlight 1 (the default) nothing is flushed while a flush runs', async () => {
  const started: number[][] = [];
  let release!: () => void;
  const firstDone = new Promise<void>((r) => (release = r));
  const g = new GroupCommit<number, number>(async (items) => {
    started.push(items);
    if (started.length === 1) await firstDone;
    return items;
  });
  const first = g.add(1);
  await new Promise((r) => setImmediate(r));
  const rest = [g.add(2), g.add(3)];
  await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(started, [[1]]);
  release();
  assert.deepEqual(await Promise.all([first, ...rest]), [1, 2, 3]);
  assert.deepEqual(started, [[1], [2, 3]]);
});
