import type { Patient, Resource, ServiceRequest } from '@medplum/fhirtypes';
import { systems } from '../../fhir/systems.js';
import type { Store } from '../../store/store.js';
import type { RequestContext } from '../../store/repository.js';
import { addUser, ensureTenant, findUser } from '../../store/users.js';
import { demoOrganisation, demoPatients, DEMO_DEFAULT_PATIENTS } from '../demo/index.js';
import type { DemoUser } from '../demo/index.js';
import { ensureCatalogue, findOrderable } from '../catalogue/index.js';
import { buildOrderTask } from '../orders/place-order.js';

export const DEMO_TENANT = 'riverside';
export const DEMO_TENANT_NAME = 'Riverside Health (demo)';

export interface SeedOptions {
  tenant?: string;
  tenantName?: string;
  patients?: number;
  /** index of the first patient to add (to add more patients to an existing demo) */
  start?: number;
  /** the demo's "now"; default the current quarter hour, so the worklists look like today's */
  epoch?: string;
  onProgress?: (done: number, total: number) => void;
}

const seedCtx = (tenant: string): RequestContext => ({ tenant, user: { id: 'seed', username: 'allied-seed', role: 'admin' }, source: 'cli' });

/** The demo's "now": the current time to the quarter hour, so orders fall due around when you look. */
export function demoNow(): string {
  const quarter = 15 * 60_000;
  return new Date(Math.floor(Date.now() / quarter) * quarter).toISOString();
}

async function createAll(store: Store, ctx: RequestContext, resources: Resource[], now: Date): Promise<number> {
  let tasks = 0;
  await store.repo.transaction(async (repo) => {
    const patients = new Map<string, Patient>();
    for (const r of resources) {
      const { resource } = await repo.create(ctx, r, { keepId: true });
      if (resource.resourceType === 'Patient') patients.set(`Patient/${resource.id}`, resource as Patient);
      if (resource.resourceType === 'ServiceRequest') {
        const sr = resource as ServiceRequest;
        const code = sr.code?.coding?.find((c) => c.system === systems.orderable)?.code;
        const orderable = code ? findOrderable(code) : undefined;
        const patient = patients.get(sr.subject?.reference ?? '');
        if (orderable && patient && sr.status === 'active') {
          await repo.create(ctx, buildOrderTask(sr, orderable, patient, { now: new Date(sr.authoredOn ?? now) }));
          tasks += 1;
        }
      }
    }
  });
  return tasks;
}

/**
 * Loads the demo organisation (sites, staff, payers), one login per role, and patients with
 * coverages, encounters, conditions and orders; every active order gets its worklist task.
 */
export async function seedDemo(store: Store, opts: SeedOptions = {}): Promise<{ users: DemoUser[]; patients: number; tasks: number }> {
  const tenant = opts.tenant ?? DEMO_TENANT;
  const epoch = opts.epoch ?? demoNow();
  const ctx = seedCtx(tenant);
  await ensureTenant(store.db, tenant, opts.tenantName ?? DEMO_TENANT_NAME);
  await ensureCatalogue(store.db, tenant);
  const org = demoOrganisation({ tenant, epoch });
  const start = opts.start ?? 0;
  let tasks = 0;
  if (start === 0) {
    const exists = await store.db.query(`SELECT 1 FROM res_organization WHERE tenant = $1 LIMIT 1`, [tenant]);
    if (!exists.rows.length) await createAll(store, ctx, org.resources, new Date(epoch));
    for (const u of org.users) {
      if (!(await findUser(store.db, u.username))) await addUser(store.db, { tenant, username: u.username, display: u.display, role: u.role, password: u.password, practitionerId: u.practitionerId });
    }
  }
  const count = opts.patients ?? DEMO_DEFAULT_PATIENTS;
  let done = 0;
  let batch: Resource[] = [];
  for (const resources of demoPatients({ tenant, epoch, count, start })) {
    batch.push(...resources);
    done += 1;
    if (done % 25 === 0 || done === count) {
      tasks += await createAll(store, ctx, batch, new Date(epoch));
      batch = [];
      opts.onProgress?.(done, count);
    }
  }
  if (batch.length) tasks += await createAll(store, ctx, batch, new Date(epoch));
  return { users: org.users, patients: done, tasks };
}
