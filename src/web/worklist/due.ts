export interface DueText {
  text: string;
  overdue: boolean;
}

/** "25 min", "2 h 5 min", "1 d 17 h", "9 d". */
export function span(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 24 * 60) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  // under a week the hours still matter ("1 d 17 h", not "2 d")
  const d = Math.floor(minutes / (24 * 60));
  const h = Math.floor((minutes % (24 * 60)) / 60);
  return d < 7 && h ? `${d} d ${h} h` : `${Math.round(minutes / (24 * 60))} d`;
}

/** "in 25 min", "due now", "10 min overdue": how far a due time is from now. */
export function relativeDue(due: string | null | undefined, now: number = Date.now()): DueText | null {
  if (!due) return null;
  const t = Date.parse(due);
  if (Number.isNaN(t)) return null;
  const minutes = Math.round((t - now) / 60_000);
  if (minutes === 0) return { text: 'due now', overdue: false };
  if (minutes > 0) return { text: `in ${span(minutes)}`, overdue: false };
  return { text: `${span(-minutes)} overdue`, overdue: true };
}

/** STAT first, then earliest due; tasks without a due time last. Same order as the server's. */
export function byUrgency<T extends { priority: string; due: string | null }>(a: T, b: T): number {
  const stat = Number(b.priority === 'stat') - Number(a.priority === 'stat');
  if (stat) return stat;
  const da = a.due ? Date.parse(a.due) : Infinity;
  const db = b.due ? Date.parse(b.due) : Infinity;
  return da === db ? 0 : da < db ? -1 : 1;
}
