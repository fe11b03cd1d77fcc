/** Turnaround shapes (docs/api.md, "Phlebotomy": turnaround). */
export const groupings = ['test', 'location', 'priority'] as const;
export type GroupBy = (typeof groupings)[number];

/** Minutes; null when no order of the group got that far. */
export interface Spread {
  median: number | null;
  p90: number | null;
}

export interface TurnaroundGroup {
  key: string;
  orders: number;
  orderToCollect: Spread;
  collectToReceive: Spread;
  receiveToResult: Spread;
  orderToResult: Spread;
}

export interface Turnaround {
  from: string;
  to: string;
  groupBy: GroupBy;
  total: number;
  groups: TurnaroundGroup[];
}

export const stages = [
  { key: 'orderToCollect', label: 'Order → collect', color: '#1c6ea4' },
  { key: 'collectToReceive', label: 'Collect → receive', color: '#b7791f' },
  { key: 'receiveToResult', label: 'Receive → result', color: '#2f855a' },
] as const;
export type StageKey = (typeof stages)[number]['key'];
