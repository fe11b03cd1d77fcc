import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../store/db.js';
import type { Repository } from '../../store/repository.js';
import { getInbox, listInbox } from '../../store/inbox.js';
import { listOutbox, resend } from '../../store/outbox.js';
import { matchParkedResult, rejectParkedResult } from '../../services/labs/results-in.js';
import { orderCodeOf, referenceLabsOf, removeReferenceLab, saveReferenceLab, setReferenceLabs } from '../../services/labs/reference-labs.js';
import { checkAddress } from '../../services/labs/lab-profile-check.js';
import { previewLabMessage, probeLab } from '../../services/labs/lab-preview.js';
import { loadCatalogue } from '../../services/catalogue/index.js';
import { contextOf } from '../auth.js';
import { ApiError } from '../errors.js';

const INTERFACE_ROLES = new Set(['lab', 'admin']);

function need(req: FastifyRequest): void {
  const role = req.session!.user.role;
  if (!INTERFACE_ROLES.has(role)) throw new ApiError(403, 'forbidden', `The ${role} role may not manage lab interfaces`);
}

function needAdmin(req: FastifyRequest): void {
  if (req.session!.user.role !== 'admin') throw new ApiError(403, 'forbidden', 'Only administrators configure reference labs');
}

const outboxItem = (r: Awaited<ReturnType<typeof listOutbox>>[number]) => ({
  id: Number(r.id), destination: r.destination, status: r.status, attempts: r.attempts, lastResult: r.last_error, createdAt: new Date(r.created_at).toISOString(),
  deliveredAt: r.delivered_at ? new Date(r.delivered_at).toISOString() : null, nextAttemptAt: new Date(r.next_attempt_at).toISOString(), controlId: /^MSH.*$/m.exec(r.payload)?.[0].split(r.payload[3])[9] ?? null,
});

/** The lab interface desk: messages out (with resend), results in, and the error queue. */
export function registerInterfaceRoutes(app: FastifyInstance, deps: { db: Db; repo: Repository }): void {
  const { db, repo } = deps;
  app.get<{ Querystring: { status?: string } }>('/api/interfaces/outbox', async (req) => {
    need(req);
    return { messages: (await listOutbox(db, contextOf(req).tenant, { channel: 'hl7', status: req.query.status })).map(outboxItem) };
  });
  app.post<{ Params: { id: string } }>('/api/interfaces/outbox/:id/resend', async (req) => {
    need(req);
    const ok = await resend(db, contextOf(req).tenant, Number(req.params.id));
    if (!ok) throw new ApiError(404, 'not-found', `No outbound message ${req.params.id} to resend`);
    repo.opts.audit?.enqueue(contextOf(req), 'execute', undefined, undefined, undefined, '0', `resend outbound message ${req.params.id}`);
    return { id: Number(req.params.id), status: 'pending' };
  });
  app.get<{ Querystring: { status?: string } }>('/api/interfaces/inbox', async (req) => {
    need(req);
    const rows = await listInbox(db, contextOf(req).tenant, { status: req.query.status });
    return { messages: rows.map((r) => ({ id: Number(r.id), status: r.status, messageId: r.message_id, source: r.source, receivedAt: new Date(r.received_at).toISOString(), error: r.error, summary: r.raw.split(/\r\n|\r|\n/).filter((l) => /^(MSH|PID|OBR)/.test(l)).join('\n').slice(0, 600) })) };
  });
  app.get<{ Params: { id: string } }>('/api/interfaces/inbox/:id', async (req) => {
    need(req);
    const row = await getInbox(db, contextOf(req).tenant, Number(req.params.id));
    if (!row) throw new ApiError(404, 'not-found', `No inbound message ${req.params.id}`);
    return { id: Number(row.id), status: row.status, error: row.error, raw: row.raw };
  });
  app.post<{ Params: { id: string }; Body: { patientId: string; serviceRequestIds: string[] } }>('/api/interfaces/inbox/:id/match', async (req) => {
    need(req);
    return matchParkedResult(contextOf(req), repo, Number(req.params.id), req.body ?? ({} as never));
  });
  app.post<{ Params: { id: string }; Body: { reason: string } }>('/api/interfaces/inbox/:id/reject', async (req) => {
    need(req);
    await rejectParkedResult(contextOf(req), repo, Number(req.params.id), req.body?.reason);
    return { id: Number(req.params.id), status: 'rejected' };
  });
  app.get('/api/interfaces/labs', async (req) => {
    need(req);
    const { tenant } = contextOf(req);
    const [labs, catalogue, pending, failed] = await Promise.all([
      referenceLabsOf(db, tenant),
      loadCatalogue(db, tenant),
      listOutbox(db, tenant, { channel: 'hl7', status: 'pending', limit: 1000 }),
      listOutbox(db, tenant, { channel: 'hl7', status: 'failed', limit: 1000 }),
    ]);
    const count = (rows: { destination: string }[], id: string) => rows.filter((r) => r.destination === id).length;
    return {
      labs,
      // what the page needs to map codes and to say which tests go where
      tests: catalogue.items.filter((o) => o.kind === 'lab' || o.performingLab).map((o) => ({
        code: o.code, display: o.display, sentAs: orderCodeOf(o), ...(o.performingLab ? { performingLab: o.performingLab } : {}), ...(o.status === 'retired' ? { retired: true } : {}),
      })),
      outbox: Object.fromEntries(labs.map((l) => [l.id, { pending: count(pending, l.id), failed: count(failed, l.id) }])),
    };
  });
  app.put('/api/interfaces/labs', async (req) => {
    needAdmin(req);
    const moveInHouse = (req.query as { moveInHouse?: string }).moveInHouse === 'true';
    const labs = await setReferenceLabs(db, contextOf(req).tenant, req.body, { moveInHouse });
    repo.opts.audit?.enqueue(contextOf(req), 'update', undefined, undefined, undefined, '0', 'settings/reference-labs', `labs: ${labs.map((l) => l.id).join(', ') || 'none'}${moveInHouse ? ' (removed labs\' tests moved in-house)' : ''}`);
    return { labs };
  });
  // one lab at a time (the web page): the rest of the list is what is stored at that moment
  app.post('/api/interfaces/labs', async (req, reply) => {
    needAdmin(req);
    const saved = await saveReferenceLab(db, contextOf(req).tenant, req.body);
    repo.opts.audit?.enqueue(contextOf(req), 'create', undefined, undefined, undefined, '0', 'settings/reference-labs', `added lab ${saved.lab.id}`);
    return reply.code(201).send(saved);
  });
  app.put<{ Params: { id: string } }>('/api/interfaces/labs/:id', async (req) => {
    needAdmin(req);
    const saved = await saveReferenceLab(db, contextOf(req).tenant, req.body, req.params.id);
    repo.opts.audit?.enqueue(contextOf(req), 'update', undefined, undefined, undefined, '0', 'settings/reference-labs', `changed lab ${saved.lab.id}`);
    return saved;
  });
  app.post<{ Params: { id: string }; Body: { moveInHouse?: unknown } }>('/api/interfaces/labs/:id/remove', async (req) => {
    needAdmin(req);
    const moveInHouse = req.body?.moveInHouse === true;
    const labs = await removeReferenceLab(db, contextOf(req).tenant, req.params.id, { moveInHouse });
    repo.opts.audit?.enqueue(contextOf(req), 'delete', undefined, undefined, undefined, '0', 'settings/reference-labs', `removed lab ${req.params.id}${moveInHouse ? ' (its tests moved in-house)' : ''}`);
    return { labs };
  });
  app.post('/api/interfaces/labs/preview', async (req) => {
    need(req);
    return previewLabMessage(req.body, await loadCatalogue(db, contextOf(req).tenant));
  });
  app.post<{ Body: { host?: unknown; port?: unknown } }>('/api/interfaces/labs/test-connection', async (req) => {
    needAdmin(req);
    const host = checkAddress(req.body?.host, req.body?.port);
    return { host, port: req.body.port, ...(await probeLab(host, req.body.port as number)) };
  });
}
