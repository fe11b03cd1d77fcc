/** Receiving desk shapes (docs/api.md, "Phlebotomy": receive and evaluate). */
import type { SpecimenSummary } from '../phlebotomy/models.js';

export const labelStatuses = ['ok', 'unlabeled', 'mismatch_with_order', 'incomplete'] as const;
export type LabelStatus = (typeof labelStatuses)[number];
export const labelStatusLabels: Record<LabelStatus, string> = {
  ok: 'Label OK',
  unlabeled: 'Unlabeled',
  mismatch_with_order: 'Does not match order',
  incomplete: 'Incomplete label',
};

export const hemolysisGrades = ['none', 'slight', 'moderate', 'gross'] as const;
export type Hemolysis = (typeof hemolysisGrades)[number];

export interface Evaluation {
  containerId: string;
  labelStatus: LabelStatus;
  hemolysis?: Hemolysis;
  clotted?: boolean;
  drawnMl?: number;
  volumeMl?: number;
  onIce?: boolean;
  override?: { decision: 'accept' | 'reject'; reason: string };
}

export interface EvaluationResult {
  specimen: SpecimenSummary;
  decision: 'accept' | 'reject';
  reasons: { code: string; message: string }[];
  overridden: boolean;
  recollectTasks: string[];
  /** recollect tasks of an earlier rejection, cancelled because the specimen was accepted after all */
  recollectCancelled?: string[];
}
