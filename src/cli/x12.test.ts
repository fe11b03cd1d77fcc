import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './main.js';
import type { CliIo } from './command.js';
import { remittance835 } from '../interop/x12/test-remittance.js';

const CORPUS = new URL('../../../shared/x12-corpus/', import.meta.url);
const file = (name: string): string => new URL(name, CORPUS).pathname;
const ROOT = new URL('../../', import.meta.url).pathname;

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', interactive: false, out: (t: string) => { io.stdout += t; }, err: (t: string) => { io.stderr += t; } };
  return io;
}

/** An interchange with one 999 acknowledging `sets` 837s, all accepted, one segment per line. */
function accepted999(sets: number): string {
  const lines = ['GS*FA*PAYER*ALLIED*20240105*1200*7*X*005010X231A1', 'ST*999*0001*005010X231A1', 'AK1*HC*42*005010X222A1'];
  for (let i = 1; i <= sets; i++) lines.push(`AK2*837*${String(i).padStart(6, '0')}*005010X222A1`, 'IK5*A');
  lines.push(`AK9*A*${sets}*${sets}*${sets}`, `SE*${lines.length + 1}*0001`, 'GE*1*7', 'IEA*1*000000001');
  return `ISA*00*          *00*          *ZZ*PAYER          *ZZ*ALLIED         *240105*1200*^*00501*000000001*0*P*:~\n${lines.map((l) => `${l}~\n`).join('')}`;
}

/** Runs `allied x12 read FILE --json` as a process, reads the first 64 kB of its output, then closes the pipe (as `| head` does). */
async function readJsonThenClose(path: string): Promise<{ first: string; stderr: string; code: number | null }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/allied.mjs'), 'x12', 'read', path, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  const first = await new Promise<string>((resolve) => {
    let text = '';
    child.stdout.on('data', (d: Buffer) => {
      text += d.toString();
      if (text.length >= 65_536) {
        child.stdout.destroy();
        resolve(text);
      }
    });
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { first, stderr, code };
}

describe('allied x12', () => {
  test('read --json prints the contract for an 835', async () => {
    const io = capture();
    assert.equal(await main(['x12', 'read', file('835/stupidedi__multiple-claims-single-check.edi'), '--json'], io), 0);
    const out = JSON.parse(io.stdout);
    for (const key of ['interchanges', 'groups', 'transactionSets', 'delimiters', 'claims', 'remittances', 'acknowledgements', 'claimStatuses', 'eligibility', 'errors', 'warnings']) assert.ok(key in out, key);
    assert.deepEqual(Object.keys(out.delimiters), ['element', 'component', 'repetition', 'segment']);
    const remit = out.remittances[0];
    assert.equal(typeof remit.paymentAmount, 'number');
    assert.ok(remit.claims.length > 1);
    for (const c of remit.claims) {
      assert.deepEqual(Object.keys(c).slice(0, 5), ['id', 'status', 'chargeAmount', 'paidAmount', 'patientResponsibility']);
      assert.equal(typeof c.paidAmount, 'number');
    }
    assert.deepEqual(out.claims, []);
    assert.deepEqual(out.errors, []);
  });

  test('read --json for an 837P lists claims with CLM01, CLM02, CLM05-3, line count and diagnoses', async () => {
    const io = capture();
    assert.equal(await main(['x12', 'read', file('837P/stupidedi__commercial-health-insurance.edi'), '--json'], io), 0);
    const [claim] = JSON.parse(io.stdout).claims;
    assert.equal(typeof claim.chargeAmount, 'number');
    assert.equal(typeof claim.serviceLines, 'number');
    assert.ok(claim.id && claim.frequencyCode && Array.isArray(claim.diagnosisCodes));
  });

  test('validate exits 0 when clean and 1 with one positioned error per line', async () => {
    const clean = capture();
    assert.equal(await main(['x12', 'validate', file('837P/stupidedi__ambulance.edi')], clean), 0);
    const bad = capture();
    assert.equal(await main(['x12', 'validate', file('edge/imsweb__x12_segments_out_of_order.txt')], bad), 1);
    const lines = bad.stdout.trim().split('\n').filter((l) => l.startsWith('error'));
    assert.ok(lines.length >= 2);
    assert.match(lines[0], /segment \d+ of set .*byte \d+/);
  });

  test('validate --tolerant accepts what tolerant mode allows', async () => {
    const strict = capture();
    assert.equal(await main(['x12', 'validate', file('edge/stupidedi__X221_case_1.edi')], strict), 0);
    const io = capture();
    assert.equal(await main(['x12', 'validate', file('edge/pyx12__x12testdata_trailer_errors.txt')], io), 1);
    const tolerant = capture();
    assert.equal(await main(['x12', 'validate', file('edge/pyx12__x12testdata_trailer_errors.txt'), '--tolerant'], tolerant), 0);
  });

  test('ack writes a 999', async () => {
    const io = capture();
    assert.equal(await main(['x12', 'ack', file('837P/stupidedi__oxygen.edi')], io), 0);
    assert.match(io.stdout, /^ISA\*/);
    assert.match(io.stdout, /ST\*999\*0001\*005010X231A1~/);
    assert.match(io.stdout, /AK9\*A\*1\*1\*1~/);
  });

  test('ack answers a damaged envelope with a TA1 (no 999 for a rejected interchange); --ta1 writes only TA1s', async () => {
    const io = capture();
    assert.equal(await main(['x12', 'ack', file('edge/pyx12__x12testdata_fail_no_IEA.txt')], io), 0);
    assert.match(io.stdout, /\nTA1\*000010121\*030828\*1128\*R\*023~\nIEA\*0\*000000001~\n$/);
    assert.match(io.stderr, /TA1 rejects it \(note 023: Improper \(premature\) end of file/);
    const only = capture();
    assert.equal(await main(['x12', 'ack', file('837P/stupidedi__oxygen.edi'), '--ta1'], only), 0);
    assert.match(only.stdout, /\nTA1\*\d{9}\*\d{6}\*\d{4}\*A\*000~\nIEA\*0\*/);
    assert.doesNotMatch(only.stdout, /GS\*/);
  });

  test('missing file, missing argument and unknown action: a message and an exit code, no stack trace', async () => {
    const missing = capture();
    assert.equal(await main(['x12', 'read', '/no/such/file.edi'], missing), 1);
    assert.match(missing.stderr, /file not found: \/no\/such\/file\.edi/);
    assert.doesNotMatch(missing.stderr, /at .*\.ts:\d+/);
    const none = capture();
    assert.equal(await main(['x12', 'validate'], none), 2);
    assert.match(none.stderr, /name the X12 file/);
    const unknown = capture();
    assert.equal(await main(['x12', 'frob', 'x'], unknown), 2);
    const folder = capture();
    assert.equal(await main(['x12', 'read', ROOT], folder), 1);
    assert.match(folder.stderr, /folder/);
  });

  test('as a real process: node bin/allied.mjs x12 read FILE --json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'allied-x12-cli-'));
    try {
      const out = execFileSync(process.execPath, [join(ROOT, 'bin/allied.mjs'), 'x12', 'read', file('835/stupidedi__era-sample.edi'), '--json'], { encoding: 'utf8' });
      const parsed = JSON.parse(out);
      assert.equal(parsed.remittances[0].paymentAmount, 132);
      assert.ok(readFileSync(file('835/stupidedi__era-sample.edi')).length > 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('read --json of a 999 acknowledging 5,000 sets in one ST..SE: every set response, AK9, and the set it answers; the summary counts it once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'allied-x12-999-'));
    try {
      const lines = ['GS*FA*PAYER*ALLIED*20240105*1200*7*X*005010X231A1', 'ST*999*0001*005010X231A1', 'AK1*HC*42*005010X222A1'];
      for (let i = 1; i <= 5000; i++) lines.push(`AK2*837*${String(i).padStart(4, '0')}*005010X222A1`, ...(i === 4321 ? ['IK3*CLM*22*2300*8', 'IK4*2*782*6*ABC', 'IK5*R*5'] : ['IK5*A']));
      lines.push('AK9*P*5000*5000*4999', `SE*${lines.length + 1}*0001`, 'GE*1*7', 'IEA*1*000000001');
      const path = join(dir, 'big.999');
      writeFileSync(path, `ISA*00*          *00*          *ZZ*PAYER          *ZZ*ALLIED         *240105*1200*^*00501*000000001*0*P*:~\n${lines.map((l) => `${l}~\n`).join('')}`);
      const io = capture();
      assert.equal(await main(['x12', 'read', path, '--json'], io), 0);
      const out = JSON.parse(io.stdout);
      assert.deepEqual([out.errors, out.claims, out.claimStatuses, out.transactionSets], [[], [], [], 1]);
      const [ack] = out.acknowledgements;
      assert.deepEqual(Object.keys(ack), ['type', 'functionalId', 'groupControl', 'sets', 'status', 'included', 'received', 'accepted', 'groupCodes', 'version']);
      assert.deepEqual([ack.type, ack.functionalId, ack.groupControl, ack.status, ack.included, ack.received, ack.accepted, ack.version], ['999', 'HC', '42', 'P', 5000, 5000, 4999, '005010X222A1']);
      assert.equal(ack.sets.length, 5000);
      assert.deepEqual(ack.sets[4320], { type: '837', control: '4321', status: 'R', codes: ['5'], errors: [{ segmentId: 'CLM', position: 22, code: '8', loop: '2300', elements: [{ position: '2', code: '6', reference: '782', value: 'ABC' }] }], implementation: '005010X222A1' });
      const summary = capture();
      assert.equal(await main(['x12', 'read', path], summary), 0);
      assert.match(summary.stdout, /1 transaction set\(s\); 1 acknowledgement\(s\); 0 error\(s\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('read --json into a pipe closed early (| head): stops quietly, exit 0, no stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'allied-x12-pipe-'));
    try {
      const path = join(dir, 'big.999');
      // the output is about 8 MB
      writeFileSync(path, accepted999(100_000));
      const { first, stderr, code } = await readJsonThenClose(path);
      assert.match(first, /^\{\n {2}"acknowledgements": \[/);
      assert.equal(stderr, '');
      assert.equal(code, 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a file past the two-thread size (18 MB, 40 remittances): validate and read --json as real processes, and read --json into a pipe closed early still exits at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'allied-x12-threads-'));
    try {
      const text = remittance835(40, 2800);
      const path = join(dir, 'big.835');
      writeFileSync(path, text);
      assert.ok(text.length > 17 * 1024 * 1024);
      const cli = join(ROOT, 'bin/allied.mjs');
      const validated = execFileSync(process.execPath, [cli, 'x12', 'validate', path], { encoding: 'utf8' });
      assert.match(validated, /valid: 1 interchange\(s\), 1 group\(s\), 40 transaction set\(s\); 40 remittance\(s\) paying 10640000\.00; 0 error\(s\), 0 warning\(s\)/);
      const read = JSON.parse(execFileSync(process.execPath, [cli, 'x12', 'read', path, '--json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }));
      assert.equal(read.remittances.length, 40);
      assert.equal(read.remittances[39].claims.length, 2800);
      assert.deepEqual(read.remittances[39].claims[2799].id, 'S40C2799');
      assert.deepEqual([read.errors, read.warnings], [[], []]);
      // the reader stops when the pipe closes: its worker thread must not keep the process alive
      const { stderr, code } = await readJsonThenClose(path);
      assert.equal(stderr, '');
      assert.equal(code, 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a big file read at a terminal shows a progress bar in MB on stderr, ending at 100%; small files and pipes show none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'allied-x12-progress-'));
    try {
      const path = join(dir, 'big.999');
      writeFileSync(path, accepted999(350_000));
      const terminal = { ...capture(), interactive: true };
      const io = Object.assign(terminal, { out: (t: string) => { terminal.stdout += t; }, err: (t: string) => { terminal.stderr += t; } });
      assert.equal(await main(['x12', 'validate', path], io), 0);
      assert.match(io.stderr, /MB read \[#+\] [\d.]+\/[\d.]+ 100%/);
      assert.ok(io.stderr.endsWith('\n'), 'the bar ends its line');
      assert.match(io.stdout, /valid: .*1 acknowledgement\(s\); 0 error\(s\)/);
      const small = { ...capture(), interactive: true };
      const smallIo = Object.assign(small, { out: (t: string) => { small.stdout += t; }, err: (t: string) => { small.stderr += t; } });
      assert.equal(await main(['x12', 'validate', file('835/stupidedi__era-sample.edi')], smallIo), 0);
      assert.equal(small.stderr, '');
      const piped = capture();
      assert.equal(await main(['x12', 'validate', path], piped), 0);
      assert.equal(piped.stderr, '');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
