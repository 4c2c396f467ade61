import { addWorkingDays, previousWorkingDay } from '../calendar/dutch-holidays.ts';

/**
 * A worker's daily digest: what needs them today. Built from the open cases that are the worker's
 * own or not yet assigned to anyone (the platform has no queue membership per worker: an unassigned
 * case is everyone's to pick up, so everyone sees it). Three lists:
 * - new crisis cases: opened since the previous working day (Monday's digest covers the weekend);
 * - due within two working days: today up to two working days ahead (Dutch holidays skipped);
 * - overdue: due before today.
 * Only case numbers and counts: the digest also goes by e-mail, where no resident's name or
 * address belongs (privacy by design). A case is in one list only, the most urgent.
 */
export interface DigestCase {
  id: string;
  crisis: boolean;
  /** The day the case was opened, in Amsterdam. */
  openedOn: string;
  /** When it is due (the earlier of the legal deadline and the own target). */
  due: string;
  /** Whether it is the worker's own (else: unassigned). */
  own: boolean;
}

export interface DigestEntry {
  id: string;
  due: string;
  own: boolean;
}

export interface Digest {
  day: string;
  newCrisis: DigestEntry[];
  dueSoon: DigestEntry[];
  overdue: DigestEntry[];
}

const DIGEST_DUE_WORKING_DAYS = 2;

/** The window of the digest of `today`: crisis cases opened on or after `openedSince`, due up to `dueBy`. */
export function digestWindow(today: string): { openedSince: string; dueBy: string } {
  return { openedSince: previousWorkingDay(today), dueBy: addWorkingDays(today, DIGEST_DUE_WORKING_DAYS) };
}

const byDue = (a: DigestEntry, b: DigestEntry) => (a.due < b.due ? -1 : a.due > b.due ? 1 : Number(a.id) - Number(b.id));

export function buildDigest(today: string, cases: readonly DigestCase[]): Digest {
  const { openedSince, dueBy } = digestWindow(today);
  const digest: Digest = { day: today, newCrisis: [], dueSoon: [], overdue: [] };
  for (const c of cases) {
    const entry = { id: c.id, due: c.due, own: c.own };
    if (c.due < today) digest.overdue.push(entry);
    else if (c.crisis && c.openedOn >= openedSince) digest.newCrisis.push(entry);
    else if (c.due <= dueBy) digest.dueSoon.push(entry);
  }
  digest.overdue.sort(byDue);
  digest.newCrisis.sort(byDue);
  digest.dueSoon.sort(byDue);
  return digest;
}

export function digestIsEmpty(d: Digest): boolean {
  return d.newCrisis.length + d.dueSoon.length + d.overdue.length === 0;
}
