import { access, constants, stat, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { planAcknowledgements, readX12File, ReadJsonWriter, TA1_NOTES, writeAcknowledgements, formatIssue, type ReadX12Options, type X12Issue, type X12ReadResult } from '../interop/x12/index.js';
import { CliUsageError, processIo, type CliCommand, type CliIo } from './command.js';
import { progressBar } from './progress.js';

const USAGE = 'allied x12 <read|validate|ack> FILE [--json] [--tolerant] [--ta1] [--out FILE] [--control N]';

/** The program reading our standard output has gone (a closed pipe, as with `| head`): nothing more to print. */
class OutputGone extends Error {}

let stdoutGone: Error | null = null;
let watching = false;

/** Notes a failed standard output (EPIPE) instead of crashing on it; once, for the life of the process. */
function watchStdout(): void {
  if (watching) return;
  watching = true;
  process.stdout.on('error', (error) => {
    stdoutGone = error;
  });
}

/**
 * Between batches of a read printed as it goes: waits while standard output is backed up (a pipe
 * to a slower reader, which Node would otherwise buffer whole in memory) and ends the read once
 * the output has gone. Files and terminals never wait.
 */
function stdoutPause(): Promise<void> | undefined {
  const out = process.stdout;
  if (stdoutGone) return Promise.reject(new OutputGone());
  if (!out.writableNeedDrain) return undefined;
  return new Promise((resolve, reject) => {
    const done = (): void => {
      out.off('drain', done);
      out.off('close', done);
      if (stdoutGone || out.destroyed) reject(new OutputGone());
      else resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}

/** Running totals for the summary line, so no model needs to be kept. */
interface Tally {
  claims: number;
  charged: number;
  remittances: number;
  paid: number;
  acknowledgements: number;
  claimStatuses: number;
  eligibility: number;
}

/** Reads a file streamed, models not kept: counts go to the tally, anything more to `extra`. */
async function load(io: CliIo, file: string | undefined, tolerant: boolean, extra: ReadX12Options = {}): Promise<{ r: X12ReadResult; tally: Tally }> {
  if (!file) throw new CliUsageError('name the X12 file to read');
  let size: number;
  try {
    await access(file, constants.R_OK);
    size = (await stat(file)).size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `file not found: ${file}` : `cannot read ${file} (${code ?? 'unknown error'})`, { cause: error });
  }
  const tally: Tally = { claims: 0, charged: 0, remittances: 0, paid: 0, acknowledgements: 0, claimStatuses: 0, eligibility: 0 };
  try {
    const r = await readX12File(file, {
      ...extra,
      tolerant,
      keepModels: false,
      ...(io.interactive && size >= PROGRESS_FROM_BYTES ? { onProgress: progressInMb(io) } : {}),
      onClaim: (c) => {
        tally.claims++;
        tally.charged += Math.round(c.chargeAmount * 100);
        extra.onClaim?.(c);
      },
      onRemittance: (m) => {
        tally.remittances++;
        tally.paid += Math.round(m.paymentAmount * 100);
        extra.onRemittance?.(m);
      },
      onClaimStatus: (c) => {
        tally.claimStatuses++;
        extra.onClaimStatus?.(c);
      },
      onEligibility: (e) => {
        tally.eligibility++;
        extra.onEligibility?.(e);
      },
      onSet: (v, m) => {
        tally.acknowledgements += m.acknowledgements.length;
        extra.onSet?.(v, m);
      },
    });
    return { r, tally };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === 'EISDIR' ? `${file} is a folder, not a file` : `cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
}

/** Files at least this big show a progress bar while read, when stderr is a terminal. */
const PROGRESS_FROM_BYTES = 8 * 1024 * 1024;

/** A progress bar in megabytes, drawn at most every 100 ms (and at the end). */
function progressInMb(io: CliIo): (read: number, total: number) => void {
  const bar = progressBar(io, 'MB read');
  let last = 0;
  return (read, total) => {
    const now = Date.now();
    if (read < total && now - last < 100) return;
    last = now;
    bar(Math.round(read / 1e5) / 10, Math.round(total / 1e5) / 10);
  };
}

function summary(r: X12ReadResult, t: Tally): string {
  const parts = [`${r.interchanges} interchange(s), ${r.groups} group(s), ${r.transactionSets} transaction set(s)`];
  if (t.claims) parts.push(`${t.claims} claim(s) totalling ${(t.charged / 100).toFixed(2)}`);
  if (t.remittances) parts.push(`${t.remittances} remittance(s) paying ${(t.paid / 100).toFixed(2)}`);
  if (t.acknowledgements) parts.push(`${t.acknowledgements} acknowledgement(s)`);
  if (t.claimStatuses) parts.push(`${t.claimStatuses} claim status(es)`);
  if (t.eligibility) parts.push(`${t.eligibility} eligibility record(s)`);
  return `${parts.join('; ')}; ${r.errorCount} error(s), ${r.warningCount} warning(s)\n`;
}

/** One line per issue kept, then how many more there were (the read keeps the first MAX_LISTED_ISSUES). */
function printIssues(print: (text: string) => void, issues: readonly X12Issue[], total: number, kind: string): void {
  for (const issue of issues) print(`${formatIssue(issue)}\n`);
  if (total > issues.length) print(`${total - issues.length} more ${kind}(s) not shown (the first ${issues.length} are listed)\n`);
}

async function run(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, tolerant: { type: 'boolean' }, ta1: { type: 'boolean' }, out: { type: 'string' }, control: { type: 'string' } },
    });
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  const [sub, file, ...extra] = parsed.positionals;
  if (extra.length > 0) throw new CliUsageError(`unexpected argument "${extra[0]}"`);
  const tolerant = parsed.values.tolerant ?? false;
  const toStdout = io === processIo;
  if (toStdout) watchStdout();
  switch (sub) {
    case 'read': {
      if (parsed.values.json) {
        // printed while reading: a file of any size prints in bounded memory
        let json: ReadJsonWriter | null = null;
        const writer = (): ReadJsonWriter => (json ??= new ReadJsonWriter(io.out));
        let read;
        try {
          read = await load(io, file, tolerant, {
            pause: toStdout ? stdoutPause : undefined,
            onClaim: (c) => writer().claim(c),
            onRemittance: (m) => writer().remittance(m),
            onClaimPayment: (c, m) => writer().payment(c, m),
            onClaimStatus: (c) => writer().claimStatus(c),
            onEligibility: (e) => writer().eligibilityEntry(e),
            onSet: (_v, m) => writer().setEnd(m),
            onAcknowledgement: (a) => writer().acknowledgement(a),
            onGroupAcknowledgement: (a) => writer().groupAcknowledgement(a),
            onSetResponse: (s, a) => writer().setResponse(s, a),
          });
        } catch (error) {
          // the reader of our output has gone: stop quietly, as `| head` expects
          if (error instanceof OutputGone || (error as Error).cause instanceof OutputGone) return 0;
          throw error;
        }
        writer().finish(read.r);
      } else {
        const { r, tally } = await load(io, file, tolerant);
        io.out(summary(r, tally));
        printIssues(io.out, r.errors, r.errorCount, 'error');
        printIssues(io.out, r.warnings, r.warningCount, 'warning');
      }
      return 0;
    }
    case 'validate': {
      const { r, tally } = await load(io, file, tolerant);
      printIssues(io.out, r.errors, r.errorCount, 'error');
      printIssues(io.err, r.warnings, r.warningCount, 'warning');
      io.out(r.errorCount === 0 ? `valid: ${summary(r, tally)}` : `invalid: ${summary(r, tally)}`);
      return r.errorCount === 0 ? 0 : 1;
    }
    case 'ack': {
      const { r } = await load(io, file, tolerant);
      const mode = parsed.values.ta1 ? 'only' : 'needed';
      const plan = planAcknowledgements(r, mode);
      if (plan.ta1.length === 0 && r.transactionSets === 0) {
        for (const issue of r.errors) io.err(`${formatIssue(issue)}\n`);
        io.err('no interchange header or transaction set could be read, so there is nothing to acknowledge\n');
        return 1;
      }
      const control = Number(parsed.values.control ?? '1');
      if (!Number.isInteger(control) || control < 1 || control > 999_999_999) throw new CliUsageError('--control must be a whole number from 1 to 999999999');
      const text = writeAcknowledgements(r, mode, { interchangeControl: control, groupControl: control, lineBreaks: true });
      for (const ta1 of plan.ta1) if (ta1[4] !== 'A') io.err(`interchange ${ta1[1]}: TA1 ${ta1[4] === 'R' ? 'rejects it' : 'accepts it with errors'} (note ${ta1[5]}: ${TA1_NOTES[ta1[5]] ?? 'see the errors'})\n`);
      if (plan.rejected.length > 0 && mode !== 'only') io.err(`no 999 for the groups of rejected interchange(s) ${plan.rejected.join(', ')}\n`);
      if (parsed.values.out) {
        await writeFile(parsed.values.out, text);
        io.err(`${mode === 'only' ? 'TA1' : plan.ta1.length > 0 ? 'TA1 and 999' : '999'} written to ${parsed.values.out}\n`);
      } else io.out(text);
      return 0;
    }
    case undefined:
      throw new CliUsageError('choose read, validate or ack');
    default:
      throw new CliUsageError(`unknown x12 action "${sub}" (read, validate or ack)`);
  }
}

export const x12: CliCommand = {
  name: 'x12',
  summary: 'read, validate and acknowledge X12 5010 files (837, 835, 999, 277CA, 270/271)',
  usage: USAGE,
  run,
};
