/** The lab interface desk's calls (server/api/interfaces.ts). */
import { http } from '../api.js';
import type { InboxDetail, InboxMessage, MatchResult, OutboxMessage } from './models.js';

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
};
