import type { FastifyInstance } from 'fastify';
import type { AllergyIntolerance, Coverage, Encounter, Organization, Patient, ServiceRequest, Task } from '@medplum/fhirtypes';
import type { Repository } from '../../store/repository.js';
import { allowed } from '../../services/access/policies.js';
import { patientSummary } from '../../services/worklist/worklist.js';
import { systems } from '../../fhir/systems.js';
import { contextOf } from '../auth.js';
import { ApiError } from '../errors.js';

function ageText(birthDate?: string): string | null {
  if (!birthDate) return null;
  const b = new Date(birthDate);
  const now = new Date();
  const days = Math.floor((now.getTime() - b.getTime()) / 86_400_000);
  if (days < 31) return `${days} d`;
  let years = now.getUTCFullYear() - b.getUTCFullYear();
  if (now.getUTCMonth() < b.getUTCMonth() || (now.getUTCMonth() === b.getUTCMonth() && now.getUTCDate() < b.getUTCDate())) years -= 1;
  if (years < 2) return `${Math.floor(days / 30.44)} mo`;
  return `${years} y`;
}

export function registerPatientRoutes(app: FastifyInstance, deps: { repo: Repository }): void {
  const { repo } = deps;
  const need = (role: string, type: string) => {
    if (!allowed(role, type, 'read')) throw new ApiError(403, 'forbidden', `The ${role} role may not read ${type}`);
  };

  app.get<{ Querystring: { q?: string; limit?: string } }>('/api/patients', async (req) => {
    need(req.session!.user.role, 'Patient');
    const q = (req.query.q ?? '').trim();
    const limit = Math.min(Number(req.query.limit ?? 20) || 20, 100);
    if (!q) return { patients: [] };
    const ctx = contextOf(req);
    const byMrn = await repo.search(ctx, 'Patient', new URLSearchParams({ identifier: `${systems.mrn}|${q}`, _count: String(limit) }));
    const byName = byMrn.resources.length ? byMrn : await repo.search(ctx, 'Patient', new URLSearchParams([...q.split(/\s+/).map((w) => ['name', w]), ['_count', String(limit)], ['_sort', 'family']]));
    return { patients: (byName.resources as Patient[]).map(patientSummary) };
  });

  app.get<{ Params: { id: string } }>('/api/patients/:id/banner', async (req) => {
    need(req.session!.user.role, 'Patient');
    const ctx = contextOf(req);
    const role = req.session!.user.role;
    const p = await repo.read<Patient>(ctx, 'Patient', req.params.id);
    const [allergies, coverages, encounters] = await Promise.all([
      allowed(role, 'AllergyIntolerance', 'search') ? repo.search(ctx, 'AllergyIntolerance', new URLSearchParams({ patient: p.id!, _count: '50' })) : null,
      allowed(role, 'Coverage', 'search') ? repo.search(ctx, 'Coverage', new URLSearchParams({ patient: p.id!, _count: '10', _include: 'Coverage:payor' })) : null,
      allowed(role, 'Encounter', 'search') ? repo.search(ctx, 'Encounter', new URLSearchParams({ patient: p.id!, _count: '1', _sort: '-date', status: 'in-progress,arrived,triaged' })) : null,
    ]);
    const payers = new Map((coverages?.included ?? []).map((o) => [`Organization/${o.id}`, (o as Organization).name ?? o.id]));
    const enc = encounters?.resources[0] as Encounter | undefined;
    return {
      ...patientSummary(p),
      age: ageText(p.birthDate),
      allergies: ((allergies?.resources ?? []) as AllergyIntolerance[])
        .filter((a) => a.clinicalStatus?.coding?.[0]?.code !== 'inactive' && a.clinicalStatus?.coding?.[0]?.code !== 'resolved')
        .map((a) => ({ text: a.code?.text ?? a.code?.coding?.[0]?.display ?? 'Allergy', criticality: a.criticality ?? null })),
      coverage: ((coverages?.resources ?? []) as Coverage[]).map((c) => ({
        payer: payers.get(c.payor?.[0]?.reference ?? '') ?? c.payor?.[0]?.display ?? 'Unknown payer',
        memberId: c.subscriberId ?? c.identifier?.[0]?.value ?? null,
        plan: c.class?.find((k) => k.type?.coding?.[0]?.code === 'plan')?.name ?? c.type?.text ?? null,
        status: c.status,
      })),
      encounter: enc ? { id: enc.id, class: enc.class?.display ?? enc.class?.code ?? null, location: enc.location?.[0]?.location?.display ?? null } : null,
      allergiesVisible: allergies !== null,
      coverageVisible: coverages !== null,
    };
  });

  app.get<{ Params: { id: string } }>('/api/patients/:id/orders', async (req) => {
    need(req.session!.user.role, 'ServiceRequest');
    const ctx = contextOf(req);
    const r = await repo.search(ctx, 'ServiceRequest', new URLSearchParams({ patient: req.params.id, _sort: '-authored', _count: '100', _revinclude: 'Task:based-on' }));
    const tasks = r.included.filter((x) => x.resourceType === 'Task') as Task[];
    return {
      orders: (r.resources as ServiceRequest[]).map((sr) => ({
        id: sr.id,
        code: sr.code?.coding?.find((c) => c.system === systems.orderable)?.code ?? null,
        display: sr.code?.text ?? sr.code?.coding?.[0]?.display ?? 'Order',
        priority: sr.priority ?? 'routine',
        status: sr.status,
        authoredOn: sr.authoredOn ?? null,
        tasks: tasks.filter((t) => t.basedOn?.some((b) => b.reference === `ServiceRequest/${sr.id}`)).map((t) => ({ id: t.id, status: t.status, role: t.performerType?.[0]?.coding?.[0]?.code ?? null })),
      })),
    };
  });
}
