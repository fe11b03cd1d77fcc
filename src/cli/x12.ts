import { access, constants, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { readX12File, toReadJson, write999, formatIssue, type X12ReadResult } from '../interop/x12/index.js';
import { CliUsageError, type CliCommand, type CliIo } from './command.js';

const USAGE = 'allied x12 <read|validate|ack> FILE [--json] [--tolerant] [--out FILE] [--control N]';

async function load(file: string | undefined, tolerant: boolean): Promise<X12ReadResult> {
  if (!file) throw new CliUsageError('name the X12 file to read');
  try {
    await access(file, constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `file not found: ${file}` : `cannot read ${file} (${code ?? 'unknown error'})`, { cause: error });
  }
  try {
    return await readX12File(file, { tolerant });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === 'EISDIR' ? `${file} is a folder, not a file` : `cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
}

function summary(r: X12ReadResult): string {
  const parts = [`${r.interchanges} interchange(s), ${r.groups} group(s), ${r.transactionSets} transaction set(s)`];
  if (r.claims.length) parts.push(`${r.claims.length} claim(s) totalling ${r.claims.reduce((t, c) => t + c.chargeAmount, 0).toFixed(2)}`);
  if (r.remittances.length) parts.push(`${r.remittances.length} remittance(s) paying ${r.remittances.reduce((t, m) => t + m.paymentAmount, 0).toFixed(2)}`);
  if (r.acknowledgements.length) parts.push(`${r.acknowledgements.length} acknowledgement(s)`);
  if (r.claimStatuses.length) parts.push(`${r.claimStatuses.length} claim status(es)`);
  if (r.eligibility.length) parts.push(`${r.eligibility.length} eligibility record(s)`);
  return `${parts.join('; ')}; ${r.errors.length} error(s), ${r.warnings.length} warning(s)\n`;
}

async function run(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, tolerant: { type: 'boolean' }, out: { type: 'string' }, control: { type: 'string' } },
    });
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  const [sub, file, ...extra] = parsed.positionals;
  if (extra.length > 0) throw new CliUsageError(`unexpected argument "${extra[0]}"`);
  const tolerant = parsed.values.tolerant ?? false;
  switch (sub) {
    case 'read': {
      const r = await load(file, tolerant);
      if (parsed.values.json) io.out(`${JSON.stringify(toReadJson(r), null, 2)}\n`);
      else {
        io.out(summary(r));
        for (const issue of [...r.errors, ...r.warnings]) io.out(`${formatIssue(issue)}\n`);
      }
      return 0;
    }
    case 'validate': {
      const r = await load(file, tolerant);
      for (const issue of r.errors) io.out(`${formatIssue(issue)}\n`);
      for (const issue of r.warnings) io.err(`${formatIssue(issue)}\n`);
      io.out(r.errors.length === 0 ? `valid: ${summary(r)}` : `invalid: ${summary(r)}`);
      return r.errors.length === 0 ? 0 : 1;
    }
    case 'ack': {
      const r = await load(file, tolerant);
      if (r.transactionSets === 0) {
        for (const issue of r.errors) io.err(`${formatIssue(issue)}\n`);
        io.err('no transaction set could be read, so there is nothing to acknowledge (a TA1 interchange rejection is needed instead)\n');
        return 1;
      }
      const control = Number(parsed.values.control ?? '1');
      if (!Number.isInteger(control) || control < 1 || control > 999_999_999) throw new CliUsageError('--control must be a whole number from 1 to 999999999');
      const text = write999(r, { interchangeControl: control, groupControl: control, lineBreaks: true });
      if (parsed.values.out) {
        await writeFile(parsed.values.out, text);
        io.err(`999 written to ${parsed.values.out}\n`);
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
