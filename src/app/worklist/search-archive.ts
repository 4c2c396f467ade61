import { appendAudit } from '../../db/repositories/audit.ts';
import { searchClosedCases, type ArchivedCase } from '../../db/repositories/archive.ts';
import { dutchDayStart, nextDay, parseArchiveQuery, type ArchiveInput } from '../../domain/worklist/archive-query.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { auditActor, ownMunicipality, WorklistInputError } from './own-municipality.ts';

/** Enough to find a case; a search that finds more is asked to be narrowed. */
export const ARCHIVE_LIMIT = 50;

export interface ArchiveResult {
  rows: Array<Omit<ArchivedCase, 'bsn_pseudonym'>>;
  /** More cases matched than are shown. */
  more: boolean;
}

/**
 * Searches the caller's municipality's closed cases by case number, postcode, surname and the period
 * they were closed in. Every search is recorded in the audit trail — what was looked for (a name as
 * its surname key) and the residents found — as opening a case is.
 */
export async function searchArchive(deps: AppDeps, ctx: CallContext, input: ArchiveInput): Promise<ArchiveResult> {
  const municipality = await ownMunicipality(deps, ctx, 'cases:read');
  const parsed = parseArchiveQuery(input);
  if (!parsed.value) throw new WorklistInputError(parsed.errors);
  const q = parsed.value;
  const found = await searchClosedCases(deps.db, municipality, {
    ...(q.caseId ? { caseId: q.caseId } : {}),
    ...(q.postcode ? { postcode: q.postcode } : {}),
    ...(q.surnameKey ? { surnameKey: q.surnameKey } : {}),
    ...(q.closedFrom ? { closedFrom: dutchDayStart(q.closedFrom) } : {}),
    ...(q.closedTo ? { closedBefore: dutchDayStart(nextDay(q.closedTo)) } : {}),
    limit: ARCHIVE_LIMIT + 1,
  });
  const rows = found.slice(0, ARCHIVE_LIMIT);
  const pseudonyms = [...new Set(rows.map((r) => r.bsn_pseudonym).filter((p): p is string => !!p))];
  await appendAudit(deps.db, {
    ...auditActor(ctx),
    activity: 'archive.search',
    objectType: 'case',
    objectIds: rows.map((r) => r.id),
    subjectPseudonyms: pseudonyms,
    outcome: 'success',
    detail: { query: q, results: rows.length },
  });
  return { rows: rows.map(({ bsn_pseudonym: _, ...r }) => r), more: found.length > ARCHIVE_LIMIT };
}
