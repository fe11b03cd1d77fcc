/** The lab interface desk's calls (server/api/interfaces.ts). */
import { http } from '../api.js';
import type { ConnectionResult, InboxDetail, InboxMessage, LabList, LabPreview, MatchResult, OutboxMessage, ReferenceLab } from './models.js';

const enc = (id: number) => encodeURIComponent(String(id));

export const interfacesApi = {
  outbox: (status?: string, signal?: AbortSignal) =>
    http.get<{ messages: OutboxMessage[] }>('/api/interfaces/outbox', { status }, signal).then((r) => r.messages),
  resend: (id: number) => http.post<{ id: number; status: string }>(`/api/interfaces/outbox/${enc(id)}/resend`),
  inbox: (status: string, signal?: AbortSignal) =>
    http.get<{ messages: InboxMessage[] }>('/api/interfaces/inbox', { status }, signal).then((r) => r.messages),
  inboxMessage: (id: number, signal?: AbortSignal) => http.get<InboxDetail>(`/api/interfaces/inbox/${enc(id)}`, undefined, signal),
  match: (id: number, patientId: string, serviceRequestIds: string[]) =>
    http.post<MatchResult>(`/api/interfaces/inbox/${enc(id)}/match`, { patientId, serviceRequestIds }),
  reject: (id: number, reason: string) => http.post<{ id: number; status: string }>(`/api/interfaces/inbox/${enc(id)}/reject`, { reason }),
  labs: (signal?: AbortSignal) => http.get<LabList>('/api/interfaces/labs', undefined, signal),
  addLab: (lab: ReferenceLab) => http.post<{ lab: ReferenceLab; labs: ReferenceLab[] }>('/api/interfaces/labs', lab),
  saveLab: (id: string, lab: ReferenceLab) => http.put<{ lab: ReferenceLab; labs: ReferenceLab[] }>(`/api/interfaces/labs/${encodeURIComponent(id)}`, lab),
  /** `moveInHouse` lets the catalogue tests the lab performs go to the in-house lab (else the server refuses, naming them) */
  removeLab: (id: string, moveInHouse: boolean) =>
    http.post<{ labs: ReferenceLab[] }>(`/api/interfaces/labs/${encodeURIComponent(id)}/remove`, { moveInHouse }).then((r) => r.labs),
  /** Replaces the whole list (an exported file); `moveInHouse` as for removeLab, for labs the file leaves out */
  replaceLabs: (labs: unknown, moveInHouse: boolean) =>
    http.put<{ labs: ReferenceLab[] }>(`/api/interfaces/labs${moveInHouse ? '?moveInHouse=true' : ''}`, labs).then((r) => r.labs),
  previewLab: (draft: ReferenceLab) => http.post<LabPreview>('/api/interfaces/labs/preview', draft),
  testConnection: (host: string, port: number) => http.post<ConnectionResult>('/api/interfaces/labs/test-connection', { host, port }),
};
