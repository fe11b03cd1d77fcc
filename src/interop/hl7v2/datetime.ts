/*
 * HL7 v2 DTM/TS `YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]` <-> FHIR/ISO 8601, keeping the
 * precision the sender gave (a date stays a date; no timezone is invented).
 */

const TS = /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2}(?:\.\d{1,4})?)?([+-]\d{4})?$/;

/** FHIR dateTime (or date) for an HL7 timestamp; undefined when it is not one. */
export function hl7ToFhirDateTime(value: string): string | undefined {
  const m = TS.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, tz] = m;
  if (mo && (Number(mo) < 1 || Number(mo) > 12)) return undefined;
  if (d && (Number(d) < 1 || Number(d) > 31)) return undefined;
  if (h && (Number(h) > 23 || (mi !== undefined && Number(mi) > 59) || (s !== undefined && Number(s.slice(0, 2)) > 60))) return undefined;
  // a UTC offset exists from -14:00 to +14:00 (FHIR allows at most 14:00), minutes below 60
  if (tz && (Number(tz.slice(3)) > 59 || Number(tz.slice(1, 3)) * 60 + Number(tz.slice(3)) > 14 * 60)) return undefined;
  if (!mo) return y;
  if (!d) return `${y}-${mo}`;
  const date = `${y}-${mo}-${d}`;
  if (!h) return date;
  // FHIR needs seconds and a zone on a time. Labs that send none mean their local time, which the
  // interface agreement makes ours: the server's zone (set TZ for the process to the labs' zone).
  const zone = tz ? `${tz.slice(0, 3)}:${tz.slice(3)}` : localOffset(Number(y), Number(mo), Number(d), Number(h), Number(mi ?? 0), Number((s ?? '0').slice(0, 2)));
  return `${date}T${h}:${mi ?? '00'}:${s ?? '00'}${zone}`;
}

/** The process's UTC offset ("+01:00") at a local wall time. */
function localOffset(y: number, mo: number, d: number, h: number, mi: number, s: number): string {
  const minutes = -new Date(y, mo - 1, d, h, mi, s).getTimezoneOffset();
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** FHIR date for an HL7 DT (YYYY[MM[DD]]); undefined when it is not one. */
export function hl7ToFhirDate(value: string): string | undefined {
  const v = value.trim().slice(0, 8);
  const r = /^\d{4}(\d{2}(\d{2})?)?$/.test(v) ? hl7ToFhirDateTime(v) : undefined;
  return r;
}

const ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/** HL7 timestamp for an ISO/FHIR date or dateTime, or a Date (written in UTC as +0000). */
export function toHl7DateTime(value: string | Date): string {
  if (value instanceof Date) {
    const iso = value.toISOString();
    return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}+0000`;
  }
  const m = ISO.exec(value.trim());
  if (!m) throw new RangeError(`not an ISO date or dateTime: ${JSON.stringify(value)}`);
  const [, y, mo = '', d = '', h = '', mi = '', s = '', , z] = m;
  const zone = z === undefined ? '' : z === 'Z' ? '+0000' : z.replace(':', '');
  return `${y}${mo}${d}${h}${mi}${s}${h ? zone : ''}`;
}
