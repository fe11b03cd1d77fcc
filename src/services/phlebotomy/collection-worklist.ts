import type { ServiceRequest, Task } from '@medplum/fhirtypes';
import type { Catalogue } from '../catalogue/store.js';
import type { Db } from '../../store/db.js';
import type { Repository, RequestContext } from '../../store/repository.js';
import { worklistTasks } from '../../store/worklist.js';
import { worklistItem, type WorklistItem } from '../worklist/worklist.js';
import { fastingFacts, latestFastingReports, type FastingFacts } from './fasting.js';
import { nonBloodSpecimen, type SpecimenKind } from './non-blood.js';
import { fastingOf, orderableOf } from './order-facts.js';
import { roundCalendar, roundFor, type CollectionSettings, type RoundSlot } from './rounds.js';
import { timedDrawWindow, windowState, type TimedWindow, type WindowState } from './timed-draw.js';

/** How long a round takes: an order whose round ended unserved moves to the next round. */
const ROUND_MINUTES = 120;

export type CollectionGroup = 'stat' | 'timed' | 'round' | 'unscheduled';

export interface CollectionFacts {
  group: CollectionGroup;
  round: RoundSlot | null;
  window: (TimedWindow & { state: WindowState; stateText: string }) | null;
  /** a timed draw that cannot be placed (no dose time) */
  windowProblem: string | null;
  fasting: FastingFacts | null;
  specimen: { kind: SpecimenKind; display: string; instructions: string } | null;
}

export type CollectionWorklistItem = WorklistItem & { collection: CollectionFacts };

export interface RoundSummary {
  key: string;
  name: string;
  start: string;
  /** the round's own orders */
  count: number;
  /** STAT orders at the round's locations, which the round's list shows too */
  statCount: number;
}

/** Collection facts for the orders behind tasks: round, timed window, fasting, non-blood specimen. */
export async function collectionFactsFor(ctx: RequestContext, repo: Repository, settings: CollectionSettings, catalogue: Catalogue, tasks: { task: Task; locationIds: string[]; order?: ServiceRequest | null }[], now = Date.now()): Promise<Map<string, CollectionFacts>> {
  const orders = new Map<string, ServiceRequest>();
  for (const t of tasks) if (t.order?.id) orders.set(t.order.id, t.order);
  // orders the caller did not bring along are read in one search
  const srIds = [...new Set(tasks.map((t) => t.task.basedOn?.[0]?.reference).filter((r): r is string => !!r?.startsWith('ServiceRequest/')).map((r) => r.slice(15)))].filter((id) => !orders.has(id));
  if (srIds.length) {
    const r = await repo.search(ctx, 'ServiceRequest', new URLSearchParams({ _id: srIds.join(','), _count: String(srIds.length) }), { audit: false });
    for (const sr of r.resources as ServiceRequest[]) orders.set(sr.id!, sr);
  }
  const orderOf = (t: Task) => orders.get(t.basedOn?.[0]?.reference?.slice(15) ?? '');
  const fastingPatients = tasks.filter((t) => fastingOf(orderOf(t.task), orderableOf(orderOf(t.task), catalogue))).map((t) => t.task.for?.reference?.split('/')[1] ?? '');
  const reports = await latestFastingReports(ctx, repo, fastingPatients.filter(Boolean), now);
  const out = new Map<string, CollectionFacts>();
  const anchorOf = (task: Task) => Math.max(Date.parse(orders.get(task.basedOn?.[0]?.reference?.slice(15) ?? '')?.occurrenceDateTime ?? task.authoredOn ?? '') || now, now - ROUND_MINUTES * 60_000);
  const anchors = tasks.map((t) => anchorOf(t.task));
  // the rounds of the days these orders fall on, computed once for the whole list
  const calendar = roundCalendar(settings, Math.min(now, ...anchors), Math.max(now, ...anchors));
  for (const { task, locationIds } of tasks) {
    const sr = orders.get(task.basedOn?.[0]?.reference?.slice(15) ?? '');
    const orderable = orderableOf(sr, catalogue);
    const facts: CollectionFacts = { group: 'unscheduled', round: null, window: null, windowProblem: null, fasting: null, specimen: null };
    if (orderable?.timing && sr) {
      const w = timedDrawWindow(orderable.timing, sr, settings.timeZone);
      if ('missing' in w) facts.windowProblem = w.missing;
      else {
        const s = windowState(w, now);
        facts.window = { ...w, state: s.state, stateText: s.text };
      }
    }
    const fast = fastingOf(sr, orderable);
    if (fast) facts.fasting = fastingFacts(reports.get(task.for?.reference?.split('/')[1] ?? ''), fast.hours ?? settings.fastingHours, now, settings.timeZone);
    const nb = nonBloodSpecimen(orderable?.specimen?.container);
    if (nb) facts.specimen = { kind: nb.kind, display: nb.display, instructions: nb.instructions };
    if (task.priority === 'stat') facts.group = 'stat';
    else if (orderable?.timing) facts.group = 'timed';
    else {
      facts.round = roundFor(settings, anchorOf(task), locationIds, calendar);
      facts.group = facts.round ? 'round' : 'unscheduled';
    }
    out.set(task.id!, facts);
  }
  return out;
}

const sortKey = (i: CollectionWorklistItem) => (i.collection.window ? Date.parse(i.collection.window.start) : i.due ? Date.parse(i.due) : Infinity);

/** STAT first, then by due time (a timed draw by when its window opens); ties by task id. */
export function byCollectionUrgency(a: CollectionWorklistItem, b: CollectionWorklistItem): number {
  const stat = Number(b.priority === 'stat') - Number(a.priority === 'stat');
  if (stat) return stat;
  const d = sortKey(a) - sortKey(b);
  return d || (Number.isNaN(d) ? 0 : a.taskId.localeCompare(b.taskId));
}

/**
 * The phlebotomy worklist with collection facts: grouped by round (filter with `round`, STAT rows
 * always stay), STAT first then by due time.
 */
export async function collectionWorklist(db: Db, ctx: RequestContext, repo: Repository, settings: CollectionSettings, catalogue: Catalogue, opts: { location?: string; round?: string; limit?: number; now?: number } = {}): Promise<{ items: CollectionWorklistItem[]; rounds: RoundSummary[] }> {
  const now = opts.now ?? Date.now();
  const rows = await worklistTasks(db, ctx.tenant, 'phlebotomist', { location: opts.location, limit: opts.limit, withOrder: true });
  const facts = await collectionFactsFor(ctx, repo, settings, catalogue, rows.map((r) => ({ task: r.task, order: r.order, locationIds: [r.location?.id, r.location?.partOf?.reference?.split('/')[1]].filter((x): x is string => !!x) })), now);
  const all = rows.map((r) => ({ ...worklistItem(r.task, r.patient, r.location), collection: facts.get(r.task.id!)! })).sort(byCollectionUrgency);
  const rounds = new Map<string, RoundSummary>();
  for (const i of all) {
    const r = i.collection.round;
    if (r) rounds.set(r.key, { key: r.key, name: r.name, start: r.start, count: (rounds.get(r.key)?.count ?? 0) + 1, statCount: 0 });
  }
  // a round's list carries every STAT order too (they are drawn now, whichever round is walking)
  const stats = all.filter((i) => i.collection.group === 'stat').length;
  for (const r of rounds.values()) r.statCount = stats;
  const items = opts.round ? all.filter((i) => i.collection.group === 'stat' || i.collection.round?.key === opts.round) : all;
  return { items, rounds: [...rounds.values()].sort((a, b) => a.start.localeCompare(b.start)) };
}
