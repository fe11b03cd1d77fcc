import type { Task } from '@medplum/fhirtypes';
import type { DomainConfig } from '../../domain/index.js';
import type { Repository, RequestContext } from '../../store/repository.js';
import { loadCatalogue } from '../catalogue/store.js';
import { collectionFactsFor, type CollectionFacts } from './collection-worklist.js';
import type { CollectionSettings } from './rounds.js';
import { tubePlanFor, type TubePlan } from './tube-plan.js';

export type CollectionPlan = TubePlan & {
  orders: (TubePlan['orders'][number] & { collection: CollectionFacts | null })[];
};

/**
 * The bedside view of a patient's pending draws: the tube plan, and per order its timed window,
 * fasting answer and (for urine, swabs, sputum, stool) the collection instructions.
 */
export async function collectionPlanFor(ctx: RequestContext, repo: Repository, config: DomainConfig, settings: CollectionSettings, patientId: string, opts: { device?: 'needle' | 'winged'; now?: number } = {}): Promise<CollectionPlan> {
  const plan = await tubePlanFor(ctx, repo, config, patientId, { device: opts.device });
  const taskIds = plan.orders.map((o) => o.taskId).filter((x): x is string => !!x);
  const tasks = taskIds.length ? ((await repo.search(ctx, 'Task', new URLSearchParams({ _id: taskIds.join(','), _count: String(taskIds.length) }), { audit: false })).resources as Task[]) : [];
  const catalogue = await loadCatalogue(repo.db, ctx.tenant);
  const facts = await collectionFactsFor(ctx, repo, settings, catalogue, tasks.map((task) => ({ task, locationIds: [] })), opts.now);
  const orders = plan.orders.map((o) => ({ ...o, collection: (o.taskId && facts.get(o.taskId)) || null }));
  const warnings = [...plan.warnings];
  for (const o of orders) {
    const c = o.collection;
    const clock = c?.window?.kind === 'clock';
    if (c?.window?.state === 'missed') warnings.push({ code: 'timed-window-missed', message: `${o.display}: the window (${c.window.label}) has passed. Do not draw it late: ${clock ? "draw it in the next day's window, or ask the ordering clinician" : 'tell the nurse so the next level can be timed'}` });
    if (c?.window?.state === 'opens-later') warnings.push({ code: 'timed-window-not-open', message: `${o.display}: ${c.window.stateText} (${c.window.label}); drawing early gives a ${clock ? 'result the lab cannot read against its morning reference range' : 'level that cannot be read'}` });
    if (c?.windowProblem) warnings.push({ code: 'timed-window-unknown', message: `${o.display}: ${c.windowProblem}` });
    if (c?.fasting && c.fasting.satisfied !== true) warnings.push({ code: c.fasting.status === 'unknown' ? 'fasting-unknown' : 'fasting-not-met', message: `${o.display}: ${c.fasting.text}${c.fasting.consequence ? `. ${c.fasting.consequence}` : ''}` });
  }
  return { ...plan, orders, warnings };
}
