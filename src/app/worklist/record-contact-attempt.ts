import { appendAudit } from '../../db/repositories/audit.ts';
import { appendCaseEvents, getCaseOf, insertContactAttempt, setCaseProgress } from '../../db/repositories/case-work.ts';
import { checkCaseTransition } from '../../domain/cases/case-status.ts';
import { afterContactAttempt, parseContactAttempt } from '../../domain/worklist/case-work.ts';
import { dutchToday } from '../../domain/worklist/deadlines.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { auditActor, NotFoundInMunicipality, ownMunicipality, timelineActor, WorklistInputError } from './own-municipality.ts';

/**
 * Records a DDAS contact attempt on a case of the caller's municipality. The first real attempt
 * marks the case picked up (datum_opgepakt), which stops its deadline. One transaction with the
 * timeline entry and the audit record.
 */
export async function recordContactAttempt(
  deps: AppDeps,
  ctx: CallContext,
  caseId: string,
  input: { contactType: string; reached: string; date: string; partOfDay: string },
): Promise<string> {
  const municipality = await ownMunicipality(deps, ctx, 'cases:work');
  return deps.db.transaction().execute(async (trx) => {
    const c = await getCaseOf(trx, municipality, caseId);
    if (!c) throw new NotFoundInMunicipality(`case ${caseId}`);
    const transition = checkCaseTransition(c, 'picked_up');
    if (!transition.allowed) throw new WorklistInputError({ case: transition.reason });
    const parsed = parseContactAttempt(input, { today: dutchToday(deps.now()), notBefore: c.first_signal_date });
    if (!parsed.value) throw new WorklistInputError(parsed.errors as Record<string, string>);
    const a = parsed.value;
    const id = await insertContactAttempt(trx, { caseId: c.id, municipality, contactType: a.contactType, reached: a.reached, date: a.date, partOfDay: a.partOfDay, createdBy: ctx.actor.type === 'user' ? ctx.actor.id : null });
    const next = afterContactAttempt({ status: c.status, pickedUpOn: c.picked_up_on }, a);
    if (next.status !== c.status || next.pickedUpOn !== c.picked_up_on) await setCaseProgress(trx, municipality, c.id, next);
    await appendCaseEvents(trx, [
      { caseId: c.id, municipality, kind: 'contact_attempt', detail: { contactType: a.contactType, reached: a.reached, date: a.date, partOfDay: a.partOfDay }, ...timelineActor(ctx) },
      ...(c.status === 'open' && next.status === 'picked_up' ? [{ caseId: c.id, municipality, kind: 'picked_up', detail: { date: next.pickedUpOn }, ...timelineActor(ctx) }] : []),
    ]);
    await appendAudit(trx, { ...auditActor(ctx), activity: 'case.contact-attempt', objectType: 'case', objectIds: [c.id], subjectPseudonyms: c.bsn_pseudonym ? [c.bsn_pseudonym] : [], outcome: 'success', detail: { contactAttemptId: id } });
    return id;
  });
}
