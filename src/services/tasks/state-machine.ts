/**
 * The task state machine every worklist shares (FHIR Task.status codes).
 * requested -> accepted -> in-progress -> completed; on-hold, cancelled and failed need a reason.
 */
export type TaskStatus = 'requested' | 'accepted' | 'in-progress' | 'on-hold' | 'completed' | 'cancelled' | 'failed';

export const taskTransitions: Record<TaskStatus, TaskStatus[]> = {
  requested: ['accepted', 'on-hold', 'cancelled', 'failed'],
  accepted: ['in-progress', 'requested', 'on-hold', 'cancelled', 'failed', 'completed'],
  'in-progress': ['completed', 'on-hold', 'cancelled', 'failed'],
  'on-hold': ['accepted', 'in-progress', 'requested', 'cancelled', 'failed'],
  completed: [],
  cancelled: [],
  failed: [],
};

export const reasonRequired: ReadonlySet<TaskStatus> = new Set(['on-hold', 'cancelled', 'failed']);
export const taskStatuses = Object.keys(taskTransitions) as TaskStatus[];

export interface TransitionCheck {
  ok: boolean;
  code?: 'illegal-transition' | 'reason-required' | 'unknown-status';
  message?: string;
}

export function checkTransition(from: string, to: string, reason?: string): TransitionCheck {
  if (!(taskStatuses as string[]).includes(to)) return { ok: false, code: 'unknown-status', message: `"${to}" is not a task status. Use one of: ${taskStatuses.join(', ')}` };
  const allowed = taskTransitions[from as TaskStatus];
  if (!allowed) return { ok: false, code: 'illegal-transition', message: `A task in status "${from}" cannot be changed here` };
  if (!allowed.includes(to as TaskStatus)) {
    const next = allowed.length ? `From "${from}" it can go to: ${allowed.join(', ')}` : `"${from}" is final`;
    return { ok: false, code: 'illegal-transition', message: `A task cannot go from "${from}" to "${to}". ${next}.` };
  }
  if (reasonRequired.has(to as TaskStatus) && !reason?.trim()) return { ok: false, code: 'reason-required', message: `Putting a task "${to}" needs a reason` };
  return { ok: true };
}
