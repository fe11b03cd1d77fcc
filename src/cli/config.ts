import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import type { CliCommand } from './command.js';
import { CliUsageError } from './command.js';
import { withStore } from './context.js';
import { domainConfigOf, setDomainConfig } from '../services/config/domain-config.js';
import { ServiceError } from '../services/errors.js';

export const configCommand: CliCommand = {
  name: 'config',
  summary: 'show or change an organisation\'s rule configuration (DOMAIN.md DEFAULT values)',
  usage: 'allied config get --tenant ORG [--effective] | allied config set --tenant ORG --file overrides.json',
  async run(argv, io) {
    const [action, ...rest] = argv;
    const { values } = parseArgs({ args: rest, options: { tenant: { type: 'string' }, file: { type: 'string' }, effective: { type: 'boolean' } }, strict: true });
    if (!values.tenant) throw new CliUsageError('--tenant is required');
    if (action !== 'get' && action !== 'set') throw new CliUsageError('use "config get" or "config set"');
    let override: unknown;
    if (action === 'set') {
      if (!values.file) throw new CliUsageError('--file overrides.json is required');
      try {
        override = JSON.parse(readFileSync(values.file, 'utf8'));
      } catch (error) {
        throw new CliUsageError(`${values.file}: ${(error as Error).message}`);
      }
    }
    return withStore(async (store) => {
      if (action === 'get') {
        const { override: stored, effective } = await domainConfigOf(store.db, values.tenant!);
        io.out(JSON.stringify(values.effective ? effective : stored, null, 2) + '\n');
        return 0;
      }
      try {
        await setDomainConfig(store.db, values.tenant!, override);
      } catch (error) {
        if (error instanceof ServiceError) {
          io.err(`allied config: ${error.field ? `${error.field}: ` : ''}${error.message}\n`);
          return 1;
        }
        throw error;
      }
      await store.audit.record({ tenant: values.tenant!, user: { id: 'cli', username: 'allied-cli', role: 'admin' }, source: 'cli' }, 'update', undefined, undefined, undefined, '0', 'settings/domain');
      io.out(`Saved the rule configuration of "${values.tenant}".\n`);
      return 0;
    });
  },
};
