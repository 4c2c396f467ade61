/** ISO weeks for the workload view: a week's Monday, its label, and a series of weekly counts. */

/** Monday of the ISO week of a date ('YYYY-MM-DD'). */
export function weekStart(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7; // Monday = 0
  d.setUTCDate(d.getUTCDate() - dow);
  return d.toISOString().slice(0, 10);
}

/** ISO 8601 week label, '2025-W11'. */
export function isoWeekLabel(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - dow + 3); // the week's Thursday decides its year
  const year = d.getUTCFullYear();
  const week = 1 + Math.floor((d.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * The last `weeks` weeks up to and including the week of `today`, oldest first, with the counts
 * given per week start (weeks without cases show 0).
 */
export function weeklySeries(today: string, weeks: number, counts: ReadonlyMap<string, number>): Array<{ weekStart: string; label: string; count: number }> {
  const last = weekStart(today);
  const out: Array<{ weekStart: string; label: string; count: number }> = [];
  for (let i = weeks - 1; i >= 0; i--) {
    const d = new Date(`${last}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 7 * i);
    const ws = d.toISOString().slice(0, 10);
    out.push({ weekStart: ws, label: isoWeekLabel(ws), count: counts.get(ws) ?? 0 });
  }
  return out;
}
