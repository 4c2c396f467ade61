import { appendAudit } from '../../db/repositories/audit.ts';
import { appendCaseEvents, closeCase, getCaseOf, setStatusOfCaseSignals } from '../../db/repositories/case-work.ts';
import { checkCaseTransition } from '../../domain/cases/case-status.ts';
import { signalStatusForCaseResult } from '../../domain/feedback/creditor-feedback.ts';
import { parseOutcome, pickedUpOnClosing } from '../../domain/worklist/case-work.ts';
import { dutchToday } from '../../domain/worklist/deadlines.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { auditActor, NotFoundInMunicipality, ownMunicipality, timelineActor, WorklistInputError } from './own-municipality.ts';

/** Closes a case of the caller's municipality with a DDAS end result (EnumEindresultaat); a "not picked up" result becomes its signals' status. */
export async function recordOutcome(deps: AppDeps, ctx: CallContext, caseId: string, input: { result: string }): Promise<void> {
  const municipality = await ownMunicipality(deps, ctx, 'cases:work');
  await deps.db.transaction().execute(async (trx) => {
    const c = await getCaseOf(trx, municipality, caseId);
    if (!c) throw new NotFoundInMunicipality(`case ${caseId}`);
    const transition = checkCaseTransition(c, 'closed');
    if (!transition.allowed) throw new WorklistInputError({ result: transition.reason });
    const parsed = parseOutcome(input.result);
    if (!parsed.value) throw new WorklistInputError(parsed.errors as Record<string, string>);
    // a result that means the case was taken up records datum_opgepakt if nothing did before
    const pickedUpOn = pickedUpOnClosing(c.picked_up_on, parsed.value, dutchToday(deps.now()));
    await closeCase(trx, municipality, c.id, parsed.value, deps.now(), pickedUpOn === c.picked_up_on ? null : pickedUpOn);
    // The creditor is told (DDAS): a result such as "Niet opgepakt: andere reden" becomes its signals' status.
    const signalStatus = signalStatusForCaseResult(parsed.value);
    if (signalStatus) await setStatusOfCaseSignals(trx, c.id, signalStatus);
    await appendCaseEvents(trx, [{ caseId: c.id, municipality, kind: 'outcome', detail: { result: parsed.value }, ...timelineActor(ctx) }]);
    await appendAudit(trx, { ...auditActor(ctx), activity: 'case.outcome', objectType: 'case', objectIds: [c.id], subjectPseudonyms: c.bsn_pseudonym ? [c.bsn_pseudonym] : [], outcome: 'success', detail: { result: parsed.value } });
  });
}
