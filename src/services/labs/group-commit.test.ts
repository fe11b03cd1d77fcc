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
