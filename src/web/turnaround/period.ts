/** The turnaround period: a few named ones a supervisor asks for, or a custom range of days. */
export const presets = [
  { id: 'today', label: 'Today' },
  { id: '7d', label: '7 days' },
  { id: '30d', label: '30 days' },
  { id: 'custom', label: 'Custom' },
] as const;
export type PresetId = (typeof presets)[number]['id'];

export interface Period {
  from: string;
  to: string;
}

const DAY = 86_400_000;

function startOfDay(d: Date): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate());
}

/** The ISO range of a named period, ending now (local days). */
export function presetPeriod(id: Exclude<PresetId, 'custom'>, now: Date = new Date()): Period {
  const today = startOfDay(now);
  const days = id === 'today' ? 0 : id === '7d' ? 6 : 29;
  return { from: new Date(today.getTime() - days * DAY).toISOString(), to: now.toISOString() };
}

/** A custom range of local dates (YYYY-MM-DD), both days included; null when it is not a range. */
export function customPeriod(fromDate: string, toDate: string): Period | null {
  const re = /^\d{4}-\d{2}-\d{2}$/;
  if (!re.test(fromDate) || !re.test(toDate)) return null;
  const [fy, fm, fd] = fromDate.split('-').map(Number);
  const [ty, tm, td] = toDate.split('-').map(Number);
  const from = new Date(fy, fm - 1, fd);
  const to = new Date(ty, tm - 1, td + 1);
  if (!(from < to)) return null;
  return { from: from.toISOString(), to: to.toISOString() };
}

/** "34 min", "2 h 5 min", "1 d 3 h"; "—" when unknown. */
export function minutesText(min: number | null | undefined): string {
  if (min === null || min === undefined || !Number.isFinite(min)) return '—';
  const m = Math.round(min);
  if (m < 60) return `${m} min`;
  if (m < 24 * 60) return m % 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${m / 60} h`;
  const h = Math.round(m / 60);
  return h % 24 ? `${Math.floor(h / 24)} d ${h % 24} h` : `${h / 24} d`;
}

/** A round axis end above `max` minutes, and its ticks (4 or 5 steps of a round size). */
export function axisTicks(max: number): { end: number; ticks: number[] } {
  const steps = [5, 10, 15, 30, 60, 120, 180, 240, 360, 720, 1440, 2880, 4320, 10080];
  const top = Math.max(max, 1);
  const step = steps.find((s) => top / s <= 5) ?? Math.ceil(top / 5 / 1440) * 1440;
  const end = Math.ceil(top / step) * step;
  const ticks: number[] = [];
  for (let t = 0; t <= end; t += step) ticks.push(t);
  return { end, ticks };
}
