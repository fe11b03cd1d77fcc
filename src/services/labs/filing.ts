import { createHash, randomUUID } from 'node:crypto';
import type { Communication, DiagnosticReport, Observation, Organization, Reference, Resource, ServiceRequest } from '@medplum/fhirtypes';
import { DEFAULT_CRITICAL_FLAGS, labResultToFhir, parseHl7Message, readLabResult, type LabResult, type ResultLinks } from '../../interop/hl7v2/index.js';
import { FhirError } from '../../fhir/errors.js';
import { systems } from '../../fhir/systems.js';
import type { Db } from '../../store/db.js';
import { claimReceived, setInboxStatuses, type InboxRow } from '../../store/inbox.js';
import type { Repository, RequestContext } from '../../store/repository.js';
import { ServiceError } from '../errors.js';
import { writeMany, type BulkWrite } from './bulk-write.js';
import { HL7_CHANNEL, PLACER_SYSTEM } from './orders-out.js';
import { referenceLabsOf, type ReferenceLab } from './reference-labs.js';

export const FILLER_SYSTEM = 'urn:allied:lab-filler-order';
export const LAB_SENDER = { identifier: { system: systems.username, value: 'lab-interface' }, display: 'Reference lab interface' };
/** one filer at a time across all server processes: results are filed in the order they were stored */
const FILER_LOCK = 7_042_010;

export const labInterfaceContext = (tenant: string, source?: string | null): RequestContext => ({ tenant, user: { id: 'lab-interface', username: LAB_SENDER.identifier.value, role: 'lab' }, ...(source ? { source } : {}) });

export interface FilingRound {
  /** another process is filing right now */
  busy: boolean;
  /** messages taken from the inbox */
  claimed: number;
  filed: number;
  parked: number;
  /** messages that could not be filed (kept for a person, with the reason) */
  failed: number;
  /** messages left waiting because an earlier one in the round touches the same result */
  deferred: number;
}

type Row = Pick<InboxRow, 'id' | 'tenant' | 'source' | 'raw'>;

/**
 * One round of filing: takes up to `limit` stored, not yet filed results (oldest first) and files
 * them in one transaction: Observations and DiagnosticReports linked to order and specimen, a
 * correction replacing what it corrects, critical values to the ordering clinician, orders
 * completed, and each inbox row marked processed, or parked for a person when patient or order
 * cannot be found. A crash before the commit leaves them all waiting, to be filed on the next start.
 * When the round fails as a whole, its messages are filed one by one so one bad message cannot hold
 * up the others; one that still fails is kept with the reason for a person.
 */
export async function fileWaitingResults(repo: Repository, opts: { limit?: number; onlyIds?: number[] } = {}): Promise<FilingRound> {
  let claimed: number[] = [];
  try {
    return await repo.transaction(async (tx) => {
      // The inbox rows were committed durably before the ACK. This transaction files them and marks
      // them processed together, so it need not wait for its own flush to disk: if the database
      // crashes first, the whole round is gone at once and the rows are simply filed again.
      await tx.db.query('SET LOCAL synchronous_commit = off');
      if (opts.onlyIds) await tx.db.query('SELECT pg_advisory_xact_lock($1)', [FILER_LOCK]);
      else if (!(await tx.db.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [FILER_LOCK])).rows[0]?.ok) return { busy: true, claimed: 0, filed: 0, parked: 0, failed: 0, deferred: 0 };
      const rows = opts.onlyIds ? await claimIds(tx.db, opts.onlyIds) : await claimReceived(tx.db, HL7_CHANNEL, opts.limit ?? 200);
      claimed = rows.map((r) => r.id);
      return fileRows(tx, rows);
    });
  } catch (error) {
    if (claimed.length > 1) {
      const total: FilingRound = { busy: false, claimed: claimed.length, filed: 0, parked: 0, failed: 0, deferred: 0 };
      for (const id of claimed) {
        const r = await fileWaitingResults(repo, { onlyIds: [id] });
        total.filed += r.filed;
        total.parked += r.parked;
        total.failed += r.failed;
      }
      return total;
    }
    if (claimed.length === 1 && (error instanceof FhirError || error instanceof ServiceError)) {
      // the message itself cannot be filed: keep it for a person, with the reason
      await setInboxStatuses(repo.db, [{ id: claimed[0], status: 'error', error: `Could not be filed: ${error.message}` }]);
      return { busy: false, claimed: 1, filed: 0, parked: 0, failed: 1, deferred: 0 };
    }
    throw error; // the database is unwell: everything stays waiting, to be tried again
  }
}

async function claimIds(tx: Db, ids: number[]): Promise<Row[]> {
  const r = await tx.query<Row>(`SELECT id, tenant, source, raw FROM inbox WHERE id = ANY($1::bigint[]) AND status = 'received' ORDER BY id FOR UPDATE`, [ids]);
  return r.rows.map((row) => ({ ...row, id: Number(row.id) }));
}

type StoredOrder = ServiceRequest & { id: string; version: number };

interface Prepared {
  row: Row;
  ctx: RequestContext;
  result: LabResult;
  links?: ResultLinks;
  orders: (StoredOrder | undefined)[];
  problem?: string;
  resources: (Observation | DiagnosticReport)[];
}

async function fileRows(tx: Repository, rows: Row[]): Promise<FilingRound> {
  const round: FilingRound = { busy: false, claimed: rows.length, filed: 0, parked: 0, failed: 0, deferred: 0 };
  if (!rows.length) return round;
  const statuses: { id: number; status: InboxRow['status']; error: string | null }[] = [];
  const flagsOf = new Map<string, Set<string>>();
  const labsOf = new Map<string, ReferenceLab[]>(); // per organisation, read once a round
  const prepared: Prepared[] = [];
  for (const row of rows) {
    const read = readStored(row);
    if (!read.ok) {
      // kept for a person with the reason (arrival refuses what is not an ORU^R01, so this is rare)
      statuses.push({ id: row.id, status: 'error', error: read.error });
      round.failed++;
      continue;
    }
    const result = read.result;
    let flags = flagsOf.get(row.tenant);
    if (!flags) {
      const labs = await referenceLabsOf(tx.db, row.tenant);
      labsOf.set(row.tenant, labs);
      flags = new Set([...DEFAULT_CRITICAL_FLAGS, ...labs.flatMap((l) => l.profile.criticalFlags ?? [])]);
      flagsOf.set(row.tenant, flags);
    }
    for (const o of result.orders) for (const x of [...o.observations, ...o.specimens.flatMap((s) => s.observations)]) x.critical ||= x.abnormalFlags.some((f) => flags.has(f));
    prepared.push({ row, ctx: labInterfaceContext(row.tenant, row.source), result, orders: [], resources: [] });
  }

  // patient, orders and specimens of every message: one query per organisation
  for (const tenant of new Set(prepared.map((p) => p.row.tenant))) await resolveAll(tx.db, tenant, prepared.filter((p) => p.row.tenant === tenant), labsOf.get(tenant) ?? []);

  // build; a message touching a result an earlier one in this round touches waits for the next round
  const touched = new Set<string>();
  const toFile: Prepared[] = [];
  for (const p of prepared) {
    if (!p.links) {
      statuses.push({ id: p.row.id, status: 'error', error: `Parked for matching: ${p.problem}` });
      round.parked++;
      continue;
    }
    const fhir = labResultToFhir(p.result, { ...p.links, fillerSystem: FILLER_SYSTEM });
    p.resources = [...fhir.observations, ...fhir.reports];
    const keys = p.resources.map((r) => `${p.row.tenant}|${r.resourceType}|${fillerOf(r) ?? r.id}`);
    if (keys.some((k) => touched.has(k))) {
      round.deferred = prepared.length - prepared.indexOf(p);
      break;
    }
    keys.forEach((k) => touched.add(k));
    toFile.push(p);
  }

  await writeFiled(tx, toFile);
  for (const p of toFile) {
    statuses.push({ id: p.row.id, status: 'processed', error: null });
    round.filed++;
  }
  await setInboxStatuses(tx.db, statuses);
  return round;
}

/**
 * The result of a stored message, read from its raw text. Arrival only checks that it is an ORU^R01
 * and keeps nothing: holding thousands of parsed messages until filing cost more (garbage
 * collection) than parsing them again here.
 */
function readStored(row: Row): { ok: true; result: LabResult } | { ok: false; error: string } {
  try {
    const parsed = parseHl7Message(row.raw);
    if (!parsed.ok) return { ok: false, error: parsed.error.message };
    const read = readLabResult(parsed.message);
    return read.ok ? { ok: true, result: read.result } : { ok: false, error: read.error.message };
  } catch (error) {
    // the reader turns what it cannot read into warnings; should it throw, the message waits for a person, not the round
    return { ok: false, error: `Could not be read: ${(error as Error).message}` };
  }
}

/**
 * A result a person matched to a patient and orders in the error queue, filed the same way as
 * one matched on arrival (in the caller's transaction).
 */
export async function fileMatchedResult(tx: Repository, ctx: RequestContext, inboxId: number, result: LabResult, links: ResultLinks, orders: ServiceRequest[]): Promise<{ observations: number; reports: number; critical: number }> {
  const flags = new Set([...DEFAULT_CRITICAL_FLAGS, ...(await referenceLabsOf(tx.db, ctx.tenant)).flatMap((l) => l.profile.criticalFlags ?? [])]);
  for (const o of result.orders) for (const x of [...o.observations, ...o.specimens.flatMap((s) => s.observations)]) x.critical ||= x.abnormalFlags.some((f) => flags.has(f));
  const fhir = labResultToFhir(result, { ...links, fillerSystem: FILLER_SYSTEM });
  const p: Prepared = {
    row: { id: inboxId, tenant: ctx.tenant, source: null, raw: '' },
    ctx,
    result,
    links,
    orders: orders.map((o) => ({ ...o, id: o.id!, version: Number(o.meta?.versionId ?? 1) })),
    resources: [...fhir.observations, ...fhir.reports],
  };
  const { critical } = await writeFiled(tx, [p]);
  return { observations: fhir.observations.length, reports: fhir.reports.length, critical };
}

/** Writes the results of messages already matched: ids, corrections in place, critical notices, orders completed. */
async function writeFiled(tx: Repository, toFile: Prepared[]): Promise<{ critical: number }> {
  // A result's id follows from its filler identifier, so a later message about the same result
  // (final after preliminary, a correction) finds it by primary key and replaces it in place.
  const bundleIds = new Map<Prepared, Map<string, Observation | DiagnosticReport>>();
  for (const p of toFile) {
    const byBundleId = new Map<string, Observation | DiagnosticReport>();
    const used = new Set<string>();
    for (const r of p.resources) {
      byBundleId.set(`urn:uuid:${r.id}`, r);
      const filler = fillerOf(r);
      const id = filler ? resultId(p.row.tenant, r.resourceType, filler) : randomUUID();
      // the same test twice in one message (same OBX-3 and OBX-4): the second is a result of its own
      r.id = used.has(id) ? randomUUID() : id;
      used.add(r.id);
    }
    bundleIds.set(p, byBundleId);
  }
  const prior = await priorResults(tx.db, toFile);
  for (const p of toFile) {
    for (const r of p.resources) {
      const before = prior.get(`${p.row.tenant}|${r.resourceType}|${r.id}`) ?? prior.get(`${p.row.tenant}|${r.resourceType}|${fillerOf(r)}`);
      if (before) r.id = before.content.id; // filed before ids followed identifiers
    }
    const byBundleId = bundleIds.get(p)!;
    for (const r of p.resources) {
      if (r.resourceType === 'DiagnosticReport' && r.result) r.result = r.result.map((ref) => ({ reference: byBundleId.has(ref.reference ?? '') ? `Observation/${byBundleId.get(ref.reference!)!.id}` : ref.reference }));
    }
  }
  const writes: BulkWrite[] = [];
  let critical = 0;
  const completed = new Set<string>();
  for (const p of toFile) {
    for (const r of p.resources) {
      const before = prior.get(`${p.row.tenant}|${r.resourceType}|${r.id}`);
      // built by labResultToFhir, whose output the hl7v2 corpus and fuzz tests hold to FHIR validity
      writes.push({ ctx: p.ctx, resource: r, previous: before, trusted: true });
    }
    for (const n of criticalNotices(p)) {
      writes.push({ ctx: p.ctx, resource: n });
      critical++;
    }
    for (const [i, sr] of p.orders.entries()) {
      if (!sr || completed.has(sr.id) || sr.status !== 'active' || !['F', 'C'].includes(p.result.orders[i].status)) continue;
      completed.add(sr.id);
      const { version, ...content } = sr;
      writes.push({ ctx: p.ctx, resource: { ...content, status: 'completed' }, previous: { version, content } });
    }
  }
  await writeMany(tx, writes);
  return { critical };
}


/** The id of the Observation or DiagnosticReport for a filler identifier (UUID-shaped, stable). */
export function resultId(tenant: string, type: string, filler: string): string {
  const h = createHash('sha256').update(`${tenant}\u0000${type}\u0000${FILLER_SYSTEM}|${filler}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

const fillerOf = (r: Observation | DiagnosticReport): string | undefined => r.identifier?.find((i) => i.system === FILLER_SYSTEM)?.value;

/**
 * The lab that performed a result, for the chart: the configured reference lab whose id, name or
 * facility/application (as we address it in MSH-5/6) is the message's MSH-3 or MSH-4, else MSH-4 as sent.
 */
export function performerOf(labs: ReferenceLab[], result: Pick<LabResult, 'sendingFacility' | 'sendingApplication'>): Reference<Organization> | undefined {
  const sent = [result.sendingFacility, result.sendingApplication].map((x) => x.trim().toUpperCase()).filter((x) => x !== '');
  const lab = labs.find((l) => [l.id, l.name, ...(l.profile.receivingFacility ?? []), ...(l.profile.receivingApplication ?? [])].some((x) => typeof x === 'string' && x !== 'LAB' && sent.includes(x.trim().toUpperCase())));
  if (lab) return { ...(lab.organizationId ? { reference: `Organization/${lab.organizationId}` } : {}), display: lab.name };
  const facility = result.sendingFacility.trim();
  return facility ? { display: facility } : undefined;
}

/** Patient (PID-3, exactly one match), order per OBR (OBR-2 placer number) and specimen (SPM-2, else the order's latest), for each message, in one query. */
async function resolveAll(db: Db, tenant: string, list: Prepared[], labs: ReferenceLab[]): Promise<void> {
  const patientKeys = new Set<string>();
  const orderKeys = new Set<string>();
  const specimenKeys = new Set<string>();
  for (const p of list) {
    for (const id of p.result.patients[0]?.identifiers ?? []) patientKeys.add(`${systems.mrn}|${id.value}`);
    for (const o of p.result.orders) {
      if (o.placerOrderNumber?.value) orderKeys.add(`${PLACER_SYSTEM}|${o.placerOrderNumber.value}`);
      if (o.specimens[0]?.placerId) specimenKeys.add(`${systems.accession}|${o.specimens[0].placerId}`);
    }
  }
  const r = await db.query<{ k: string; id: string; keys: string[] | null; content: any; at: string | null }>(
    `WITH sr AS (SELECT id, version, sp_identifier, content FROM res_servicerequest WHERE tenant = $1 AND NOT deleted AND sp_identifier && $3::text[])
     SELECT 'P' AS k, id, sp_identifier AS keys, NULL::jsonb AS content, NULL::text AS at FROM res_patient WHERE tenant = $1 AND NOT deleted AND sp_identifier && $2::text[]
     UNION ALL SELECT 'SR', id, sp_identifier, content, version::text FROM sr
     UNION ALL SELECT 'S', id, sp_identifier, NULL, NULL FROM res_specimen WHERE tenant = $1 AND NOT deleted AND sp_identifier && $4::text[]
     UNION ALL SELECT 'SQ', id, sp_request, NULL, sp_collected_lo::text FROM res_specimen
       WHERE tenant = $1 AND NOT deleted AND sp_request && (SELECT coalesce(array_agg('ServiceRequest/' || id), '{}') FROM sr)`,
    [tenant, [...patientKeys], [...orderKeys], [...specimenKeys]],
  );
  const patients = new Map<string, string[]>();
  const orders = new Map<string, StoredOrder>();
  const specimens = new Map<string, string>();
  const latestSpecimen = new Map<string, { id: string; at: string | null }>();
  for (const row of r.rows) {
    for (const key of row.keys ?? []) {
      if (row.k === 'P' && patientKeys.has(key)) patients.set(key, [...(patients.get(key) ?? []), row.id]);
      else if (row.k === 'SR' && orderKeys.has(key) && !orders.has(key)) orders.set(key, { ...row.content, id: row.id, version: Number(row.at) });
      else if (row.k === 'S' && specimenKeys.has(key) && !specimens.has(key)) specimens.set(key, row.id);
      else if (row.k === 'SQ' && key.startsWith('ServiceRequest/')) {
        const sr = key.slice('ServiceRequest/'.length);
        const seen = latestSpecimen.get(sr);
        if (!seen || (row.at !== null && (seen.at === null || row.at > seen.at))) latestSpecimen.set(sr, { id: row.id, at: row.at });
      }
    }
  }
  for (const p of list) {
    const pid = p.result.patients[0];
    let patient: string | undefined;
    for (const id of pid?.identifiers ?? []) {
      const found = patients.get(`${systems.mrn}|${id.value}`) ?? [];
      if (found.length === 1) {
        patient = found[0];
        break;
      }
    }
    const links: NonNullable<ResultLinks['orders']> = [];
    for (const o of p.result.orders) {
      const sr = o.placerOrderNumber?.value ? orders.get(`${PLACER_SYSTEM}|${o.placerOrderNumber.value}`) : undefined;
      p.orders.push(sr);
      const spmId = o.specimens[0]?.placerId;
      const specimen = (spmId ? specimens.get(`${systems.accession}|${spmId}`) : undefined) ?? (sr ? latestSpecimen.get(sr.id!)?.id : undefined);
      links.push({ serviceRequest: sr ? { reference: `ServiceRequest/${sr.id}` } : undefined, specimen: specimen ? { reference: `Specimen/${specimen}` } : undefined });
    }
    if (!patient) {
      p.problem = `No patient with MRN ${pid?.identifiers.map((i) => i.value).join(' / ') || '(none sent)'}`;
      continue;
    }
    const missing = p.result.orders.map((o, i) => (p.orders[i] ? null : o.placerOrderNumber?.value || '(no placer number)')).filter((x) => x !== null);
    if (missing.length) {
      p.problem = `No order ${missing.join(', ')} (OBR-2) on file`;
      continue;
    }
    const wrong = p.orders.find((sr) => sr?.subject?.reference !== `Patient/${patient}`);
    if (wrong) {
      p.problem = `Order ${wrong.identifier?.find((i) => i.system === PLACER_SYSTEM)?.value} belongs to another patient than PID-3`;
      continue;
    }
    const performer = performerOf(labs, p.result);
    p.links = { patient: { reference: `Patient/${patient}` }, orders: links, ...(performer ? { performer } : {}) };
  }
}

/**
 * Results already on file that this round replaces: by primary key (the id follows from the filler
 * identifier) and, for corrections only, also by identifier (results filed before ids followed
 * identifiers). Keyed "tenant|type|id" and "tenant|type|filler identifier".
 */
async function priorResults(db: Db, list: Prepared[]): Promise<Map<string, { version: number; content: Resource }>> {
  const out = new Map<string, { version: number; content: Resource }>();
  for (const tenant of new Set(list.map((p) => p.row.tenant))) {
    const mine = list.filter((p) => p.row.tenant === tenant);
    const ids = mine.flatMap((p) => p.resources.map((r) => r.id!));
    const corrections = mine.filter((p) => p.result.orders.some((o) => o.status === 'C' || o.observations.some((x) => x.status === 'C')));
    const idents = [...new Set(corrections.flatMap((p) => p.resources.map(fillerOf).filter((v): v is string => !!v).map((v) => `${FILLER_SYSTEM}|${v}`)))];
    const r = await db.query<{ t: string; version: number; content: Resource; keys: string[] | null }>(
      `SELECT 'Observation' AS t, version, content, sp_identifier AS keys FROM res_observation WHERE tenant = $1 AND NOT deleted AND (id = ANY($2::text[]) OR ($3::text[] <> '{}' AND sp_identifier && $3::text[]))
       UNION ALL SELECT 'DiagnosticReport', version, content, sp_identifier FROM res_diagnosticreport WHERE tenant = $1 AND NOT deleted AND (id = ANY($2::text[]) OR ($3::text[] <> '{}' AND sp_identifier && $3::text[]))`,
      [tenant, ids, idents],
    );
    for (const row of r.rows) {
      const found = { version: Number(row.version), content: row.content };
      out.set(`${tenant}|${row.t}|${row.content.id}`, found);
      for (const k of row.keys ?? []) if (k.startsWith(`${FILLER_SYSTEM}|`)) out.set(`${tenant}|${row.t}|${k.slice(FILLER_SYSTEM.length + 1)}`, found);
    }
  }
  return out;
}

/** Critical values: a notice to the ordering clinician, at once. */
export function criticalNotices(p: { result: LabResult; links?: ResultLinks; orders: (ServiceRequest | undefined)[] }): Communication[] {
  const critical = p.result.orders.flatMap((o, i) => [...o.observations, ...o.specimens.flatMap((s) => s.observations)].filter((x) => x.critical).map((x) => ({ x, sr: p.orders[i] })));
  const sent = new Date().toISOString();
  return critical.map(({ x, sr }) => {
    const value = x.values.map((v) => ('value' in v && v.value !== undefined ? v.value : 'text' in v ? v.text : 'raw' in v ? v.raw : '')).join(' ');
    return {
      resourceType: 'Communication',
      id: randomUUID(),
      status: 'completed',
      priority: 'stat',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/communication-category', code: 'alert' }], text: 'Critical lab value' }],
      subject: p.links?.patient,
      ...(sr ? { about: [{ reference: `ServiceRequest/${sr.id}` }], basedOn: [{ reference: `ServiceRequest/${sr.id}` }] } : {}),
      ...(sr?.requester ? { recipient: [sr.requester] } : {}),
      sender: LAB_SENDER,
      sent,
      payload: [{ contentString: `CRITICAL: ${x.code?.display ?? x.code?.code ?? 'result'} ${value} ${x.units?.code ?? ''} (${x.abnormalFlags.join(',')}${x.referenceRange ? `; ref ${x.referenceRange.text}` : ''})`.replace(/\s+/g, ' ').trim() }],
    } satisfies Communication;
  });
}
