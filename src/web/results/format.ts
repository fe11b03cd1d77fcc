import type { ResultTrend, ResultValue } from './models.js';
import { span } from '../worklist/due.js';

const FLAG_LABELS: Record<string, string> = {
  HH: 'Critical high', LL: 'Critical low', AA: 'Critical', H: 'High', L: 'Low', A: 'Abnormal', N: 'Normal',
  '>': 'Above range', '<': 'Below range', POS: 'Positive', NEG: 'Negative', DET: 'Detected', ND: 'Not detected',
};

/** "H", "LL"... as a reader says them; unknown flags as sent. */
export function flagLabel(flag: string): string {
  return FLAG_LABELS[flag] ?? flag;
}

/** The short flag shown beside a value: the lab's own, or H/L worked out from the range when it sent none. */
export function shownFlag(v: Pick<ResultValue, 'flags' | 'numeric' | 'low' | 'high'>): string | null {
  const f = v.flags.find((x) => x !== 'N');
  if (f) return f;
  if (v.numeric === null) return null;
  if (v.high !== null && v.numeric > v.high) return 'H';
  if (v.low !== null && v.numeric < v.low) return 'L';
  return null;
}

export interface SparkGeometry {
  width: number;
  height: number;
  /** SVG path of the line through the points */
  path: string;
  dots: { x: number; y: number; value: number; at: string; outside: boolean }[];
  /** the reference range as a band, clipped to the chart; absent when the range is unknown */
  band: { y: number; height: number } | null;
}

/**
 * Where a trend's points go in a small chart: time along x (oldest left), value up y, scaled so
 * the points and the reference range both fit, with a little room above and below.
 */
export function sparkGeometry(t: Pick<ResultTrend, 'points' | 'low' | 'high'>, width = 160, height = 40, pad = 4): SparkGeometry {
  const times = t.points.map((p) => Date.parse(p.at));
  const values = t.points.map((p) => p.value);
  const lo = Math.min(...values, ...(t.low !== null ? [t.low] : []));
  const hi = Math.max(...values, ...(t.high !== null ? [t.high] : []));
  const span = hi - lo || Math.abs(hi) || 1;
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const x = (ms: number) => (t1 === t0 ? width / 2 : pad + ((ms - t0) / (t1 - t0)) * (width - 2 * pad));
  const y = (v: number) => pad + (1 - (v - lo) / span) * (height - 2 * pad);
  const dots = t.points.map((p, i) => ({
    x: round(x(times[i])),
    y: round(y(p.value)),
    value: p.value,
    at: p.at,
    outside: (t.low !== null && p.value < t.low) || (t.high !== null && p.value > t.high),
  }));
  const path = dots.map((d, i) => `${i === 0 ? 'M' : 'L'}${d.x} ${d.y}`).join(' ');
  let band: SparkGeometry['band'] = null;
  if (t.low !== null || t.high !== null) {
    const top = y(t.high ?? hi);
    const bottom = y(t.low ?? lo);
    band = { y: round(top), height: round(Math.max(bottom - top, 1)) };
  }
  return { width, height, path, dots, band };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** "4.1 → 5.6 → 6.5 mmol/L": a trend in words, for screen readers and the tooltip. */
export function trendText(t: Pick<ResultTrend, 'points' | 'unit' | 'display'>): string {
  return `${t.display}: ${t.points.map((p) => p.value).join(' → ')}${t.unit ? ` ${t.unit}` : ''}`;
}

/** How long a notice has waited for its acknowledgement: "waiting 42 min". */
export function waitingText(sent: string | null, now: number = Date.now()): string | null {
  const t = sent ? Date.parse(sent) : NaN;
  if (Number.isNaN(t)) return null;
  const minutes = Math.max(0, Math.round((now - t) / 60_000));
  return minutes === 0 ? 'just now' : `waiting ${span(minutes)}`;
}
