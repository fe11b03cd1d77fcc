/**
 * The buttons a worklist row offers: the legal next steps of the task state machine
 * (requested -> accepted -> in-progress -> completed; on-hold, cancelled, failed need a reason).
 * The server checks every transition again; this only decides what to show.
 */
export interface NextStep {
  to: 'accepted' | 'in-progress' | 'completed' | 'on-hold' | 'cancelled';
  label: string;
  needsReason: boolean;
  tone: 'primary' | 'plain' | 'danger';
}

const accept: NextStep = { to: 'accepted', label: 'Accept', needsReason: false, tone: 'primary' };
const start: NextStep = { to: 'in-progress', label: 'Start', needsReason: false, tone: 'primary' };
const complete: NextStep = { to: 'completed', label: 'Complete', needsReason: false, tone: 'primary' };
const hold: NextStep = { to: 'on-hold', label: 'Hold', needsReason: true, tone: 'plain' };
const cancel: NextStep = { to: 'cancelled', label: 'Cancel', needsReason: true, tone: 'danger' };
const resume: NextStep = { to: 'accepted', label: 'Resume', needsReason: false, tone: 'primary' };

const steps: Record<string, NextStep[]> = {
  requested: [accept, hold, cancel],
  accepted: [start, { ...complete, tone: 'plain' }, hold, cancel],
  'in-progress': [complete, hold, cancel],
  'on-hold': [resume, cancel],
};

export function nextSteps(status: string): NextStep[] {
  return steps[status] ?? [];
}

/** Past tense for the confirmation line ("Accepted", "Put on hold"). */
export function doneLabel(to: NextStep['to']): string {
  return { accepted: 'Accepted', 'in-progress': 'Started', completed: 'Completed', 'on-hold': 'Put on hold', cancelled: 'Cancelled' }[to];
}
