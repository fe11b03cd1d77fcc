/** The receiving desk's calls (docs/api.md, "Phlebotomy"). */
import { http } from '../api.js';
import type { SpecimenSummary } from '../phlebotomy/models.js';
import type { Evaluation, EvaluationResult } from './models.js';

export const labApi = {
  receive: (containerId: string) => http.post<SpecimenSummary>('/api/specimens/receive', { containerId }),
  byLabel: (containerId: string) => http.get<SpecimenSummary>(`/api/specimens/by-label/${encodeURIComponent(containerId)}`),
  evaluate: (evaluation: Evaluation) => http.post<EvaluationResult>('/api/specimens/evaluate', evaluation),
};
