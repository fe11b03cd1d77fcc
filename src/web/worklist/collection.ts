/** The phlebotomy worklist's collection facts (docs/api.md, "Collection worklist"). */
import { http } from '../api.js';
import type { RoundSummary } from '../../services/phlebotomy/collection-worklist.js';
import type { WorklistItem } from '../models.js';

export interface TimedWindowFacts {
  kind: 'trough' | 'peak' | 'clock';
  start: string;
  end: string;
  anchor: string;
  label: string;
  state: 'opens-later' | 'open' | 'missed';
  stateText: string;
}

export interface FastingFactsView {
  requiredHours: number;
  status: 'fasting' | 'not-fasting' | 'unknown';
  lastIntakeAt: string | null;
  hoursFasted: number | null;
  satisfied: boolean | null;
  text: string;
  consequence: string | null;
}

export interface CollectionFacts {
  group: 'stat' | 'timed' | 'round' | 'unscheduled';
  round: { key: string; id: string; name: string; date: string; start: string } | null;
  window: TimedWindowFacts | null;
  windowProblem: string | null;
  fasting: FastingFactsView | null;
  specimen: { kind: string; display: string; instructions: string } | null;
}

export type CollectionItem = WorklistItem & { collection?: CollectionFacts };

export type { RoundSummary };

/** "12 orders + 2 STAT": what choosing a round will list. */
export function roundCountText(r: Pick<RoundSummary, 'count' | 'statCount'>): string {
  const own = `${r.count} order${r.count === 1 ? '' : 's'}`;
  return r.statCount ? `${own} + ${r.statCount} STAT` : own;
}

/** Where else a card's patient has open orders: the other groups' titles and how many there. */
export interface Elsewhere {
  title: string;
  count: number;
}

/**
 * For each group, per patient, the orders that patient has in the other groups (STAT now and the
 * 05:00 round, say): a phlebotomist at the bedside draws them in the same visit.
 */
export function elsewhereByGroup<T extends CollectionItem>(groups: Group<T>[]): Map<string, Map<string, Elsewhere[]>> {
  const patientGroups = new Map<string, { key: string; title: string; count: number }[]>();
  for (const g of groups) {
    for (const item of g.items) {
      const id = item.patient?.id;
      if (!id) continue;
      const list = patientGroups.get(id) ?? patientGroups.set(id, []).get(id)!;
      const at = list.find((x) => x.key === g.key);
      if (at) at.count++;
      else list.push({ key: g.key, title: g.title, count: 1 });
    }
  }
  const out = new Map<string, Map<string, Elsewhere[]>>();
  for (const [patient, list] of patientGroups) {
    if (list.length < 2) continue;
    for (const here of list) {
      const byPatient = out.get(here.key) ?? out.set(here.key, new Map()).get(here.key)!;
      byPatient.set(patient, list.filter((x) => x.key !== here.key).map(({ title, count }) => ({ title, count })));
    }
  }
  return out;
}

export const collectionWorklistApi = {
  list: (location: string | undefined, round: string | undefined, signal?: AbortSignal) =>
    http.get<{ role: string; items: CollectionItem[]; rounds: RoundSummary[] }>('/api/worklist', { role: 'phlebotomist', location, round }, signal),
  recordFasting: (body: { patientId: string; status: 'fasting' | 'not-fasting'; lastIntakeAt?: string; orderIds?: string[] }) =>
    http.post<{ status: string; lastIntakeAt: string | null }>('/api/collection/fasting', body),
};

export interface Group<T> {
  key: string;
  title: string;
  items: T[];
}

const groupOrder = (c: CollectionFacts | undefined) => (!c ? 3 : c.group === 'stat' ? 0 : c.group === 'timed' ? 1 : c.group === 'round' ? 2 : 3);

/** STAT, then timed draws, then each round by its start, then orders no round covers; rows keep their order inside. */
export function groupByRound<T extends CollectionItem>(items: T[], roundTitle: (r: NonNullable<CollectionFacts['round']>) => string): Group<T>[] {
  const groups = new Map<string, Group<T> & { rank: number; start: string }>();
  for (const item of items) {
    const c = item.collection;
    const key = c?.group === 'round' && c.round ? c.round.key : c?.group ?? 'unscheduled';
    if (!groups.has(key)) {
      const title = c?.group === 'stat' ? 'STAT: now' : c?.group === 'timed' ? 'Timed draws' : c?.group === 'round' && c.round ? roundTitle(c.round) : 'No round (draw when due)';
      groups.set(key, { key, title, items: [], rank: groupOrder(c), start: c?.round?.start ?? '' });
    }
    groups.get(key)!.items.push(item);
  }
  return [...groups.values()].sort((a, b) => a.rank - b.rank || a.start.localeCompare(b.start)).map(({ key, title, items: list }) => ({ key, title, items: list }));
}

/** One patient's open collection tasks in a group: drawn in one visit. */
export interface PatientCard<T> {
  key: string;
  patient: CollectionItem['patient'];
  place: string | null;
  stat: boolean;
  /** the earliest time any of its orders is due (a timed draw by its window's start) */
  earliest: number;
  items: T[];
}

/**
 * When an order wants drawing: a timed draw's window start; an order on a round not before the
 * round starts (a routine order written at 03:15 waits for the 05:00 round); else its due time.
 */
export const wantedAt = (item: CollectionItem): number => {
  const c = item.collection;
  const parse = (at: string | null | undefined) => (at ? Date.parse(at) : NaN);
  const window = parse(c?.window?.start);
  if (!Number.isNaN(window)) return window;
  const due = parse(item.due);
  const round = c?.group === 'round' ? parse(c.round?.start) : NaN;
  const t = Number.isNaN(round) ? due : Number.isNaN(due) ? round : Math.max(due, round);
  return Number.isNaN(t) ? Infinity : t;
};

// "Bed 2" before "Bed 10": natural order of place names
const placeOrder = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * One card per patient (and place, so a moved patient's old bed task is not hidden): STAT patients
 * first, then the earliest due, then bed order, so a round walks the ward drawing each patient once.
 * Orders keep their order inside a card.
 */
export function byPatient<T extends CollectionItem>(items: T[], placeOf: (item: T) => string | null): PatientCard<T>[] {
  const cards = new Map<string, PatientCard<T>>();
  for (const item of items) {
    const place = placeOf(item);
    const key = `${item.patient?.id ?? `task:${item.taskId}`}|${place ?? ''}`;
    let card = cards.get(key);
    if (!card) cards.set(key, (card = { key, patient: item.patient, place, stat: false, earliest: Infinity, items: [] }));
    card.items.push(item);
    card.stat ||= item.priority === 'stat';
    card.earliest = Math.min(card.earliest, wantedAt(item));
  }
  return [...cards.values()].sort((a, b) => Number(b.stat) - Number(a.stat)
    || (a.earliest === b.earliest ? 0 : a.earliest < b.earliest ? -1 : 1)
    || placeOrder.compare(a.place ?? '\uffff', b.place ?? '\uffff')
    || (a.patient?.name ?? '').localeCompare(b.patient?.name ?? ''));
}
