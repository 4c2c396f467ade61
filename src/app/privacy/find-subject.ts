import type { SubjectQuery } from '../../domain/privacy/subject-query.ts';
import { resolveSubjectQuery } from '../../domain/privacy/subject-query.ts';
import { findSubjectSignals, sameNameSignalsInCases, type SignalRecord, type SubjectKey } from '../../db/repositories/privacy.ts';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AppDeps } from '../context.ts';

export interface FoundSubject {
  foundBy: 'bsn' | 'address';
  bsnPseudonym: string | null;
  signals: SignalRecord[];
}

/** The subject key for the database: a BSN only ever as its keyed pseudonym. */
export function subjectKeyOf(deps: Pick<AppDeps, 'pseudonymize'>, q: SubjectQuery): { key: SubjectKey; foundBy: 'bsn' | 'address'; bsnPseudonym: string | null } {
  const r = resolveSubjectQuery(q);
  if (r.kind === 'bsn') {
    const p = deps.pseudonymize('bsn', r.bsn);
    return { key: { bsnPseudonym: p }, foundBy: 'bsn', bsnPseudonym: p };
  }
  return { key: { addressKey: r.addressKey, ...(r.surnameKey ? { surnameKey: r.surnameKey } : {}) }, foundBy: 'address', bsnPseudonym: null };
}

/**
 * One person's signals in a municipality. Found by BSN, it also takes in the signals matching put
 * in the same case under the same surname that carry no BSN (senders such as mortgage lenders may
 * not pass one): they are about the same person.
 */
export async function findSubject(db: Kysely<DB> | Transaction<DB>, deps: Pick<AppDeps, 'pseudonymize'>, municipality: string, q: SubjectQuery): Promise<FoundSubject> {
  const { key, foundBy, bsnPseudonym } = subjectKeyOf(deps, q);
  const direct = await findSubjectSignals(db, municipality, key);
  if (foundBy === 'address') return { foundBy, bsnPseudonym, signals: direct };
  const caseIds = [...new Set(direct.map((s) => s.case_id).filter((c): c is string => c !== null).map(String))];
  const names = [...new Set(direct.map((s) => s.surname_key).filter((n): n is string => !!n))];
  const more = await sameNameSignalsInCases(db, caseIds, names);
  const seen = new Set(direct.map((s) => String(s.id)));
  return { foundBy, bsnPseudonym, signals: [...direct, ...more.filter((s) => !seen.has(String(s.id)))] };
}
