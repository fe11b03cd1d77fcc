/** "HH:MM" as the latest such moment not in the future (22:00 asked at 06:00 is last night), in the tablet's zone. */
export function lastClockTime(clock: string, now = new Date()): string {
  const [h, m] = clock.split(':').map(Number);
  const t = new Date(now);
  t.setHours(h, m, 0, 0);
  if (t.getTime() > now.getTime()) t.setDate(t.getDate() - 1);
  return t.toISOString();
}
