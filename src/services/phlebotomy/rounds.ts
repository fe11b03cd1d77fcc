import { ServiceError } from '../errors.js';
import { isClockTime, isTimeZone, localDate, serverTimeZone, zonedInstant } from './zoned-time.js';

/*
 * Collection rounds (DOMAIN.md A.8: "routine (next round)"): the phlebotomy team walks the wards at
 * set times. An organisation configures its rounds per location; a routine or urgent order is drawn
 * on the first round at or after the time it may be drawn. STAT and timed draws are outside rounds.
 */

export interface CollectionRound {
  /** short stable id, e.g. "0500" */
  id: string;
  name: string;
  /** local start time HH:MM */
  time: string;
  /** Location ids the round covers (a ward covers its beds); empty = every location. */
  locations: string[];
}

export interface CollectionSettings {
  /** IANA zone of the organisation's clocks (rounds, morning draws). */
  timeZone: string;
  rounds: CollectionRound[];
  /** ADA: fasting means no caloric intake for at least 8 h (DOMAIN.md A.8); a per-organisation default. */
  fastingHours: number;
}

/** Demo defaults: the early ward round before breakfast, a late-morning and an afternoon round. */
export function defaultCollectionSettings(): CollectionSettings {
  return {
    timeZone: serverTimeZone(),
    rounds: [
      { id: '0500', name: '05:00 ward round', time: '05:00', locations: [] },
      { id: '1100', name: '11:00 round', time: '11:00', locations: [] },
      { id: '1600', name: '16:00 round', time: '16:00', locations: [] },
    ],
    fastingHours: 8,
  };
}

const ID = /^[A-Za-z0-9_-]{1,32}$/;

/** Checks stored or submitted settings; every problem names its field and how to fix it. */
export function validateCollectionSettings(input: unknown): CollectionSettings {
  const bad = (field: string, message: string) => new ServiceError('invalid', message, field);
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw bad('', 'Collection settings are a JSON object: {"timeZone": "America/Chicago", "rounds": [{"id": "0500", "name": "05:00 ward round", "time": "05:00", "locations": []}], "fastingHours": 8}');
  const o = input as Record<string, unknown>;
  const base = defaultCollectionSettings();
  const timeZone = o.timeZone === undefined ? base.timeZone : o.timeZone;
  if (!isTimeZone(timeZone)) throw bad('timeZone', `"${String(timeZone)}" is not a time zone: use an IANA name such as "Europe/London" or "America/Chicago"`);
  const fastingHours = o.fastingHours === undefined ? base.fastingHours : o.fastingHours;
  if (typeof fastingHours !== 'number' || !Number.isFinite(fastingHours) || fastingHours < 0 || fastingHours > 24) throw bad('fastingHours', 'fastingHours is a number of hours from 0 to 24 (ADA: 8)');
  const raw = o.rounds === undefined ? base.rounds : o.rounds;
  if (!Array.isArray(raw)) throw bad('rounds', 'rounds is a list of {id, name, time "HH:MM", locations}');
  const rounds: CollectionRound[] = raw.map((r: unknown, i) => {
    const at = `rounds[${i}]`;
    if (!r || typeof r !== 'object') throw bad(at, 'each round is {id, name, time "HH:MM", locations}');
    const x = r as Record<string, unknown>;
    if (typeof x.id !== 'string' || !ID.test(x.id)) throw bad(`${at}.id`, 'id is 1-32 letters, digits, "-" or "_"');
    if (!isClockTime(x.time)) throw bad(`${at}.time`, `time "${String(x.time)}" is not a 24-hour clock time like "05:00"`);
    const name = typeof x.name === 'string' && x.name.trim() ? x.name.trim() : `${x.time} round`;
    const locations = x.locations === undefined ? [] : x.locations;
    if (!Array.isArray(locations) || !locations.every((l) => typeof l === 'string' && l.length > 0)) throw bad(`${at}.locations`, 'locations is a list of Location ids (empty: every location)');
    return { id: x.id, name, time: x.time, locations: locations.map((l: string) => l.replace(/^Location\//, '')) };
  });
  const seen = new Set<string>();
  for (const [i, r] of rounds.entries()) {
    if (seen.has(r.id)) throw bad(`rounds[${i}].id`, `Two rounds have the id "${r.id}"`);
    seen.add(r.id);
  }
  rounds.sort((a, b) => a.time.localeCompare(b.time));
  return { timeZone, rounds, fastingHours };
}

/** One round on one day: the group a worklist row belongs to. */
export interface RoundSlot {
  /** `${round id}@${local date}`: the worklist's round filter */
  key: string;
  id: string;
  name: string;
  date: string;
  start: string;
}

/** Every round on every day between two instants (a day either side), in time order: computed once per worklist. */
export interface RoundCalendar {
  slots: { t: number; round: CollectionRound; date: string }[];
}

const DAY_MS = 86_400_000;

// the same days are asked for on every worklist read: keep them per settings object
const calendars = new WeakMap<CollectionSettings, Map<string, RoundCalendar>>();

export function roundCalendar(settings: CollectionSettings, from: number, to: number): RoundCalendar {
  if (!settings.rounds.length || !Number.isFinite(from) || !Number.isFinite(to)) return { slots: [] };
  const first = localDate(from - DAY_MS, settings.timeZone);
  const days = Math.min(400, Math.ceil((to - from) / DAY_MS) + 3);
  const known = calendars.get(settings) ?? calendars.set(settings, new Map()).get(settings)!;
  const key = `${first}+${days}`;
  const hit = known.get(key);
  if (hit) return hit;
  const slots: RoundCalendar['slots'] = [];
  for (let day = 0; day <= days; day++) {
    for (const round of settings.rounds) {
      const t = zonedInstant(first, round.time, settings.timeZone, day);
      slots.push({ t, round, date: localDate(t, settings.timeZone) });
    }
  }
  slots.sort((a, b) => a.t - b.t);
  if (known.size > 50) known.clear();
  const calendar = { slots };
  known.set(key, calendar);
  return calendar;
}

/**
 * The round that collects an order: the first round covering the location (or one of its parents)
 * that starts at or after `from` (the order's time, or when it was placed). Null when no round covers
 * the location.
 */
export function roundFor(settings: CollectionSettings, from: number, locationIds: readonly string[], calendar = roundCalendar(settings, from, from)): RoundSlot | null {
  if (!Number.isFinite(from)) return null;
  const covers = (r: CollectionRound) => !r.locations.length || r.locations.some((l) => locationIds.includes(l));
  const hit = calendar.slots.find((s) => s.t >= from && covers(s.round));
  if (!hit) return null;
  return { key: `${hit.round.id}@${hit.date}`, id: hit.round.id, name: hit.round.name, date: hit.date, start: new Date(hit.t).toISOString() };
}
