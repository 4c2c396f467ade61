import { addYears, DATE_MAX, DATE_MIN, keyToDate, requireDateKey } from './input-checks.ts';
import type { RegulationVersionDoc } from './regulation.ts';

/**
 * Art. 10 Wgs: another signal may be designated by ministerial regulation "for at most five
 * years". A version flagged `temporary_designation` must therefore have an end, and neither the
 * version, nor any designation in it, nor one designation followed across the regulation's
 * versions may span more than five years (from its first day up to and including its last day).
 */

const MAX_DESIGNATION_YEARS = 5;

function exceeds(from: number, until: number): boolean {
  return until >= addYears(from, MAX_DESIGNATION_YEARS);
}

export function designationPeriodErrors(versions: readonly RegulationVersionDoc[]): string[] {
  const errors: string[] = [];
  const flagged = new Set<string>();
  const spans = new Map<string, { from: number; until: number }>();
  for (const v of versions) {
    if (!v.temporary_designation) continue;
    const where = `${v.id}/${v.valid_from}`;
    if (v.valid_until === null) {
      errors.push(`${where}: a designation under art. 10 Wgs must end (valid_until is null)`);
      continue;
    }
    const from = requireDateKey(v.valid_from, DATE_MIN, `${where} valid_from`);
    const until = requireDateKey(v.valid_until, DATE_MAX, `${where} valid_until`);
    if (exceeds(from, until)) {
      errors.push(`${where}: valid ${v.valid_from} to ${v.valid_until} exceeds the ${MAX_DESIGNATION_YEARS}-year maximum of art. 10 Wgs`);
    }
    for (const r of v.rules) {
      const dFrom = requireDateKey(r.designation.from ?? v.valid_from, DATE_MIN, `${where} ${r.id} designation.from`);
      const dUntil = requireDateKey(r.designation.until ?? v.valid_until, DATE_MAX, `${where} ${r.id} designation.until`);
      const key = `${v.id}#${r.id}`;
      if (exceeds(dFrom, dUntil)) {
        flagged.add(key);
        errors.push(
          `${where}: designation ${r.id} (${keyToDate(dFrom)} to ${keyToDate(dUntil)}) exceeds the ${MAX_DESIGNATION_YEARS}-year maximum of art. 10 Wgs`,
        );
      }
      const seen = spans.get(key);
      spans.set(key, seen === undefined ? { from: dFrom, until: dUntil } : { from: Math.min(seen.from, dFrom), until: Math.max(seen.until, dUntil) });
    }
  }
  for (const [key, s] of spans) {
    if (!flagged.has(key) && exceeds(s.from, s.until)) {
      errors.push(
        `${key.replace('#', ': designation ')} spans ${keyToDate(s.from)} to ${keyToDate(s.until)} over its versions, more than the ${MAX_DESIGNATION_YEARS}-year maximum of art. 10 Wgs`,
      );
    }
  }
  return errors;
}
