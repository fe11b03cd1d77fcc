import type { Location, Patient, Task } from '@medplum/fhirtypes';
import { systems } from '../../fhir/systems.js';
import type { Db } from '../../store/db.js';
import { worklistTasks } from '../../store/worklist.js';

export interface WorklistItem {
  taskId: string;
  version: number;
  status: string;
  priority: string;
  due: string | null;
  role: string | null;
  description: string;
  orderId: string | null;
  orderCode: string | null;
  orderDisplay: string | null;
  patient: { id: string; name: string; mrn: string | null; birthDate: string | null; gender: string | null } | null;
  location: { id: string; name: string } | null;
  owner: { id: string; display: string } | null;
  statusReason: string | null;
}

export function patientSummary(p: Patient) {
  const n = p.name?.[0];
  return {
    id: p.id!,
    name: n ? [n.given?.join(' '), n.family].filter(Boolean).join(' ') : 'Unknown',
    mrn: p.identifier?.find((i) => i.system === systems.mrn)?.value ?? null,
    birthDate: p.birthDate ?? null,
    gender: p.gender ?? null,
  };
}

export function worklistItem(task: Task, patient: Patient | null, location: Location | null = null): WorklistItem {
  const order = task.basedOn?.[0]?.reference ?? task.focus?.reference ?? null;
  const loc = task.location?.reference;
  return {
    taskId: task.id!,
    version: Number(task.meta?.versionId ?? 0),
    status: task.status,
    priority: task.priority ?? 'routine',
    due: task.restriction?.period?.end ?? null,
    role: task.performerType?.[0]?.coding?.[0]?.code ?? null,
    description: task.description ?? '',
    orderId: order?.startsWith('ServiceRequest/') ? order.slice('ServiceRequest/'.length) : null,
    orderCode: null,
    orderDisplay: task.focus?.display ?? null,
    patient: patient ? patientSummary(patient) : null,
    location: loc ? { id: loc.split('/')[1], name: location?.name ?? task.location?.display ?? loc } : null,
    owner: task.owner ? { id: task.owner.reference ?? task.owner.identifier?.value ?? '', display: task.owner.display ?? task.owner.reference ?? task.owner.identifier?.value ?? '' } : null,
    statusReason: task.statusReason?.text ?? null,
  };
}

export async function roleWorklist(db: Db, tenant: string, role: string, opts: { location?: string; limit?: number } = {}): Promise<WorklistItem[]> {
  const rows = await worklistTasks(db, tenant, role, opts);
  return rows.map((r) => worklistItem(r.task, r.patient, r.location));
}
