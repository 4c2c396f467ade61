import { surnameKey } from '../matching/normalise-address.ts';
import { normalisePostcode } from '../signals/normalise.ts';
import { dutchToday } from './deadlines.ts';

/** A search of closed cases, checked: what the repository looks for (a name only as its surname key). */
export interface ArchiveQuery {
  caseId?: string;
  postcode?: string;
  surnameKey?: string;
  closedFrom?: string;
  closedTo?: string;
}

export interface ArchiveInput {
  caseId?: string;
  postcode?: string;
  name?: string;
  from?: string;
  to?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: string) => DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/**
 * The archive's search form, checked. A name is searched by its surname key (prefixes dropped,
 * transliterated), the same key matching stored, so "Van der Meer" finds "meer" and no raw name is
 * compared. At least one criterion: the archive is not a list of every closed case.
 */
export function parseArchiveQuery(input: ArchiveInput): { value?: ArchiveQuery; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const q: ArchiveQuery = {};
  const caseId = input.caseId?.trim() ?? '';
  if (caseId) {
    if (/^\d{1,18}$/.test(caseId)) q.caseId = caseId;
    else errors.caseId = 'not a case number';
  }
  const postcode = input.postcode?.trim() ?? '';
  if (postcode) {
    const pc = normalisePostcode(postcode);
    if (pc) q.postcode = pc;
    else errors.postcode = 'not a postcode (1234 AB)';
  }
  const name = input.name?.trim() ?? '';
  if (name) {
    const key = surnameKey(undefined, name);
    if (key) q.surnameKey = key;
    else errors.name = 'not a surname';
  }
  for (const [field, key] of [['from', 'closedFrom'], ['to', 'closedTo']] as const) {
    const v = input[field]?.trim() ?? '';
    if (!v) continue;
    if (isDate(v)) q[key] = v;
    else errors[field] = 'not a date (YYYY-MM-DD)';
  }
  if (q.closedFrom && q.closedTo && q.closedFrom > q.closedTo) errors.to = 'the end is before the start';
  if (Object.keys(errors).length > 0) return { errors };
  if (Object.keys(q).length === 0) return { errors: { form: 'give at least one of case number, postcode, name or period' } };
  return { value: q, errors: {} };
}

/** The instant a Dutch calendar day begins (midnight in Amsterdam: UTC+1 in winter, UTC+2 in summer). */
export function dutchDayStart(date: string): Date {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  for (const hours of [2, 1]) {
    const at = new Date(utcMidnight - hours * 3_600_000);
    if (dutchToday(at) === date && dutchToday(new Date(at.getTime() - 1)) !== date) return at;
  }
  return new Date(utcMidnight - 3_600_000);
}

/** The day after a 'YYYY-MM-DD' date. */
export function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
