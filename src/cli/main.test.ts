import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from './main.js';
import type { CliIo } from './command.js';

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', interactive: false, out: (t: string) => { io.stdout += t; }, err: (t: string) => { io.stderr += t; } };
  return io;
}

test('allied with an unknown command names it and exits 2', async () => {
  const io = capture();
  assert.equal(await main(['frobnicate'], io), 2);
  assert.match(io.stderr, /unknown command "frobnicate"/);
});

test('allied --help lists the commands and exits 0', async () => {
  const io = capture();
  assert.equal(await main(['--help'], io), 0);
  assert.match(io.stdout, /Usage: allied <command>/);
});
