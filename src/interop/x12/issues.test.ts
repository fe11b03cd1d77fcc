import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../cli/main.js';
import type { CliIo } from '../../cli/command.js';
import { collectX12, MAX_LISTED_ISSUES, planAcknowledgements, writeAcknowledgements } from './index.js';
import { retained } from './live-memory.js';
import { readX12Events } from './reader.js';


const SETS = 500;
const BAD_PER_SET = 1000;
const ERRORS = SETS * BAD_PER_SET;
const MB = 1024 * 1024;

/** An 835 set with no claims whose header carries `bad` production dates that are no date (one error each). */
function badSet(n: number, bad: number): string {
  const control = String(n).padStart(4, '0');
  const lines = [
    `ST*835*${control}*005010X221A1~`, 'BPR*I*0*C*NON************20240105~', 'TRN*1*TRACE1*1512345678~',
    ...Array.from({ length: bad }, () => 'DTM*405*20241301~'),
    'N1*PR*ACME HEALTH PLAN~', 'N3*1 PAYER WAY~', 'N4*CHICAGO*IL*60601~', 'N1*PE*ALLIED CLINIC*XX*1234567893~', `SE*${bad + 8}*${control}~`,
  ];
  return lines.join('\n') + '\n';
}

const HEADER = 'ISA*00*          *00*          *ZZ*PAYER          *ZZ*ALLIED         *240105*1200*^*00501*000000001*0*P*:~\nGS*HP*PAYER*ALLIED*20240105*1200*1*X*005010X221A1~\n';

/** One interchange of SETS sets, BAD_PER_SET errors each: 500,000 errors in all, a set a chunk. */
function* manyErrors(): Generator<Buffer> {
  yield Buffer.from(HEADER);
  for (let n = 1; n <= SETS; n++) yield Buffer.from(badSet(n, BAD_PER_SET));
  yield Buffer.from(`GE*${SETS}*1~\nIEA*1*000000001~\n`);
}

/** One 835 set of `claims` claim payments whose CLP02 status is no status (one error each), 5,000 claims a chunk. */
function* oneSetOfErrors(claims: number): Generator<Buffer> {
  const [head] = badSet(1, 0).split('SE*');
  yield Buffer.from(HEADER + head + 'LX*1~\n');
  for (let n = 0; n < claims; n += 5000) {
    let text = '';
    for (let i = n; i < Math.min(claims, n + 5000); i++) text += `CLP*C${i}*99*150*0*20*12*P${i}~\nNM1*QC*1*DOE*JANE****MI*M${i}~\n`;
    yield Buffer.from(text);
  }
  yield Buffer.from(`SE*${2 * claims + 9}*0001~\nGE*1*1~\nIEA*1*000000001~\n`);
}

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', interactive: false, out: (t: string) => { io.stdout += t; }, err: (t: string) => { io.stderr += t; } };
  return io;
}

describe('a file with 500,000 errors', () => {
  test('is read in bounded memory: every error goes to onIssue, the result keeps the first 1,000 and counts them all', async (t) => {
    const before = retained();
    let peak = before;
    let streamed = 0;
    let firstSet = '';
    const r = await collectX12(readX12Events(manyErrors(), { check: { keepModels: false } }), {
      keepModels: false,
      onIssue: (issue) => {
        if (streamed++ === 0) firstSet = issue.position.set ?? '';
        if (streamed % 50_000 === 0) peak = Math.max(peak, retained());
      },
    });
    assert.equal(streamed, ERRORS);
    assert.equal(firstSet, '0001');
    assert.equal(r.errorCount, ERRORS);
    assert.equal(r.errors.length, MAX_LISTED_ISSUES);
    assert.equal(r.transactionSets, SETS);
    assert.ok(r.errors.every((e) => e.code === 'element-invalid-date' && e.position.segmentId === 'DTM' && e.position.element === 2));
    // the sets' summaries keep 1,000 issues between them and count the rest
    const summaries = r.groupSummaries[0].sets;
    assert.equal(summaries.reduce((n, s) => n + s.issues.length, 0), MAX_LISTED_ISSUES);
    assert.equal(summaries.reduce((n, s) => n + s.omitted.issues, 0), ERRORS - MAX_LISTED_ISSUES);
    const growth = peak - before;
    // keeping them would take several hundred MB (an issue object, its position and its message each)
    t.diagnostic(`live memory grew ${(growth / MB).toFixed(1)} MB`);
    assert.ok(growth < 24 * MB, `live memory grew by ${(growth / MB).toFixed(1)} MB`);
    // every set is still rejected in the 999, though only the first set's notes are listed
    const ack = writeAcknowledgements(r, 'needed', { interchangeControl: 1, groupControl: 1 });
    assert.equal(planAcknowledgements(r, 'needed').groups.length, 1);
    assert.equal(ack.match(/IK5\*R\*5~/g)?.length, SETS);
    assert.equal(ack.match(/IK4\*/g)?.length, MAX_LISTED_ISSUES);
    assert.match(ack, new RegExp(`AK9\\*R\\*${SETS}\\*${SETS}\\*0~`));
  });

  test('in one transaction set: the set keeps 1,000, the rest are handed on as found, memory stays bounded, the 999 still rejects it', async (t) => {
    const before = retained();
    let peak = before;
    let streamed = 0;
    const r = await collectX12(readX12Events(oneSetOfErrors(ERRORS), { check: { keepModels: false } }), {
      keepModels: false,
      onIssue: () => {
        if (++streamed % 50_000 === 0) peak = Math.max(peak, retained());
      },
    });
    assert.equal(streamed, ERRORS);
    assert.equal(r.errorCount, ERRORS);
    assert.equal(r.transactionSets, 1);
    const [set] = r.groupSummaries[0].sets;
    assert.equal(set.issues.length, MAX_LISTED_ISSUES);
    assert.deepEqual(set.omitted, { issues: ERRORS - MAX_LISTED_ISSUES, reportableErrors: ERRORS - MAX_LISTED_ISSUES, reportable: ERRORS - MAX_LISTED_ISSUES });
    // the first ones are kept, in file order
    assert.deepEqual(set.issues.slice(0, 3).map((i) => i.position.segmentInSet), [9, 11, 13]);
    const growth = peak - before;
    t.diagnostic(`live memory grew ${(growth / MB).toFixed(1)} MB`);
    assert.ok(growth < 24 * MB, `live memory grew by ${(growth / MB).toFixed(1)} MB`);
    const ack = writeAcknowledgements(r, 'needed', { interchangeControl: 1, groupControl: 1 });
    assert.ok(ack.includes('IK5*R*5~AK9*R*1*1*0~'), ack.slice(-200));
  });

  test('validate exits 1, lists the first 1,000 and says how many more there were; read --json counts them all', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'allied-x12-issues-'));
    try {
      const file = join(dir, 'many-errors.835');
      writeFileSync(file, Buffer.concat([...manyErrors()]));
      const io = capture();
      assert.equal(await main(['x12', 'validate', file], io), 1);
      const lines = io.stdout.trim().split('\n');
      assert.equal(lines.filter((l) => l.startsWith('error [element-invalid-date]')).length, MAX_LISTED_ISSUES);
      assert.ok(lines.includes(`${ERRORS - MAX_LISTED_ISSUES} more error(s) not shown (the first ${MAX_LISTED_ISSUES} are listed)`), lines.slice(-2).join('\n'));
      assert.match(lines[lines.length - 1], new RegExp(`^invalid: .*; ${ERRORS} error\\(s\\), 0 warning\\(s\\)$`));
      const json = capture();
      assert.equal(await main(['x12', 'read', file, '--json'], json), 0);
      const out = JSON.parse(json.stdout) as { errors: unknown[]; errorCount: number; warningCount: number };
      assert.equal(out.errors.length, MAX_LISTED_ISSUES);
      assert.equal(out.errorCount, ERRORS);
      assert.equal(out.warningCount, 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
