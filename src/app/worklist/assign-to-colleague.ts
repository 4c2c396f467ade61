import { appendAudit } from '../../db/repositories/audit.ts';
import { appendCaseEvents, isActiveColleague } from '../../db/repositories/case-work.ts';
import { assignCases as assignRows } from '../../db/repositories/worklist.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { auditActor, ownMunicipality, timelineActor, WorklistInputError } from './own-municipality.ts';

const MAX_BULK = 500;

/**
 * Assigns one or many open cases of the caller's municipality to a colleague ('' or null:
 * unassign). Ids of other municipalities' cases are ignored (they do not exist for the caller).
 * Returns the ids that changed.
 */
export async function assignCases(deps: AppDeps, ctx: CallContext, input: { caseIds: string[]; userId: string | null }): Promise<string[]> {
  const municipality = await ownMunicipality(deps, ctx, 'cases:work');
  const ids = [...new Set(input.caseIds)].filter((id) => /^\d{1,18}$/.test(id));
  if (ids.length === 0) throw new WorklistInputError({ caseIds: 'select at least one case' });
  if (ids.length > MAX_BULK) throw new WorklistInputError({ caseIds: `at most ${MAX_BULK} cases at once` });
  const userId = input.userId || null;
  if (userId && !(await isActiveColleague(deps.db, ctx.actor.organisationId, userId))) throw new WorklistInputError({ userId: 'not an active user of your organisation' });
  return deps.db.transaction().execute(async (trx) => {
    const changed = await assignRows(trx, municipality, ids, userId);
    await appendCaseEvents(trx, changed.map((caseId) => ({ caseId, municipality, kind: 'assigned', detail: { userId }, ...timelineActor(ctx) })));
    await appendAudit(trx, { ...auditActor(ctx), activity: 'case.assign', objectType: 'case', objectIds: changed, outcome: 'success', detail: { userId, requested: ids.length } });
    return changed;
  });
}
