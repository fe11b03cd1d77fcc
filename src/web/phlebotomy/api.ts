/** The phlebotomy calls of the app API (docs/api.md, "Phlebotomy"). */
import { http, withQuery } from '../api.js';
import type { CollectionRecord, Device, DispatchResult, Identification, PendingSpecimen, SpecimenSummary, TubePlan, UnableResult } from './models.js';

const enc = encodeURIComponent;

export const phlebotomyApi = {
  tubePlan: (patientId: string, device: Device, signal?: AbortSignal) =>
    http.get<TubePlan>(`/api/patients/${enc(patientId)}/tube-plan`, { device }, signal),
  identify: (who: Identification) => http.post<{ match: true }>('/api/collection/identify', who),
  collect: (who: Identification & { device: Device; taskIds?: string[] }) =>
    http.post<{ specimens: SpecimenSummary[]; tasks: { id: string; status: string }[] }>('/api/collection/collect', who),
  document: (record: CollectionRecord) =>
    http.post<{ specimens: SpecimenSummary[]; charge: { id: string; code: string } | null }>('/api/collection/document', record),
  unable: (taskIds: string[], reason: string) => http.post<UnableResult>('/api/collection/unable', { taskIds, reason }),
  specimensOf: (patientId: string, signal?: AbortSignal) =>
    http.get<{ specimens: SpecimenSummary[] }>('/api/specimens', { patient: patientId }, signal).then((r) => r.specimens),
  byLabel: (containerId: string) => http.get<SpecimenSummary>(`/api/specimens/by-label/${enc(containerId)}`),
  pendingDispatch: (signal?: AbortSignal) => http.get<{ specimens: PendingSpecimen[] }>('/api/specimens/pending-dispatch', undefined, signal).then((r) => r.specimens),
  dispatch: (containerIds: string[], courier: string) => http.post<DispatchResult>('/api/specimens/dispatch', { containerIds, courier }),
};

/** The label PDF (one 2x1 in label per page) for specimens; opening it prints (a reprint after the first). */
export const labelsPdfUrl = (specimenIds: string[], copies = 1) => withQuery('/api/specimens/labels.pdf', { ids: specimenIds.join(','), copies });
/** ZPL II for Zebra printers. */
export const labelsZplUrl = (specimenIds: string[], copies = 1) => withQuery('/api/specimens/labels.zpl', { ids: specimenIds.join(','), copies });
