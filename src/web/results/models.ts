/** The answers of /api/patients/:id/results and /api/notices (server: src/services/results). */

export interface ResultValue {
  id: string;
  code: string | null;
  display: string;
  value: string;
  numeric: number | null;
  unit: string | null;
  low: number | null;
  high: number | null;
  range: string | null;
  flags: string[];
  abnormal: boolean;
  critical: boolean;
  status: string;
  effective: string | null;
  notes: string[];
}

export interface ResultReport {
  id: string;
  code: string | null;
  display: string;
  status: string;
  effective: string | null;
  issued: string | null;
  performer: string | null;
  orderId: string | null;
  conclusion: string | null;
  values: ResultValue[];
  abnormal: number;
  critical: number;
}

export interface TrendPoint {
  at: string;
  value: number;
  flags: string[];
}

export interface ResultTrend {
  code: string;
  display: string;
  unit: string | null;
  low: number | null;
  high: number | null;
  points: TrendPoint[];
}

export interface PatientResults {
  reports: ResultReport[];
  trends: ResultTrend[];
}

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

export interface NoticeList {
  notices: Notice[];
  open: number;
  scope: 'mine' | 'all' | 'none';
  message?: string;
}
