import type { TimedDraw } from '../catalogue/models.js';
import { localClock, localDate, zonedInstant } from './zoned-time.js';

/*
 * When a timed draw may be collected (DOMAIN.md A.8). The order's time (ServiceRequest.occurrence)
 * is the anchor: the next dose for a trough, the end of the infusion for a peak; the catalogue entry
 * gives the window in minutes around it. A clock window (morning cortisol, 07:00-09:00) is the
 * organisation's local clock on the day the order asks for, else the first such window that has not
 * closed when the order was placed. Pure: the web app recomputes the live state ("opens in
 * 20 min", "open now", "missed") from the same window every half minute.
 */

export interface TimedWindow {
  kind: TimedDraw['kind'];
  start: string;
  /** exclusive: a trough drawn at the dose time is too late (troughTimingOk) */
  end: string;
  /** the dose or the infusion end; for a clock window its start */
  anchor: string;
  label: string;
}

const clockText = (minutes: number) => `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** A clock window: on the ordered day, else the first one still open (or to come) when the order was placed. */
function clockWindow(rule: TimedDraw, order: { occurrenceDateTime?: string; authoredOn?: string }, timeZone: string): TimedWindow {
  const from = clockText(rule.fromMinutes);
  const to = clockText(rule.toMinutes);
  const on = (date: string, addDays = 0) => ({ start: zonedInstant(date, from, timeZone, addDays), end: rule.toMinutes >= 1440 ? zonedInstant(date, '00:00', timeZone, addDays + 1) : zonedInstant(date, to, timeZone, addDays) });
  const asked = order.occurrenceDateTime ? Date.parse(order.occurrenceDateTime) : NaN;
  let w: { start: number; end: number };
  if (Number.isFinite(asked)) w = on(localDate(asked, timeZone));
  else {
    const placed = Date.parse(order.authoredOn ?? '') || Date.now();
    w = on(localDate(placed, timeZone));
    if (w.end <= placed) w = on(localDate(placed, timeZone), 1);
  }
  const label = `Morning draw by the clock: ${from}-${to} on ${localDate(w.start, timeZone)}`;
  return { kind: 'clock', start: iso(w.start), end: iso(w.end), anchor: iso(w.start), label: rule.fromMinutes >= 12 * 60 ? label.replace('Morning draw', 'Draw') : label };
}

/** The window of a timed draw, or why it has none (a trough needs the dose time, a peak the infusion end). */
export function timedDrawWindow(rule: TimedDraw, order: { occurrenceDateTime?: string; authoredOn?: string }, timeZone: string): TimedWindow | { missing: string } {
  if (rule.kind === 'clock') return clockWindow(rule, order, timeZone);
  const at = order.occurrenceDateTime ? Date.parse(order.occurrenceDateTime) : NaN;
  if (!Number.isFinite(at)) {
    return { missing: rule.kind === 'trough' ? 'No dose time on the trough order: ask the nurse when the next dose is due' : 'No infusion end time on the peak order: ask the nurse when the infusion ends' };
  }
  const start = at + rule.fromMinutes * 60_000;
  const end = at + rule.toMinutes * 60_000;
  const clock = localClock(at, timeZone);
  const label = rule.kind === 'trough'
    ? `Trough: ${-rule.fromMinutes}${rule.toMinutes ? `-${-rule.toMinutes}` : ''} min before the ${clock} dose`
    : `Peak: ${rule.fromMinutes}-${rule.toMinutes} min after the infusion ends at ${clock}`;
  return { kind: rule.kind, start: iso(start), end: iso(end), anchor: iso(at), label };
}

const iso = (t: number) => new Date(t).toISOString();

export type WindowState = 'opens-later' | 'open' | 'missed';

/** Where now is against the window, in words a phlebotomist reads at a glance. */
export function windowState(w: { start: string; end: string }, now: number): { state: WindowState; minutes: number; text: string } {
  const start = Date.parse(w.start);
  const end = Date.parse(w.end);
  if (now < start) {
    const m = Math.ceil((start - now) / 60_000);
    return { state: 'opens-later', minutes: m, text: `opens in ${span(m)}` };
  }
  if (now < end) {
    const m = Math.max(1, Math.floor((end - now) / 60_000));
    return { state: 'open', minutes: m, text: `open now, ${span(m)} left` };
  }
  const m = Math.floor((now - end) / 60_000);
  return { state: 'missed', minutes: m, text: m < 1 ? 'missed: the window just closed' : `missed: closed ${span(m)} ago` };
}

function span(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}
