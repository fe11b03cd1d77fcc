import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Bundle } from '@medplum/fhirtypes';
import { badRequest, FhirError, forbidden, notFound } from '../../fhir/errors.js';
import { rangeOfDateString } from '../../fhir/search/extract.js';
import type { Db } from '../../store/db.js';
import { searchAuditLog, type AuditQuery } from '../../store/audit-search.js';
import { mayReadAudit } from '../../services/access/policies.js';
import { auditEventOf } from '../../services/audit/audit-event.js';
import { contextOf } from '../auth.js';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const SUPPORTED = ['patient', 'date', 'subtype', 'entity-type', 'agent-name', '_count', '_offset'];

function guard(req: FastifyRequest): void {
  const role = req.session!.user.role;
  if (!mayReadAudit(role)) throw forbidden(`The ${role} role may not read the audit log`);
}

/** The FHIR search of AuditEvent, answered from the hash-chained audit log. */
export function auditQueryOf(query: URLSearchParams): AuditQuery {
  const q: AuditQuery = { offset: Number(query.get('_offset') ?? 0) || 0, limit: Math.min(Number(query.get('_count') ?? 50) || 50, 500) };
  for (const [key, value] of query) {
    if (!SUPPORTED.includes(key)) throw badRequest(`AuditEvent has no search parameter "${key}" here. Supported: ${SUPPORTED.join(', ')}`, `AuditEvent?${key}`);
    if (key === 'patient') q.patient = value;
    if (key === 'subtype') q.operation = value.split('|').pop();
    if (key === 'entity-type') q.resourceType = value;
    if (key === 'agent-name') q.username = value;
    if (key === 'date') {
      const m = /^(ge|gt|le|lt|eq)?(.+)$/.exec(value)!;
      const range = rangeOfDateString(m[2]);
      if (!range) throw badRequest(`"${value}" is not a date`, 'AuditEvent?date');
      if (!m[1] || m[1] === 'eq') Object.assign(q, { from: range.lo, to: range.hi });
      else if (m[1] === 'ge' || m[1] === 'gt') q.from = m[1] === 'ge' ? range.lo : range.hi;
      else q.to = m[1] === 'le' ? range.hi : range.lo;
    }
  }
  return q;
}

export function registerAuditEventRoutes(app: FastifyInstance, deps: { db: Db; base: (req: FastifyRequest) => string }): void {
  app.get('/fhir/R4/AuditEvent', async (req, reply) => {
    guard(req);
    const query = new URLSearchParams(req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '');
    const q = auditQueryOf(query);
    const r = await searchAuditLog(deps.db, contextOf(req).tenant, q);
    const base = deps.base(req);
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      total: r.total,
      link: [{ relation: 'self', url: `${base}/AuditEvent?${query}` }],
      entry: r.events.map((e) => ({ fullUrl: `${base}/AuditEvent/${e.seq}`, resource: auditEventOf(e), search: { mode: 'match' as const } })),
    };
    if (q.offset + r.events.length < r.total) {
      const next = new URLSearchParams(query);
      next.set('_offset', String(q.offset + q.limit));
      bundle.link!.push({ relation: 'next', url: `${base}/AuditEvent?${next}` });
    }
    return reply.type(FHIR_JSON).send(bundle);
  });
  app.get<{ Params: { id: string } }>('/fhir/R4/AuditEvent/:id', async (req, reply) => {
    guard(req);
    const seq = Number(req.params.id);
    if (!Number.isInteger(seq) || seq < 1) throw notFound('AuditEvent', req.params.id);
    const r = await searchAuditLog(deps.db, contextOf(req).tenant, { seq, offset: 0, limit: 1 });
    if (!r.events.length) throw notFound('AuditEvent', req.params.id);
    return reply.type(FHIR_JSON).send(auditEventOf(r.events[0]));
  });
  const readOnly = async () => {
    throw new FhirError(405, [{ severity: 'error', code: 'not-supported', diagnostics: 'The audit log is append-only: AuditEvents are written by Allied itself and cannot be created, changed or deleted' }]);
  };
  app.post('/fhir/R4/AuditEvent', readOnly);
  app.put('/fhir/R4/AuditEvent/:id', readOnly);
  app.patch('/fhir/R4/AuditEvent/:id', readOnly);
  app.delete('/fhir/R4/AuditEvent/:id', readOnly);
}
