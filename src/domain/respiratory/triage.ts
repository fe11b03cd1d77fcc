import { resolveDomainConfig } from '../config.js';
import { reason, type Reason } from '../reasons.js';
import { fieldsOf, requiredNumber } from '../validate.js';

/*
 * RT protocol triage, DOMAIN.md C.8 (DEFAULT mapping in config, modelled on public RT consult forms
 * [RT-CONSULT-FORM], [ASSESS-TOOL]). The source form left a score of 20 unassigned; it is level 1 here.
 */

export interface RtTriage {
  triage: 1 | 2 | 3 | 4 | 5;
  frequency: string;
  reasons: Reason[];
}

/** Triage level and bronchodilator frequency from the assessment score (higher = worse). */
export function rtTriageFrequency(input: { assessmentScore: number; config?: unknown }): RtTriage {
  const o = fieldsOf(input, 'rtTriageFrequency');
  const cfg = resolveDomainConfig(o.config).respiratory;
  const score = requiredNumber(o, 'assessmentScore', { min: 0, max: cfg.triageMaxScore, integer: true, unit: 'assessment points' });
  const levels = [...cfg.triageLevels].sort((a, b) => b.minScore - a.minScore);
  const level = levels.find((l) => score >= l.minScore) ?? levels[levels.length - 1];
  return {
    triage: level.triage,
    frequency: level.frequency,
    reasons: [reason('TRIAGE_SCORE', `Score ${score} is at or above ${level.minScore}: triage ${level.triage}`, score, level.minScore)],
  };
}
