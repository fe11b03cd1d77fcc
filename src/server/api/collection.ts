import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Patient, Specimen } from '@medplum/fhirtypes';
import type { Db } from '../../store/db.js';
import type { Repository } from '../../store/repository.js';
import { systems } from '../../fhir/systems.js';
import { domainConfigOf } from '../../services/config/domain-config.js';
import { identifyPatient } from '../../services/phlebotomy/identify.js';
import { collectSpecimens, documentCollection, unableToCollect, type Actor } from '../../services/phlebotomy/collect.js';
import { dispatchSpecimens, evaluateSpecimen, receiveSpecimen, specimenByContainerId } from '../../services/phlebotomy/tracking.js';
import { groupTurnaround, turnaroundCsv, turnaroundRows, type GroupBy } from '../../services/phlebotomy/turnaround.js';
import { reprintsOf, stateOf } from '../../services/phlebotomy/specimen-state.js';
import { printLabels } from '../../services/phlebotomy/print-labels.js';
import { collectionSettingsOf } from '../../services/phlebotomy/collection-settings.js';
import { contextOf } from '../auth.js';
import { ApiError } from '../errors.js';

const COLLECTORS = new Set(['phlebotomist', 'nurse', 'lab', 'admin']);
const RECEIVERS = new Set(['lab', 'admin']);
const TAT_VIEWERS = new Set(['lab', 'admin', 'phlebotomist', 'physician', 'nurse']);

function need(req: FastifyRequest, roles: Set<string>, what: string): void {
  const role = req.session!.user.role;
  if (!roles.has(role)) throw new ApiError(403, 'forbidden', `The ${role} role may not ${what}`);
}

export function actorOf(req: FastifyRequest): Actor {
  const u = req.session!.user;
  const identifier = { system: systems.username, value: u.username };
  return u.practitionerId ? { reference: `Practitioner/${u.practitionerId}`, identifier, display: u.display } : { identifier, display: u.display };
}

export function specimenSummary(s: Specimen) {
  return {
    id: s.id!,
    version: Number(s.meta?.versionId ?? 0),
    containerId: s.identifier?.[0]?.value ?? null,
    accession: s.accessionIdentifier?.value ?? null,
    container: s.type?.coding?.[0]?.code ?? null,
    containerDisplay: s.type?.text ?? null,
    state: stateOf(s),
    status: s.status,
    patientId: s.subject?.reference?.split('/')[1] ?? null,
    orderIds: (s.request ?? []).map((r) => r.reference!.split('/')[1]),
    collectedAt: s.collection?.collectedDateTime ?? null,
    collector: s.collection?.collector?.display ?? null,
    receivedAt: s.receivedTime ?? null,
    notes: (s.note ?? []).map((n) => n.text),
    reprints: reprintsOf(s),
  };
}

export function registerCollectionRoutes(app: FastifyInstance, deps: { db: Db; repo: Repository }): void {
  const { db, repo } = deps;
  const config = async (req: FastifyRequest) => (await domainConfigOf(db, req.session!.user.tenant)).effective;

  app.post<{ Body: { patientId: string; scannedWristband: string; birthDate?: string; name?: string } }>('/api/collection/identify', async (req, reply) => {
    need(req, COLLECTORS, 'collect specimens');
    const ctx = contextOf(req);
    const body = req.body ?? ({} as never);
    const patient = await repo.read<Patient>(ctx, 'Patient', String(body.patientId ?? ''));
    const r = identifyPatient(patient, body);
    if (!r.match) {
      repo.opts.audit?.enqueue(ctx, 'execute', 'Patient', patient.id, `Patient/${patient.id}`, '4', 'identification mismatch', r.reasons.join('; '));
      return reply.code(409).send({ error: { code: 'identity-mismatch', message: `Stop: ${r.reasons.join('; ')}`, field: 'scannedWristband' }, reasons: r.reasons });
    }
    return { match: true };
  });

  app.post('/api/collection/collect', async (req, reply) => {
    need(req, COLLECTORS, 'collect specimens');
    const ctx = contextOf(req);
    const r = await collectSpecimens(ctx, repo, await config(req), (req.body ?? {}) as never, actorOf(req), await collectionSettingsOf(db, ctx.tenant));
    return reply.code(201).send({ specimens: r.specimens.map(specimenSummary), tasks: r.tasks.map((t) => ({ id: t.id, status: t.status })), later: r.later });
  });

  for (const format of ['pdf', 'zpl'] as const) {
    app.get<{ Querystring: { ids?: string; copies?: string; tz?: string } }>(`/api/specimens/labels.${format}`, async (req, reply) => {
      need(req, COLLECTORS, 'print specimen labels');
      const ids = (req.query.ids ?? '').split(',').map((x) => x.trim()).filter(Boolean);
      const copies = req.query.copies !== undefined ? Number(req.query.copies) : undefined;
      if (copies !== undefined && (!Number.isInteger(copies) || copies < 1 || copies > 3)) throw new ApiError(400, 'invalid', 'copies is 1, 2 or 3 labels per tube (no more than three labels on a tube)', 'copies');
      const { body } = await printLabels(contextOf(req), repo, await config(req), { specimenIds: ids, copies, format, timeZone: req.query.tz });
      if (format === 'pdf') return reply.type('application/pdf').header('content-disposition', 'inline; filename="labels.pdf"').send(Buffer.from(body as Uint8Array));
      return reply.type('text/plain; charset=utf-8').header('content-disposition', 'attachment; filename="labels.zpl"').send(body);
    });
  }

  app.post('/api/collection/document', async (req) => {
    need(req, COLLECTORS, 'document collections');
    const r = await documentCollection(contextOf(req), repo, (req.body ?? {}) as never, actorOf(req));
    return { specimens: r.specimens.map(specimenSummary), charge: r.charge ? { id: r.charge.id, code: r.charge.code?.coding?.[0]?.code } : null };
  });

  app.post('/api/collection/unable', async (req) => {
    need(req, COLLECTORS, 'document collections');
    const r = await unableToCollect(contextOf(req), repo, (req.body ?? {}) as never, actorOf(req));
    return { failed: r.failed.map((t) => t.id), recollectTasks: r.recollect.map((t) => t.id), notices: r.notices.map((c) => c.id) };
  });

  app.post('/api/specimens/dispatch', async (req) => {
    need(req, COLLECTORS, 'send specimens');
    const r = await dispatchSpecimens(contextOf(req), repo, (req.body ?? {}) as never);
    return { manifest: r.manifest, specimens: r.specimens.map(specimenSummary) };
  });

  app.post<{ Body: { containerId: string } }>('/api/specimens/receive', async (req) => {
    need(req, RECEIVERS, 'receive specimens');
    return specimenSummary(await receiveSpecimen(contextOf(req), repo, req.body?.containerId));
  });

  app.post('/api/specimens/evaluate', async (req) => {
    need(req, RECEIVERS, 'accept or reject specimens');
    const r = await evaluateSpecimen(contextOf(req), repo, await config(req), (req.body ?? {}) as never, actorOf(req));
    return { specimen: specimenSummary(r.specimen), decision: r.decision, reasons: r.reasons, overridden: r.overridden, recollectTasks: r.recollectTasks, recollectCancelled: r.recollectCancelled };
  });

  app.get<{ Params: { containerId: string } }>('/api/specimens/by-label/:containerId', async (req) => {
    need(req, new Set([...COLLECTORS, ...RECEIVERS]), 'look up specimens');
    return specimenSummary(await specimenByContainerId(contextOf(req), repo, req.params.containerId));
  });

  app.get<{ Querystring: { patient?: string } }>('/api/specimens', async (req) => {
    need(req, new Set([...COLLECTORS, ...RECEIVERS]), 'look up specimens');
    if (!req.query.patient) throw new ApiError(400, 'invalid', 'Give ?patient=ID', 'patient');
    const r = await repo.search(contextOf(req), 'Specimen', new URLSearchParams({ patient: req.query.patient, _sort: '-collected', _count: '100' }));
    return { specimens: (r.resources as Specimen[]).map(specimenSummary) };
  });

  const period = (q: { from?: string; to?: string }) => ({ from: q.from ?? new Date(Date.now() - 7 * 86_400_000).toISOString(), to: q.to ?? new Date().toISOString() });
  app.get<{ Querystring: { from?: string; to?: string; groupBy?: string } }>('/api/turnaround', async (req) => {
    need(req, TAT_VIEWERS, 'see turnaround times');
    const p = period(req.query);
    const rows = await turnaroundRows(contextOf(req), repo, p);
    return { ...p, groupBy: req.query.groupBy ?? 'test', total: rows.length, groups: groupTurnaround(rows, (req.query.groupBy ?? 'test') as GroupBy) };
  });
  app.get<{ Querystring: { from?: string; to?: string } }>('/api/turnaround.csv', async (req, reply) => {
    need(req, TAT_VIEWERS, 'see turnaround times');
    const rows = await turnaroundRows(contextOf(req), repo, period(req.query));
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="turnaround.csv"').send(turnaroundCsv(rows));
  });
}
