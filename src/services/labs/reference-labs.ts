import { DEFAULT_ORM_PROFILE, type LabProfile } from '../../interop/hl7v2/index.js';
import type { Db } from '../../store/db.js';
import { getSetting, putSetting } from '../../store/settings.js';
import { ServiceError } from '../errors.js';

/** An independent reference lab Allied exchanges orders and results with (per-organisation setting). */
export interface ReferenceLab {
  id: string;
  name: string;
  /** where its MLLP listener is */
  host: string;
  port: number;
  /** the Organization resource of the lab, as performer of its results */
  organizationId?: string;
  /** our orderable codes sent to this lab (e.g. "LAB-PSA") */
  orderables: string[];
  profile: LabProfile;
  ackTimeoutMs?: number;
  /** automatic tries for timeouts and refused connections before a person must resend (default 5) */
  maxAttempts?: number;
}

const KEY = 'reference-labs';

export async function referenceLabsOf(db: Db, tenant: string): Promise<ReferenceLab[]> {
  return (await getSetting<ReferenceLab[]>(db, tenant, KEY)) ?? [];
}

export async function setReferenceLabs(db: Db, tenant: string, labs: unknown): Promise<ReferenceLab[]> {
  if (!Array.isArray(labs)) throw new ServiceError('invalid', 'Send a list of reference labs');
  const out: ReferenceLab[] = labs.map((raw, i) => {
    const l = raw as Partial<ReferenceLab>;
    const at = (f: string) => `[${i}].${f}`;
    if (!l.id || !/^[A-Za-z0-9_-]{1,32}$/.test(l.id)) throw new ServiceError('invalid', 'Each lab needs an id (letters, digits, _ or -)', at('id'));
    if (!l.name) throw new ServiceError('invalid', 'Each lab needs a name', at('name'));
    if (!l.host) throw new ServiceError('invalid', 'Each lab needs the host of its MLLP listener', at('host'));
    if (!Number.isInteger(l.port) || l.port! < 1 || l.port! > 65535) throw new ServiceError('invalid', 'port must be 1-65535', at('port'));
    if (!Array.isArray(l.orderables)) throw new ServiceError('invalid', 'orderables lists the orderable codes sent to this lab', at('orderables'));
    return { ...l, profile: { ...DEFAULT_ORM_PROFILE, ...(l.profile ?? {}), id: l.profile?.id ?? l.id } } as ReferenceLab;
  });
  await putSetting(db, tenant, KEY, out);
  return out;
}

export function labFor(labs: ReferenceLab[], orderableCode: string | undefined): ReferenceLab | undefined {
  return orderableCode ? labs.find((l) => l.orderables.includes(orderableCode)) : undefined;
}
