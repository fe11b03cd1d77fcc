/**
 * The answers of /api/patients/:id/results and /api/notices: the server's own types
 * (src/services/results), imported as types only, so nothing of the server enters the bundle.
 */
export type { PatientResults, ResultReport, ResultTrend, ResultValue, TrendPoint } from '../../services/results/results.js';
export type { Notice } from '../../services/results/notices.js';
import type { Notice } from '../../services/results/notices.js';

export interface NoticeList {
  notices: Notice[];
  open: number;
  scope: 'mine' | 'all' | 'none';
  message?: string;
}
