import { parseArgs } from 'node:util';
import { readFileSync, writeFileSync } from 'node:fs';
import type { CliCommand } from './command.js';
import { CliUsageError } from './command.js';
import { withStore } from './context.js';
import { loadCatalogue } from '../services/catalogue/index.js';
import { ServiceError } from '../services/errors.js';
import { referenceLabsOf, setReferenceLabs, type ReferenceLab } from '../services/labs/reference-labs.js';
import { listTenants } from '../store/users.js';

const cliCtx = (tenant: string) => ({ tenant, user: { id: 'cli', username: 'allied-cli', role: 'admin' }, source: 'cli' });
const USAGE = 'allied labs list --tenant ORG | allied labs export [FILE] --tenant ORG | allied labs import FILE --tenant ORG [--move-in-house]';

/** Columns padded to their widest cell, two spaces apart. */
function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ')).join('\n') + '\n';
}

/** A lab list from a file: the array `export` writes, or the API's `{labs: [...]}`. */
function labsInFile(file: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliUsageError(`${file}: ${(error as Error).message}`);
  }
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed) && 'labs' in parsed ? (parsed as { labs: unknown }).labs : parsed;
}

export const labsCommand: CliCommand = {
  name: 'labs',
  summary: 'list, export or import an organisation\'s reference labs and their HL7 order profiles (JSON, as PUT /api/interfaces/labs takes it)',
  usage: USAGE,
  async run(argv, io) {
    const [action, ...rest] = argv;
    if (action !== 'list' && action !== 'export' && action !== 'import') throw new CliUsageError('use "labs list", "labs export [FILE]" or "labs import FILE"');
    const { values, positionals } = parseArgs({ args: rest, options: { tenant: { type: 'string' }, 'move-in-house': { type: 'boolean' } }, allowPositionals: true, strict: true });
    if (!values.tenant) throw new CliUsageError('--tenant is required');
    const file = positionals[0];
    if (action === 'import' && !file) throw new CliUsageError('name the JSON file of labs to import');
    if (action !== 'import' && values['move-in-house']) throw new CliUsageError('--move-in-house goes with import');
    const incoming = action === 'import' ? labsInFile(file!) : undefined;
    const tenant = values.tenant;
    return withStore(async (store) => {
      const tenants = await listTenants(store.db);
      if (!tenants.some((t) => t.id === tenant)) throw new CliUsageError(`there is no organisation "${tenant}" (have: ${tenants.map((t) => t.id).join(', ') || 'none'})`);
      const before = await referenceLabsOf(store.db, tenant);
      if (action === 'list') {
        if (!before.length) {
          io.out(`"${tenant}" has no reference labs: every test is performed in-house.\n`);
          return 0;
        }
        const catalogue = await loadCatalogue(store.db, tenant);
        const sent = (l: ReferenceLab) => catalogue.items.filter((o) => o.performingLab === l.id && o.status !== 'retired').length;
        io.out(table([
          ['ID', 'NAME', 'ADDRESS', 'MESSAGE', 'OBR-4', 'CODES', 'TESTS'],
          ...before.map((l) => [l.id, l.name, `${l.host}:${l.port}`, l.profile.messageType, l.profile.obr4, String(Object.keys(l.profile.testCodes ?? {}).length), String(sent(l))]),
        ]));
        return 0;
      }
      if (action === 'export') {
        const text = JSON.stringify(before, null, 2) + '\n';
        await store.audit.record(cliCtx(tenant), 'export', undefined, undefined, undefined, '0', 'settings/reference-labs', `${before.length} reference labs`);
        if (file) {
          writeFileSync(file, text);
          io.err(`Wrote ${before.length} reference lab${before.length === 1 ? '' : 's'} of "${tenant}" to ${file}.\n`);
        } else io.out(text);
        return 0;
      }
      try {
        const moveInHouse = values['move-in-house'] === true;
        const labs = await setReferenceLabs(store.db, tenant, incoming, { moveInHouse });
        const removed = before.filter((b) => !labs.some((l) => l.id === b.id)).map((l) => l.id);
        const added = labs.filter((l) => !before.some((b) => b.id === l.id)).map((l) => l.id);
        await store.audit.record(cliCtx(tenant), 'import', undefined, undefined, undefined, '0', 'settings/reference-labs', `${labs.length} labs imported${removed.length ? `; removed: ${removed.join(', ')}` : ''}${moveInHouse ? ' (their tests moved in-house)' : ''}`);
        io.out(`Imported ${labs.length} reference lab${labs.length === 1 ? '' : 's'} into "${tenant}".${added.length ? ` Added: ${added.join(', ')}.` : ''}${removed.length ? ` Removed: ${removed.join(', ')}.` : ''}\n`);
        return 0;
      } catch (error) {
        if (error instanceof ServiceError) {
          const text = error.message.replace('with moveInHouse=true', 'with --move-in-house').replace(/\.$/, '');
          io.err(`allied labs: ${file}${error.field && error.field !== 'performingLab' ? ` at ${error.field}` : ''}: ${text}. Nothing was imported.\n`);
          return 1;
        }
        throw error;
      }
    });
  },
};
