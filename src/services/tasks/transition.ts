import type { Reference, Task } from '@medplum/fhirtypes';
import { FhirError } from '../../fhir/errors.js';
import type { Repository, RequestContext } from '../../store/repository.js';
import { ServiceError } from '../errors.js';
import { checkTransition } from './state-machine.js';

export interface TransitionInput {
  to: string;
  reason?: string;
  /** the version the user saw; a newer stored version means someone else got there first */
  version: number;
}

/** Refuses an illegal status change of a Task written through any door (app API or FHIR REST). */
export function guardTaskWrite(previous: Task | undefined, next: Task): void {
  if (!previous || previous.status === next.status) return;
  const check = checkTransition(previous.status, next.status, next.statusReason?.text ?? next.statusReason?.coding?.[0]?.code);
  if (!check.ok) throw new ServiceError(check.code!, check.message!, 'status');
}

/**
 * Moves a task through its state machine. Accepting makes the user its owner; two people accepting
 * the same task: the first wins, the second is told who has it.
 */
export async function transitionTask(ctx: RequestContext, repo: Repository, taskId: string, input: TransitionInput, actor: NonNullable<Task['owner']>): Promise<Task> {
  if (!input || typeof input.to !== 'string') throw new ServiceError('invalid', 'Say which status the task goes to ("to")', 'to');
  if (!Number.isInteger(input.version)) throw new ServiceError('invalid', 'Send the task version you saw ("version")', 'version');
  const task = await repo.read<Task>(ctx, 'Task', taskId).catch((e) => {
    if (e instanceof FhirError && (e.status === 404 || e.status === 410)) throw new ServiceError('not-found', `There is no task "${taskId}"`);
    throw e;
  });
  const current = Number(task.meta?.versionId);
  if (current !== input.version) throw conflictFor(task);
  const check = checkTransition(task.status, input.to, input.reason);
  if (!check.ok) throw new ServiceError(check.code!, check.message!, check.code === 'reason-required' ? 'reason' : 'to');
  if (task.owner && referenceKey(task.owner) !== referenceKey(actor) && input.to !== 'cancelled' && task.status !== 'requested') {
    throw new ServiceError('conflict', `This task belongs to ${task.owner.display ?? referenceKey(task.owner)}; ask them or a lead to release it`);
  }
  const now = new Date().toISOString();
  const next: Task = { ...task, status: input.to as Task['status'], lastModified: now };
  if (input.to === 'accepted' || (input.to === 'in-progress' && !task.owner)) next.owner = actor;
  if (input.to === 'requested') delete next.owner;
  if (input.to === 'in-progress' && !task.executionPeriod?.start) next.executionPeriod = { start: now };
  if (input.to === 'completed') next.executionPeriod = { ...task.executionPeriod, end: now };
  if (input.reason?.trim()) next.statusReason = { text: input.reason.trim() };
  else delete next.statusReason;
  try {
    const { resource } = await repo.update(ctx, next, { ifMatch: String(current) });
    return resource;
  } catch (error) {
    if (error instanceof FhirError && error.status === 412) {
      const fresh = await repo.read<Task>(ctx, 'Task', taskId, { audit: false });
      throw conflictFor(fresh);
    }
    throw error;
  }
}

/** One string per person, whether the reference names a Practitioner or a user identifier. */
export function referenceKey(r: Reference): string {
  return r.reference ?? `${r.identifier?.system ?? ''}|${r.identifier?.value ?? ''}`;
}

function conflictFor(task: Task): ServiceError {
  const who = task.owner ? (task.owner.display ?? referenceKey(task.owner)) : undefined;
  return new ServiceError('conflict', who ? `Already claimed by ${who} (now ${task.status}). The list has been refreshed.` : `Someone else changed this task (now ${task.status}). The list has been refreshed.`);
}
