import type { DiagnosticReport, ServiceRequest, Specimen, Task } from '@medplum/fhirtypes';
import type { Repository, RequestContext } from '../../store/repository.js';
import { ServiceError } from '../errors.js';
import { LAB_ORDER_CATEGORIES } from './order-facts.js';

export type GroupBy = 'test' | 'location' | 'priority';

export interface TurnaroundRow {
  orderId: string;
  test: string;
  location: string;
  priority: string;
  ordered: string;
  collected: string | null;
  received: string | null;
  resulted: string | null;
}

export interface TurnaroundGroup {
  key: string;
  orders: number;
  /** minutes, median and 90th percentile; null when no order reached that step */
  orderToCollect: { median: number | null; p90: number | null };
  collectToReceive: { median: number | null; p90: number | null };
  receiveToResult: { median: number | null; p90: number | null };
  orderToResult: { median: number | null; p90: number | null };
}

const minutes = (a: string | null, b: string | null) => (a && b ? (Date.parse(b) - Date.parse(a)) / 60_000 : null);

function quantiles(values: (number | null)[]): { median: number | null; p90: number | null } {
  const v = values.filter((x): x is number => x !== null && x >= 0).sort((a, b) => a - b);
  if (!v.length) return { median: null, p90: null };
  const at = (q: number) => v[Math.min(v.length - 1, Math.ceil(q * v.length) - 1)];
  return { median: Math.round(at(0.5) * 10) / 10, p90: Math.round(at(0.9) * 10) / 10 };
}

/** One row per lab order in the period: when it was ordered, collected, received and resulted. */
export async function turnaroundRows(ctx: RequestContext, repo: Repository, period: { from: string; to: string }): Promise<TurnaroundRow[]> {
  for (const k of ['from', 'to'] as const) if (Number.isNaN(Date.parse(period[k]))) throw new ServiceError('invalid', `"${period[k]}" is not a date`, k);
  const rows: TurnaroundRow[] = [];
  for (let offset = 0; offset < 20_000; offset += 200) {
    const q = new URLSearchParams([['category', LAB_ORDER_CATEGORIES], ['authored', `ge${period.from}`], ['authored', `le${period.to}`], ['_count', '200'], ['_offset', String(offset)], ['_sort', 'authored'], ['_revinclude', 'Specimen:request'], ['_revinclude', 'DiagnosticReport:based-on'], ['_revinclude', 'Task:based-on']]);
    const r = await repo.search(ctx, 'ServiceRequest', q);
    for (const sr of r.resources as ServiceRequest[]) {
      const ref = `ServiceRequest/${sr.id}`;
      const specimens = r.included.filter((x): x is Specimen => x.resourceType === 'Specimen' && !!(x as Specimen).request?.some((q2) => q2.reference === ref));
      const reports = r.included.filter((x): x is DiagnosticReport => x.resourceType === 'DiagnosticReport' && !!(x as DiagnosticReport).basedOn?.some((q2) => q2.reference === ref));
      const task = r.included.find((x): x is Task => x.resourceType === 'Task' && !!(x as Task).basedOn?.some((q2) => q2.reference === ref));
      const first = (xs: (string | undefined)[]) => xs.filter((x): x is string => !!x).sort()[0] ?? null;
      rows.push({
        orderId: sr.id!,
        test: sr.code?.text ?? sr.code?.coding?.[0]?.display ?? 'Lab test',
        location: task?.location?.display ?? sr.locationReference?.[0]?.display ?? task?.location?.reference ?? 'Unknown',
        priority: sr.priority ?? 'routine',
        ordered: sr.authoredOn ?? sr.meta!.lastUpdated!,
        collected: first(specimens.map((s) => s.collection?.collectedDateTime)),
        received: first(specimens.map((s) => s.receivedTime)),
        resulted: first(reports.map((d) => d.issued ?? d.meta?.lastUpdated)),
      });
    }
    if (!r.hasMore) break;
  }
  return rows;
}

export function groupTurnaround(rows: TurnaroundRow[], by: GroupBy): TurnaroundGroup[] {
  if (!['test', 'location', 'priority'].includes(by)) throw new ServiceError('invalid', 'groupBy is test, location or priority', 'groupBy');
  const groups = new Map<string, TurnaroundRow[]>();
  for (const r of rows) groups.set(r[by], [...(groups.get(r[by]) ?? []), r]);
  return [...groups.entries()]
    .map(([key, rs]) => ({
      key,
      orders: rs.length,
      orderToCollect: quantiles(rs.map((r) => minutes(r.ordered, r.collected))),
      collectToReceive: quantiles(rs.map((r) => minutes(r.collected, r.received))),
      receiveToResult: quantiles(rs.map((r) => minutes(r.received, r.resulted))),
      orderToResult: quantiles(rs.map((r) => minutes(r.ordered, r.resulted))),
    }))
    .sort((a, b) => b.orders - a.orders || a.key.localeCompare(b.key));
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  // quote, and defuse spreadsheet formulas (=, +, -, @ at the start)
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function turnaroundCsv(rows: TurnaroundRow[]): string {
  const head = ['order_id', 'test', 'location', 'priority', 'ordered', 'collected', 'received', 'resulted', 'order_to_collect_min', 'collect_to_receive_min', 'receive_to_result_min', 'order_to_result_min'];
  const lines = rows.map((r) => [r.orderId, r.test, r.location, r.priority, r.ordered, r.collected, r.received, r.resulted, minutes(r.ordered, r.collected)?.toFixed(1), minutes(r.collected, r.received)?.toFixed(1), minutes(r.received, r.resulted)?.toFixed(1), minutes(r.ordered, r.resulted)?.toFixed(1)].map(csvCell).join(','));
  return [head.join(','), ...lines].join('\r\n') + '\r\n';
}
