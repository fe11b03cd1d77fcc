import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = new URL('../../bin/allied.mjs', import.meta.url).pathname;

test('logs carry no patient data, even at debug level', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'allied-logs-'));
  const env = { ...process.env, ALLIED_DATA_DIR: dir, DATABASE_URL: '', ALLIED_LOG_LEVEL: 'debug' };
  try {
    spawnSync(process.execPath, [BIN, 'user', 'add', '--tenant', 'logs', '--username', 'logger', '--role', 'admin', '--password', 'logging-password-1'], { env });
    const token = spawnSync(process.execPath, [BIN, 'token', 'create', '--user', 'logger'], { env, encoding: 'utf8' }).stdout.trim();
    const port = 20000 + (process.pid % 10000);
    const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port)], { env });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 200 && !output.includes('Allied is running'); i++) await new Promise((r) => setTimeout(r, 100));
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json' };
    await fetch(`${base}/fhir/R4/Patient`, { method: 'POST', headers, body: JSON.stringify({ resourceType: 'Patient', name: [{ family: 'Zebediah-Quince' }], birthDate: '1931-07-04' }) });
    await fetch(`${base}/fhir/R4/Patient?family=Zebediah-Quince&birthdate=1931-07-04`, { headers });
    await fetch(`${base}/fhir/R4/Patient`, { method: 'POST', headers, body: JSON.stringify({ resourceType: 'Patient', name: [{ family: 'Zebediah-Quince' }], gender: 'sometimes' }) });
    await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'logger', password: 'Zebediah-Quince-secret' }) });
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    assert.match(output, /"route":"\/fhir\/R4\/:type"/, 'request lines are logged at debug level');
    assert.doesNotMatch(output, /Zebediah|Quince|1931-07-04/);
    assert.doesNotMatch(output, new RegExp(token));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
