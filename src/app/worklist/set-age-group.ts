import { appendAudit } from '../../db/repositories/audit.ts';
import { appendCaseEvents, getCaseOf, setAgeGroup as setAgeGroupRow } from '../../db/repositories/case-work.ts';
import { AGE_GROUPS } from '../../domain/worklist/queue-rules.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { auditActor, NotFoundInMunicipality, ownMunicipality, timelineActor, WorklistInputError } from './own-municipality.ts';

/**
 * Records the resident's age group as the municipality knows it (from its own records: no signal
 * may carry a birth date). Rules on age group use it; the case is classified again.
 */
export async function setAgeGroup(deps: AppDeps, ctx: CallContext, caseId: string, ageGroup: string): Promise<void> {
  const municipality = await ownMunicipality(deps, ctx, 'cases:work');
  if (ageGroup !== '' && !(AGE_GROUPS as readonly string[]).includes(ageGroup)) throw new WorklistInputError({ ageGroup: `one of ${AGE_GROUPS.join(', ')}, or empty` });
  await deps.db.transaction().execute(async (trx) => {
    const c = await getCaseOf(trx, municipality, caseId);
    if (!c) throw new NotFoundInMunicipality(`case ${caseId}`);
    await setAgeGroupRow(trx, municipality, c.id, ageGroup || null);
    await appendCaseEvents(trx, [{ caseId: c.id, municipality, kind: 'age_group', detail: { ageGroup: ageGroup || null }, ...timelineActor(ctx) }]);
    await appendAudit(trx, { ...auditActor(ctx), activity: 'case.age-group', objectType: 'case', objectIds: [c.id], subjectPseudonyms: c.bsn_pseudonym ? [c.bsn_pseudonym] : [], outcome: 'success' });
  });
}
