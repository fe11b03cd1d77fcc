import { parseArgs } from 'node:util';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { CliCommand } from './command.js';
import { CliUsageError } from './command.js';
import { withStore } from './context.js';
import { progressBar } from './progress.js';
import { storedResourceTypes } from '../fhir/search/registry.js';
import { exportResources, countResources } from '../store/export.js';
import { fhirValidator } from '../server/main.js';
import { listTenants } from '../store/users.js';

function typesOption(value: string | undefined): string[] {
  if (!value) return storedResourceTypes;
  const types = value.split(',').map((t) => t.trim()).filter(Boolean);
  for (const t of types) if (!storedResourceTypes.includes(t)) throw new CliUsageError(`"${t}" is not a stored resource type`);
  return types;
}

async function checkTenant(db: Parameters<typeof listTenants>[0], tenant: string): Promise<void> {
  const tenants = await listTenants(db);
  if (!tenants.some((t) => t.id === tenant)) throw new CliUsageError(`there is no organisation "${tenant}" (have: ${tenants.map((t) => t.id).join(', ') || 'none'})`);
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'export an organisation\'s record as a FHIR Bundle or NDJSON per type',
  usage: 'allied export --tenant ORG [--format bundle|ndjson] [--out FILE|DIR] [--types Patient,Task]',
  async run(argv, io) {
    const { values } = parseArgs({ args: argv, options: { tenant: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, types: { type: 'string' } }, strict: true });
    if (!values.tenant) throw new CliUsageError('--tenant is required');
    const format = values.format ?? 'bundle';
    if (format !== 'bundle' && format !== 'ndjson') throw new CliUsageError('--format is bundle or ndjson');
    if (format === 'ndjson' && !values.out) throw new CliUsageError('--out DIR is required for ndjson (one file per type)');
    const types = typesOption(values.types);
    return withStore(async (store) => {
      await checkTenant(store.db, values.tenant!);
      const ctx = { tenant: values.tenant!, user: { id: 'cli', username: 'allied-cli', role: 'admin' }, source: 'cli' };
      let total = 0;
      for (const t of types) total += await countResources(store.db, values.tenant!, t);
      const progress = progressBar(io, 'exported');
      let done = 0;
      if (format === 'ndjson') {
        mkdirSync(values.out!, { recursive: true });
        for (const type of types) {
          let stream: ReturnType<typeof createWriteStream> | undefined;
          for await (const page of exportResources(store.db, values.tenant!, type)) {
            stream ??= createWriteStream(join(values.out!, `${type}.ndjson`));
            for (const r of page) stream.write(JSON.stringify(r) + '\n');
            done += page.length;
            progress(done, total);
          }
          if (stream) await new Promise((resolve) => stream!.end(resolve));
          await store.audit.record(ctx, 'export', type, undefined, undefined, '0', `ndjson ${values.out}`);
        }
      } else {
        const out = values.out ? createWriteStream(values.out) : process.stdout;
        out.write('{"resourceType":"Bundle","type":"collection","entry":[');
        let first = true;
        for (const type of types) {
          for await (const page of exportResources(store.db, values.tenant!, type)) {
            for (const r of page) {
              out.write((first ? '\n' : ',\n') + JSON.stringify({ fullUrl: `urn:allied:${r.resourceType}/${r.id}`, resource: r }));
              first = false;
            }
            done += page.length;
            progress(done, total);
          }
          await store.audit.record(ctx, 'export', type, undefined, undefined, '0', `bundle ${values.out ?? 'stdout'}`);
        }
        out.write('\n]}\n');
        if (out !== process.stdout) await new Promise((resolve) => (out as ReturnType<typeof createWriteStream>).end(resolve));
      }
      io.err(`Exported ${done} resources of ${types.length} types.\n`);
      return 0;
    });
  },
};

interface Incoming {
  resource: Resource;
  where: string;
}

/** Reads a Bundle (.json) or NDJSON files (a file or a folder of them), keeping where each came from. */
export function readImport(path: string): Incoming[] {
  if (!existsSync(path)) throw new CliUsageError(`"${path}" does not exist`);
  const files = statSync(path).isDirectory() ? readdirSync(path).filter((f) => /\.(ndjson|json)$/.test(f)).sort().map((f) => join(path, f)) : [path];
  const out: Incoming[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (file.endsWith('.ndjson')) {
      text.split('\n').forEach((line, i) => {
        if (!line.trim()) return;
        try {
          out.push({ resource: JSON.parse(line), where: `${file}:${i + 1}` });
        } catch (error) {
          throw new CliUsageError(`${file} line ${i + 1} is not valid JSON: ${(error as Error).message}`);
        }
      });
    } else {
      let bundle: Bundle;
      try {
        bundle = JSON.parse(text);
      } catch (error) {
        throw new CliUsageError(`${file} is not valid JSON: ${(error as Error).message}`);
      }
      if (bundle.resourceType !== 'Bundle') throw new CliUsageError(`${file} is a ${String(bundle.resourceType)}, not a Bundle`);
      (bundle.entry ?? []).forEach((e, i) => {
        if (e.resource) out.push({ resource: e.resource, where: `${file} entry[${i}]` });
      });
    }
  }
  return out;
}

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'import a FHIR Bundle or NDJSON files: all validated first, then stored in one transaction',
  usage: 'allied import FILE|DIR --tenant ORG',
  async run(argv, io) {
    const { values, positionals } = parseArgs({ args: argv, options: { tenant: { type: 'string' } }, allowPositionals: true, strict: true });
    if (!values.tenant) throw new CliUsageError('--tenant is required');
    if (positionals.length !== 1) throw new CliUsageError('name one file or folder to import');
    const incoming = readImport(positionals[0]);
    const problems: string[] = [];
    for (const { resource, where } of incoming) {
      if (!resource || typeof resource.resourceType !== 'string') problems.push(`${where}: not a FHIR resource (no resourceType)`);
      else if (!storedResourceTypes.includes(resource.resourceType)) problems.push(`${where}: ${resource.resourceType} is not a type Allied stores`);
      else if (!resource.id) problems.push(`${where}: ${resource.resourceType} has no id (imports keep ids so references stay valid)`);
      else for (const issue of fhirValidator(resource).filter((x) => x.severity === 'error')) problems.push(`${where}: ${issue.expression?.join(', ')}: ${issue.diagnostics}`);
      if (problems.length >= 50) break;
    }
    if (problems.length) {
      io.err(`Nothing was imported: ${problems.length}${problems.length >= 50 ? '+' : ''} problem(s):\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
      return 1;
    }
    return withStore(async (store) => {
      await checkTenant(store.db, values.tenant!);
      const ctx = { tenant: values.tenant!, user: { id: 'cli', username: 'allied-cli', role: 'admin' }, source: 'cli' };
      const progress = progressBar(io, 'imported');
      await store.repo.transaction(async (repo) => {
        let done = 0;
        for (const { resource } of incoming) {
          await repo.update(ctx, resource);
          done += 1;
          if (done % 100 === 0 || done === incoming.length) progress(done, incoming.length);
        }
      });
      io.out(`Imported ${incoming.length} resources into "${values.tenant}" in one transaction.\n`);
      return 0;
    });
  },
};
