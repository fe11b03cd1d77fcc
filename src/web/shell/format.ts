/** Display formats shared by every workspace (dates in the user's locale, never ambiguous). */

const dateFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
// clinical staff read the 24-hour clock (round names, dose and fasting times are 24-hour too)
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const dayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const dayYearFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

/** A FHIR date (YYYY, YYYY-MM or YYYY-MM-DD) for display; birth dates carry no time zone. */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '—';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  return dateFormat.format(new Date(`${date}T00:00:00Z`));
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTimeFormat.format(d);
}

/** "14:05" today; "23 Nov 14:05" on another day ("23 Nov 2025 14:05" in another year): a time alone must not hide its day. */
export function formatTime(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const time = timeFormat.format(d);
  if (d.toDateString() === now.toDateString()) return time;
  return `${(d.getFullYear() === now.getFullYear() ? dayFormat : dayYearFormat).format(d)} ${time}`;
}

const sexes: Record<string, string> = { male: 'Male', female: 'Female', other: 'Other', unknown: 'Unknown' };

export function sexLabel(gender: string | null | undefined): string {
  return gender ? (sexes[gender] ?? gender) : 'Unknown';
}

/** `in-progress` -> `In progress`. */
export function statusLabel(status: string | null | undefined): string {
  if (!status) return '—';
  const s = status.replace(/[-_]/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function priorityLabel(priority: string | null | undefined): string {
  if (!priority) return 'Routine';
  return priority === 'stat' || priority === 'asap' ? priority.toUpperCase() : statusLabel(priority);
}
