import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshPostgresUrl } from '../store/testing.js';

const BIN = new URL('../../bin/allied.mjs', import.meta.url).pathname;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function cli(env: NodeJS.ProcessEnv, args: string[]): string {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
  assert.equal(r.status, 0, `allied ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

async function startServer(env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port)], { env: { ...process.env, ...env, ALLIED_LOG_LEVEL: 'warn' }, stdio: 'ignore' });
  for (let i = 0; i < 300; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (r.ok) return child;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('server did not become ready');
}

for (const backend of ['pglite', 'postgres'] as const) {
  describe(`durability on ${backend}`, () => {
    test('every write acknowledged before kill -9 is there after restart (50 concurrent writers)', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'allied-durability-'));
      const pg = backend === 'postgres' ? await freshPostgresUrl() : undefined;
      const env: NodeJS.ProcessEnv = { ALLIED_DATA_DIR: dir, DATABASE_URL: pg?.url ?? '' };
      try {
        cli(env, ['user', 'add', '--tenant', 'dur', '--username', `writer-${backend}-${process.pid}`, '--role', 'admin', '--password', 'durable-password-1']);
        const token = cli(env, ['token', 'create', '--user', `writer-${backend}-${process.pid}`, '--expires', '1h']);
        const port = await freePort();
        let server = await startServer(env, port);
        const acknowledged: string[] = [];
        let stop = false;
        const writer = async (w: number) => {
          for (let i = 0; !stop; i++) {
            try {
              const r = await fetch(`http://127.0.0.1:${port}/fhir/R4/Patient`, {
                method: 'POST',
                headers: { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json' },
                body: JSON.stringify({ resourceType: 'Patient', identifier: [{ system: 'urn:test', value: `${w}-${i}` }], name: [{ family: `Writer${w}` }] }),
              });
              if (r.status === 201) acknowledged.push((await r.json()).id);
              else await r.arrayBuffer();
            } catch {
              return; // the server is gone
            }
          }
        };
        const writers = Array.from({ length: 50 }, (_, w) => writer(w));
        while (acknowledged.length < 300) await new Promise((r) => setTimeout(r, 20));
        server.kill('SIGKILL');
        stop = true;
        await Promise.all(writers);
        if (server.exitCode === null && server.signalCode === null) await new Promise((r) => server.once('exit', r));
        server = await startServer(env, port);
        try {
          let missing = 0;
          for (const id of acknowledged) {
            const r = await fetch(`http://127.0.0.1:${port}/fhir/R4/Patient/${id}`, { headers: { authorization: `Bearer ${token}` } });
            if (r.status !== 200) missing += 1;
            await r.arrayBuffer();
          }
          assert.equal(missing, 0, `${missing} of ${acknowledged.length} acknowledged writes were lost`);
          assert.ok(acknowledged.length >= 300);
        } finally {
          server.kill('SIGKILL');
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
        await pg?.drop();
      }
    });
  });
}
