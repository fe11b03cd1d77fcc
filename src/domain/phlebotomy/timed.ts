import { resolveDomainConfig } from '../config.js';
import { DomainInputError } from '../errors.js';
import { reason, type Explained } from '../reasons.js';
import { comparableInstants, fieldsOf, requiredInstant, requiredNumber, round } from '../validate.js';

/* Timed collections, DOMAIN.md A.8: trough window (DEFAULT 30 min, config); fasting >= required hours (ADA 8 h for glucose). */

export function troughTimingOkExplained(input: { nextDoseAt: string; collectedAt: string; config?: unknown }): Explained<boolean> & { minutesBeforeDose: number } {
  const o = fieldsOf(input, 'troughTimingOk');
  const next = requiredInstant(o, 'nextDoseAt');
  const collected = requiredInstant(o, 'collectedAt');
  comparableInstants(next, collected, 'collectedAt', o.collectedAt);
  const window = resolveDomainConfig(o.config).phlebotomy.troughWindowMinutes;
  const before = (next.ms - collected.ms) / 60_000;
  // nextDoseAt - window <= collectedAt < nextDoseAt
  const ok = collected.ms >= next.ms - window * 60_000 && collected.ms < next.ms;
  const reasons = ok
    ? []
    : before <= 0
      ? [reason('COLLECTED_AT_OR_AFTER_DOSE', `Collected ${round(-before, 1)} min after the scheduled dose time`, round(before, 1), 0)]
      : [reason('COLLECTED_TOO_EARLY', `Collected ${round(before, 1)} min before the dose; the trough window is ${window} min`, round(before, 1), window)];
  return { value: ok, minutesBeforeDose: round(before, 1), reasons };
}

/** nextDoseAt - 30 min <= collectedAt < nextDoseAt (A.8). */
export function troughTimingOk(input: { nextDoseAt: string; collectedAt: string; config?: unknown }): boolean {
  return troughTimingOkExplained(input).value;
}

export function fastingSatisfiedExplained(input: { lastCaloricIntakeAt: string; collectedAt: string; requiredHours: number }): Explained<boolean> & { hoursFasted: number } {
  const o = fieldsOf(input, 'fastingSatisfied');
  const last = requiredInstant(o, 'lastCaloricIntakeAt');
  const collected = requiredInstant(o, 'collectedAt');
  comparableInstants(last, collected, 'collectedAt', o.collectedAt);
  const required = requiredNumber(o, 'requiredHours', { min: 0, minExclusive: true, max: 72, unit: 'hours' });
  if (last.ms > collected.ms) {
    throw new DomainInputError('lastCaloricIntakeAt', 'a time at or before collectedAt (the last intake before the draw)', o.lastCaloricIntakeAt);
  }
  const hours = (collected.ms - last.ms) / 3_600_000;
  const ok = hours >= required;
  return {
    value: ok,
    hoursFasted: round(hours, 2),
    reasons: ok ? [] : [reason('FASTING_TOO_SHORT', `Fasted ${round(hours, 2)} h; ${required} h required`, round(hours, 2), required)],
  };
}

/** Hours since the last caloric intake >= requiredHours (A.8). */
export function fastingSatisfied(input: { lastCaloricIntakeAt: string; collectedAt: string; requiredHours: number }): boolean {
  return fastingSatisfiedExplained(input).value;
}
