import { http, withQuery } from '../api.js';
import type { Notice, NoticeList, PatientResults } from './models.js';

const enc = encodeURIComponent;

export const resultsApi = {
  patientResults: (patientId: string, signal?: AbortSignal) => http.get<PatientResults>(`/api/patients/${enc(patientId)}/results`, undefined, signal),
  notices: (status: 'open' | 'all', signal?: AbortSignal) => http.get<NoticeList>('/api/notices', { status }, signal),
  acknowledge: (id: string, version: string) => http.post<Notice>(`/api/notices/${enc(id)}/acknowledge`, { version }),
  streamUrl: () => withQuery('/api/notices/stream'),
};
