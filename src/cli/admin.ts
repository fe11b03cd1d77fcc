import { parseArgs } from 'node:util';
import type { CliCommand, CliIo } from './command.js';
import { CliUsageError } from './command.js';
import { withStore, describeDatabase } from './context.js';
import { progressBar } from './progress.js';
import { migrate, migrationStatus } from '../store/migrations/runner.js';
import { reindexAll } from '../store/store.js';
import { addUser, createSession, ensureTenant, findUser, resetPassword, setDisabled, UserError } from '../store/users.js';
import { verifyAuditChain } from '../store/audit.js';
import { seedDemo, DEMO_TENANT } from '../services/seed/demo.js';
import { roles } from '../fhir/systems.js';
import { randomBytes } from 'node:crypto';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'bring the database schema up to date (also done on every start)',
  usage: 'allied migrate [--status]',
  async run(argv, io) {
    const { values } = parseArgs({ args: argv, options: { status: { type: 'boolean' } }, strict: true });
    return withStore(async (store) => {
      if (values.status) {
        const s = await migrationStatus(store.db);
        io.out(`${describeDatabase()}: applied ${s.applied.join(', ') || 'none'}; pending ${s.pending.join(', ') || 'none'}; search layout ${s.layoutCurrent ? 'current' : 'outdated'}\n`);
        return 0;
      }
      const applied = await migrate(store.db, { reindex: reindexAll, log: (m) => io.err(`${m}\n`) });
      io.out(applied.length ? `Applied migrations ${applied.join(', ')} on ${describeDatabase()}\n` : `${describeDatabase()} is up to date\n`);
      return 0;
    });
  },
};

export const seedCommand: CliCommand = {
  name: 'seed',
  summary: 'load the demo organisation and patients',
  usage: 'allied seed --demo [--patients 200] [--tenant riverside]',
  async run(argv, io) {
    const { values } = parseArgs({ args: argv, options: { demo: { type: 'boolean' }, patients: { type: 'string' }, tenant: { type: 'string' } }, strict: true });
    if (!values.demo) throw new CliUsageError('say --demo (the only seed there is)');
    const patients = values.patients !== undefined ? Number(values.patients) : undefined;
    if (patients !== undefined && (!Number.isInteger(patients) || patients < 1 || patients > 1_000_000)) throw new CliUsageError(`--patients "${values.patients}" must be a whole number from 1 to 1000000`);
    return withStore(async (store) => {
      const tenant = values.tenant ?? DEMO_TENANT;
      const existing = await store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM res_patient WHERE tenant = $1`, [tenant]);
      const start = Number(existing.rows[0].n);
      const r = await seedDemo(store, { tenant, patients, start, onProgress: progressBar(io, 'patients') });
      io.out(`Loaded ${r.patients} demo patients (${start ? `after the ${start} already there` : 'new organisation'}) with ${r.tasks} worklist tasks into ${describeDatabase()}, organisation "${tenant}".\n`);
      if (!start) for (const u of r.users) io.out(`  login ${u.username.padEnd(22)} ${u.password.padEnd(26)} ${u.role}\n`);
      return 0;
    });
  },
};

async function readPassword(io: CliIo, given?: string): Promise<{ password: string; generated: boolean }> {
  if (given) return { password: given, generated: false };
  if (process.env.ALLIED_PASSWORD) return { password: process.env.ALLIED_PASSWORD, generated: false };
  return { password: randomBytes(12).toString('base64url'), generated: true };
}

export const userCommand: CliCommand = {
  name: 'user',
  summary: 'add, disable or reset a user',
  usage: 'allied user add --tenant ORG --username NAME --role ROLE [--display "Full Name"] [--password P] [--tenant-name "Org name"]\n       allied user disable --username NAME | allied user enable --username NAME\n       allied user reset-password --username NAME [--password P]',
  async run(argv, io) {
    const [action, ...rest] = argv;
    const { values } = parseArgs({
      args: rest,
      options: { tenant: { type: 'string' }, 'tenant-name': { type: 'string' }, username: { type: 'string' }, role: { type: 'string' }, display: { type: 'string' }, password: { type: 'string' }, practitioner: { type: 'string' } },
      strict: true,
    });
    const username = values.username;
    if (!username) throw new CliUsageError('--username is required');
    return withStore(async (store) => {
      try {
        switch (action) {
          case 'add': {
            if (!values.tenant) throw new CliUsageError('--tenant is required (the organisation id, e.g. riverside)');
            if (!values.role) throw new CliUsageError(`--role is required: ${roles.join(', ')}`);
            await ensureTenant(store.db, values.tenant, values['tenant-name'] ?? values.tenant);
            const { password, generated } = await readPassword(io, values.password);
            const user = await addUser(store.db, { tenant: values.tenant, username, role: values.role, display: values.display, password, practitionerId: values.practitioner });
            io.out(`Added ${user.role} "${user.username}" to ${user.tenantName}.${generated ? ` Password: ${password}` : ''}\n`);
            return 0;
          }
          case 'disable':
          case 'enable':
            await setDisabled(store.db, username, action === 'disable');
            io.out(`${action === 'disable' ? 'Disabled (and logged out)' : 'Enabled'} "${values.username}".\n`);
            return 0;
          case 'reset-password': {
            const { password, generated } = await readPassword(io, values.password);
            await resetPassword(store.db, username, password);
            io.out(`Reset the password of "${values.username}" and ended their sessions.${generated ? ` New password: ${password}` : ''}\n`);
            return 0;
          }
          default:
            throw new CliUsageError(`unknown action "${action ?? ''}": use add, disable, enable or reset-password`);
        }
      } catch (error) {
        if (error instanceof UserError) {
          io.err(`allied user: ${error.message}\n`);
          return 1;
        }
        throw error;
      }
    });
  },
};

export function parseDuration(text: string): number {
  const m = /^(\d+)\s*(s|m|h|d)$/.exec(text.trim());
  if (!m) throw new CliUsageError(`--expires "${text}" is not a duration (e.g. 30m, 1h, 7d)`);
  return Number(m[1]) * { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's']!;
}

export const tokenCommand: CliCommand = {
  name: 'token',
  summary: 'create a bearer token for an API client',
  usage: 'allied token create --user NAME [--expires 1h] [--label TEXT]',
  async run(argv, io) {
    const [action, ...rest] = argv;
    if (action !== 'create') throw new CliUsageError('use "allied token create --user NAME"');
    const { values } = parseArgs({ args: rest, options: { user: { type: 'string' }, expires: { type: 'string' }, label: { type: 'string' } }, strict: true });
    if (!values.user) throw new CliUsageError('--user is required');
    const ms = parseDuration(values.expires ?? '1h');
    return withStore(async (store) => {
      const user = await findUser(store.db, values.user!);
      if (!user) {
        io.err(`allied token: there is no user "${values.user}"\n`);
        return 1;
      }
      if (user.disabled) {
        io.err(`allied token: "${values.user}" is disabled\n`);
        return 1;
      }
      const { token, expiresAt } = await createSession(store.db, user, 'bearer', { expiresInMs: ms, label: values.label });
      io.out(`${token}\n`);
      io.err(`Bearer token for ${user.username} (${user.role}), valid until ${expiresAt.toISOString()}.\n`);
      return 0;
    });
  },
};

export const auditCommand: CliCommand = {
  name: 'audit',
  summary: 'verify the audit log hash chain',
  usage: 'allied audit verify',
  async run(argv, io) {
    if (argv[0] !== 'verify') throw new CliUsageError('use "allied audit verify"');
    return withStore(async (store) => {
      while ((await store.audit.seal()) > 0);
      const report = await verifyAuditChain(store.db, progressBar(io, 'audit entries'));
      if (report.ok) {
        io.out(`Audit log intact: ${report.checked} entries verified on ${describeDatabase()}.\n`);
        return 0;
      }
      io.out(`AUDIT LOG TAMPERED: ${report.problems.length} problem(s) in ${report.checked} entries:\n${report.problems.map((p) => `  - ${p}`).join('\n')}\n`);
      return 1;
    });
  },
};
