import { parseArgs } from 'node:util';
import { readFileSync, writeFileSync } from 'node:fs';
import type { CliCommand } from './command.js';
import { CliUsageError } from './command.js';
import { withStore } from './context.js';
import { catalogueFromBundle, catalogueRulesOf, catalogueToBundle, loadCatalogue, replaceCatalogue } from '../services/catalogue/index.js';
import { domainConfigOf } from '../services/config/domain-config.js';
import { ServiceError } from '../services/errors.js';
import { listTenants } from '../store/users.js';

const cliCtx = (tenant: string) => ({ tenant, user: { id: 'cli', username: 'allied-cli', role: 'admin' }, source: 'cli' });

export const catalogueCommand: CliCommand = {
  name: 'catalogue',
  summary: 'export or import an organisation\'s test catalogue as a FHIR Bundle (ActivityDefinition + Observation/SpecimenDefinition)',
  usage: 'allied catalogue export [FILE] --tenant ORG | allied catalogue import FILE --tenant ORG',
  async run(argv, io) {
    const [action, ...rest] = argv;
    if (action !== 'export' && action !== 'import') throw new CliUsageError('use "catalogue export [FILE]" or "catalogue import FILE"');
    const { values, positionals } = parseArgs({ args: rest, options: { tenant: { type: 'string' } }, allowPositionals: true, strict: true });
    if (!values.tenant) throw new CliUsageError('--tenant is required');
    const file = positionals[0];
    if (action === 'import' && !file) throw new CliUsageError('name the Bundle file to import');
    let bundle: unknown;
    if (action === 'import') {
      try {
        bundle = JSON.parse(readFileSync(file!, 'utf8'));
      } catch (error) {
        throw new CliUsageError(`${file}: ${(error as Error).message}`);
      }
    }
    const tenant = values.tenant;
    return withStore(async (store) => {
      const tenants = await listTenants(store.db);
      if (!tenants.some((t) => t.id === tenant)) throw new CliUsageError(`there is no organisation "${tenant}" (have: ${tenants.map((t) => t.id).join(', ') || 'none'})`);
      if (action === 'export') {
        const [catalogue, { effective }] = await Promise.all([loadCatalogue(store.db, tenant), domainConfigOf(store.db, tenant)]);
        const text = JSON.stringify(catalogueToBundle(catalogue.items, effective.phlebotomy.containers), null, 2) + '\n';
        await store.audit.record(cliCtx(tenant), 'export', 'ActivityDefinition', undefined, undefined, '0', 'catalogue/export', `${catalogue.items.length} catalogue entries`);
        if (file) {
          writeFileSync(file, text);
          io.err(`Wrote ${catalogue.items.length} catalogue entries of "${tenant}" to ${file}.\n`);
        } else io.out(text);
        return 0;
      }
      try {
        const entries = catalogueFromBundle(bundle);
        const { retired } = await replaceCatalogue(store.db, tenant, entries, await catalogueRulesOf(store.db, tenant));
        await store.audit.record(cliCtx(tenant), 'import', 'ActivityDefinition', undefined, undefined, '0', 'catalogue/import', `${entries.length} entries imported${retired.length ? `; retired: ${retired.join(', ')}` : ''}`);
        io.out(`Imported ${entries.length} catalogue entries into "${tenant}".${retired.length ? ` Kept as retired (not in the file): ${retired.join(', ')}.` : ''}\n`);
        return 0;
      } catch (error) {
        if (error instanceof ServiceError) {
          io.err(`allied catalogue: ${file}${error.field ? ` at ${error.field}` : ''}: ${error.message}. Nothing was imported.\n`);
          return 1;
        }
        throw error;
      }
    });
  },
};
