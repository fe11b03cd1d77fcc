/*
 * Wall-clock times in the organisation's time zone ("the 05:00 round", "cortisol 07:00-09:00"), as
 * instants. Pure (Intl only), so the web app can use it too.
 */

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isClockTime(v: unknown): v is string {
  return typeof v === 'string' && HHMM.test(v);
}

export function isTimeZone(v: unknown): v is string {
  if (typeof v !== 'string' || !v) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: v });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsIn(t: number, timeZone: string): { y: number; m: number; d: number; h: number; mi: number } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), h: Number(p.hour), mi: Number(p.minute) };
}

/** The local calendar date (YYYY-MM-DD) of an instant. */
export function localDate(t: number, timeZone: string): string {
  const p = partsIn(t, timeZone);
  return `${p.y}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
}

/** The local clock time (HH:MM) of an instant. */
export function localClock(t: number, timeZone: string): string {
  const p = partsIn(t, timeZone);
  return `${String(p.h).padStart(2, '0')}:${String(p.mi).padStart(2, '0')}`;
}

/** The instant at which the clocks of `timeZone` show `clock` on `date` (+ `addDays`). */
export function zonedInstant(date: string, clock: string, timeZone: string, addDays = 0): number {
  const [y, m, d] = date.split('-').map(Number);
  const [h, mi] = clock.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d + addDays, h, mi);
  // the zone's offset at that wall time, checked twice for the hour around a DST change
  let t = wall;
  for (let i = 0; i < 2; i++) {
    const p = partsIn(t, timeZone);
    const shown = Date.UTC(p.y, p.m - 1, p.d, p.h, p.mi);
    t += wall - shown;
  }
  return t;
}

/** The server's own zone: the default for an organisation that has not set one. */
export const serverTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
