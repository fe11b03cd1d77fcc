import type { Communication, Patient, Practitioner } from '@medplum/fhirtypes';
import type { Repository, RequestContext } from '../../store/repository.js';
import { systems } from '../../fhir/systems.js';
import { ServiceError } from '../errors.js';

/**
 * Notices to clinicians: critical values from the lab, specimens that must be recollected,
 * rejected specimens. Each is a Communication addressed to the ordering practitioner. The
 * recipient acknowledges it: the time goes into `received` and a note says who, so the notice
 * itself records that the critical value reached a person (read-back documentation).
 */

export interface Notice {
  id: string;
  version: string;
  kind: 'critical' | 'notice';
  priority: string;
  text: string;
  sent: string | null;
  sender: string | null;
  recipients: string[];
  patient: { id: string; name: string; mrn: string | null } | null;
  orderId: string | null;
  acknowledged: { at: string; by: string } | null;
}

const ACK_TEXT = 'Acknowledged';

function patientName(p: Patient): string {
  const n = p.name?.[0];
  return n ? [n.given?.join(' '), n.family].filter(Boolean).join(' ') || n.text || p.id! : p.id!;
}

function practitionerName(p: Practitioner): string {
  const n = p.name?.[0];
  const name = n ? [n.given?.join(' '), n.family].filter(Boolean).join(' ') || n.text : undefined;
  return name ? `${name}${n?.suffix?.length ? `, ${n.suffix.join(', ')}` : ''}` : 'a practitioner';
}

export function noticeOf(c: Communication, patients: Map<string, Patient>, names: Map<string, string> = new Map()): Notice {
  const subject = c.subject?.reference ?? '';
  const p = patients.get(subject);
  const ack = c.received ? (c.note ?? []).find((n) => n.text.startsWith(ACK_TEXT)) : undefined;
  const critical = c.category?.some((k) => k.coding?.some((x) => x.code === 'alert')) ?? false;
  return {
    id: c.id!,
    version: c.meta?.versionId ?? '1',
    kind: critical ? 'critical' : 'notice',
    priority: c.priority ?? 'routine',
    text: c.payload?.map((x) => x.contentString ?? '').filter(Boolean).join('\n') ?? '',
    sent: c.sent ?? null,
    sender: c.sender?.display ?? null,
    recipients: (c.recipient ?? []).map((r) => r.display ?? names.get(r.reference ?? '') ?? r.reference ?? '').filter(Boolean),
    patient: subject.startsWith('Patient/')
      ? { id: subject.slice(8), name: p ? patientName(p) : subject.slice(8), mrn: p?.identifier?.find((i) => i.system === systems.mrn)?.value ?? null }
      : null,
    orderId: c.basedOn?.find((b) => b.reference?.startsWith('ServiceRequest/'))?.reference?.slice('ServiceRequest/'.length) ?? null,
    acknowledged: c.received ? { at: c.received, by: ack?.authorReference?.display ?? ack?.authorString ?? 'unknown' } : null,
  };
}

export interface NoticeQuery {
  /** the practitioner whose notices to list; undefined lists every notice of the tenant (admins) */
  practitionerId?: string;
  open?: boolean;
  limit?: number;
}

/** Notices newest first; `open` leaves out the acknowledged ones. */
export async function listNotices(repo: Repository, ctx: RequestContext, q: NoticeQuery): Promise<{ notices: Notice[]; open: number }> {
  const limit = Math.min(Math.max(q.limit ?? 100, 1), 500);
  const query = new URLSearchParams({ _sort: '-sent', _count: String(limit), _include: 'Communication:subject' });
  query.append('_include', 'Communication:recipient');
  if (q.practitionerId) query.set('recipient', `Practitioner/${q.practitionerId}`);
  else query.set('category', 'alert,notification');
  const r = await repo.search(ctx, 'Communication', query);
  const patients = new Map((r.included.filter((x) => x.resourceType === 'Patient') as Patient[]).map((p) => [`Patient/${p.id}`, p]));
  const names = new Map((r.included.filter((x) => x.resourceType === 'Practitioner') as Practitioner[]).map((p) => [`Practitioner/${p.id}`, practitionerName(p)]));
  const all = (r.resources as Communication[]).map((c) => noticeOf(c, patients, names));
  const open = all.filter((n) => !n.acknowledged).length;
  return { notices: q.open ? all.filter((n) => !n.acknowledged) : all, open };
}

/**
 * The recipient acknowledges a notice. Acknowledging twice changes nothing (the first time
 * stands); someone it was not addressed to is refused; `version` guards against acting on a
 * notice that changed since it was shown.
 */
export async function acknowledgeNotice(
  repo: Repository,
  ctx: RequestContext,
  id: string,
  who: { practitionerId: string | null; display: string },
  version?: string,
): Promise<Notice> {
  const c = await repo.read<Communication>(ctx, 'Communication', id, { audit: false });
  if (!who.practitionerId || !c.recipient?.some((r) => r.reference === `Practitioner/${who.practitionerId}`)) {
    throw new ServiceError('forbidden', 'Only a person the notice is addressed to can acknowledge it');
  }
  const patients = new Map<string, Patient>();
  const subject = c.subject?.reference;
  if (subject?.startsWith('Patient/')) {
    const p = await repo.read<Patient>(ctx, 'Patient', subject.slice(8), { audit: false }).catch(() => undefined);
    if (p) patients.set(subject, p);
  }
  if (c.received) return noticeOf(c, patients);
  if (version !== undefined && version !== c.meta?.versionId) {
    throw new ServiceError('conflict', 'The notice changed since it was shown; reload and acknowledge again');
  }
  const at = new Date().toISOString();
  const updated = await repo.update<Communication>(
    ctx,
    { ...c, received: at, note: [...(c.note ?? []), { authorReference: { reference: `Practitioner/${who.practitionerId}`, display: who.display }, time: at, text: `${ACK_TEXT} by ${who.display}` }] },
    { ifMatch: c.meta?.versionId },
  );
  return noticeOf(updated.resource, patients);
}
