import type { Task } from '@medplum/fhirtypes';
import type { DomainConfig } from '../../domain/index.js';
import type { Repository, RequestContext } from '../../store/repository.js';
import { loadCatalogue } from '../catalogue/store.js';
import { collectionFactsFor, type CollectionFacts } from './collection-worklist.js';
import type { CollectionSettings } from './rounds.js';
import { tubePlanFor, type TubePlan } from './tube-plan.js';

type PlanOrder = TubePlan['orders'][number] & { collection: CollectionFacts | null };

export type CollectionPlan = TubePlan & {
  orders: PlanOrder[];
  /** timed draws whose window is not open (or has passed): not in this draw's tubes, with why */
  later: (PlanOrder & { reason: string })[];
};

/** A timed draw that must not be drawn now: before its window, or after it (unless STAT). */
const notNow = (o: PlanOrder) => o.priority !== 'stat' && (o.collection?.window?.state === 'opens-later' || o.collection?.window?.state === 'missed');

/**
 * The bedside view of a patient's pending draws: the tube plan for what may be drawn now, and per
 * order its timed window, fasting answer and (for urine, swabs, sputum, stool) the collection
 * instructions. Timed draws whose window is not open are left out of the tubes and listed as later,
 * so collecting the 05:00 round does not draw a 07:00 cortisol or a trough before its window.
 */
export async function collectionPlanFor(ctx: RequestContext, repo: Repository, config: DomainConfig, settings: CollectionSettings, patientId: string, opts: { device?: 'needle' | 'winged'; now?: number } = {}): Promise<CollectionPlan> {
  const first = await tubePlanFor(ctx, repo, config, patientId, { device: opts.device });
  const taskIds = first.orders.map((o) => o.taskId).filter((x): x is string => !!x);
  const tasks = taskIds.length ? ((await repo.search(ctx, 'Task', new URLSearchParams({ _id: taskIds.join(','), _count: String(taskIds.length) }), { audit: false })).resources as Task[]) : [];
  const catalogue = await loadCatalogue(repo.db, ctx.tenant);
  const facts = await collectionFactsFor(ctx, repo, settings, catalogue, tasks.map((task) => ({ task, locationIds: [] })), opts.now);
  const all = first.orders.map((o) => ({ ...o, collection: (o.taskId && facts.get(o.taskId)) || null }));
  const later = all.filter(notNow);
  const plan = later.length ? await tubePlanFor(ctx, repo, config, patientId, { device: opts.device, only: new Set(all.filter((o) => !notNow(o)).map((o) => o.id)) }) : first;
  const orders = all.filter((o) => !notNow(o));
  const warnings = [...plan.warnings];
  for (const o of all) {
    const c = o.collection;
    const clock = c?.window?.kind === 'clock';
    if (c?.window?.state === 'missed') warnings.push({ code: 'timed-window-missed', message: `${o.display}: the window (${c.window.label}) has passed. Not in this draw: ${clock ? "draw it in the next day's window, or ask the ordering clinician" : 'tell the nurse so the next level can be timed'}` });
    if (c?.window?.state === 'opens-later') warnings.push({ code: 'timed-window-not-open', message: `${o.display}: ${c.window.stateText} (${c.window.label}). Not in this draw: drawing early gives a ${clock ? 'result the lab cannot read against its morning reference range' : 'level that cannot be read'}` });
    if (c?.windowProblem) warnings.push({ code: 'timed-window-unknown', message: `${o.display}: ${c.windowProblem}` });
    if (c?.fasting && c.fasting.satisfied !== true && orders.includes(o)) warnings.push({ code: c.fasting.status === 'unknown' ? 'fasting-unknown' : 'fasting-not-met', message: `${o.display}: ${c.fasting.text}${c.fasting.consequence ? `. ${c.fasting.consequence}` : ''}` });
  }
  return { ...plan, orders, later: later.map((o) => ({ ...o, reason: o.collection!.window!.state === 'missed' ? `window passed (${o.collection!.window!.label})` : `${o.collection!.window!.stateText} (${o.collection!.window!.label})` })), warnings };
}
