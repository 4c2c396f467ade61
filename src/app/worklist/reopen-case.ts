import { appendAudit } from '../../db/repositories/audit.ts';
import { appendCaseEvents, getCaseOf, openCasesAtAddress, reopenCase as reopenStoredCase } from '../../db/repositories/case-work.ts';
import { sameHousehold } from '../../domain/matching/match-address.ts';
import { checkReopen, reopenedStatus } from '../../domain/cases/case-status.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { auditActor, NotFoundInMunicipality, ownMunicipality, timelineActor, WorklistInputError } from './own-municipality.ts';

/**
 * Re-opens a closed case of the caller's municipality with the worker's reason: the end result is
 * undone, so the case goes back to the worklist, and the result it had and the reason are kept on the
 * timeline and in the audit trail.
 */
export async function reopenCase(deps: AppDeps, ctx: CallContext, caseId: string, input: { reason: string }): Promise<void> {
  const municipality = await ownMunicipality(deps, ctx, 'cases:work');
  await deps.db.transaction().execute(async (trx) => {
    const c = await getCaseOf(trx, municipality, caseId);
    if (!c) throw new NotFoundInMunicipality(`case ${caseId}`);
    const household = { bsnPseudonym: c.bsn_pseudonym, surnameKey: c.surname_key ?? '' };
    const sibling = (await openCasesAtAddress(trx, municipality, c.address_key)).find((o) => sameHousehold(o, household));
    const check = checkReopen(c, input.reason, sibling?.id);
    if (!check.allowed) throw new WorklistInputError({ reason: check.reason });
    const reason = input.reason.trim();
    const to = reopenedStatus(c);
    await reopenStoredCase(trx, municipality, c.id, to, c.result);
    await appendCaseEvents(trx, [{ caseId: c.id, municipality, kind: 'reopened', detail: { previousResult: c.result, reason, status: to }, ...timelineActor(ctx) }]);
    await appendAudit(trx, { ...auditActor(ctx), activity: 'case.reopen', objectType: 'case', objectIds: [c.id], subjectPseudonyms: c.bsn_pseudonym ? [c.bsn_pseudonym] : [], outcome: 'success', detail: { previousResult: c.result, reason, status: to } });
  });
}

/** What the re-open form shows: the case's status and end result, no personal data (so no audit entry). */
export async function caseToReopen(deps: AppDeps, ctx: CallContext, caseId: string): Promise<{ id: string; status: string; result: string | null }> {
  const municipality = await ownMunicipality(deps, ctx, 'cases:work');
  const c = await getCaseOf(deps.db, municipality, caseId);
  if (!c) throw new NotFoundInMunicipality(`case ${caseId}`);
  return { id: c.id, status: c.status, result: c.result };
}
