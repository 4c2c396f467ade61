import { appendAudit } from '../../db/repositories/audit.ts';
import { appendCaseEvents, type CaseEventInput } from '../../db/repositories/case-work.ts';
import { casesForAttempts, insertContactAttempts, insertOutreachMessages, markPickedUp } from '../../db/repositories/outreach.ts';
import { checkCaseTransition } from '../../domain/cases/case-status.ts';
import { CHANNEL_CONTACT_TYPE } from '../../domain/outreach/contact-type.ts';
import type { Channel, Language } from '../../domain/outreach/templates.ts';
import { afterContactAttempt } from '../../domain/worklist/case-work.ts';
import { dutchToday } from '../../domain/worklist/deadlines.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { auditActor, timelineActor } from '../worklist/own-municipality.ts';

const BATCH = 500;

/**
 * Registers messages that went out: per case the DDAS contact attempt of the channel (Brief, Mail,
 * SMS/Whatsapp; not reached — a letter does not tell whether it was read), its timeline entry, the
 * message row, and per batch one audit record naming the cases but no contact detail. A closed case
 * gets no attempt (it cannot be picked up again without re-opening). Set-based per batch, so a run of
 * thousands of letters costs a handful of statements a batch. Returns the cases registered.
 */
export async function registerSent(deps: AppDeps, ctx: CallContext, municipality: string, caseIds: readonly string[], channel: Channel, language: Language): Promise<string[]> {
  const today = dutchToday(deps.now());
  const contactType = CHANNEL_CONTACT_TYPE[channel];
  const createdBy = ctx.actor.type === 'user' ? ctx.actor.id : null;
  const attempt = { contactType, reached: false, date: today, partOfDay: null };
  const registered: string[] = [];
  for (let i = 0; i < caseIds.length; i += BATCH) {
    await deps.db.transaction().execute(async (trx) => {
      const cases = (await casesForAttempts(trx, municipality, caseIds.slice(i, i + BATCH))).filter((c) => checkCaseTransition(c, 'picked_up').allowed);
      if (cases.length === 0) return;
      const ids = cases.map((c) => c.id);
      const attemptIds = await insertContactAttempts(trx, municipality, ids, { ...attempt, createdBy });
      const events: CaseEventInput[] = [];
      const pickedUp: string[] = [];
      for (const c of cases) {
        const next = afterContactAttempt({ status: c.status, pickedUpOn: c.picked_up_on }, attempt);
        if (next.status !== c.status || next.pickedUpOn !== c.picked_up_on) pickedUp.push(c.id);
        events.push({ caseId: c.id, municipality, kind: 'contact_attempt', detail: { contactType, reached: false, date: today, partOfDay: null, outreach: channel }, ...timelineActor(ctx) });
        if (c.status === 'open' && next.status === 'picked_up') events.push({ caseId: c.id, municipality, kind: 'picked_up', detail: { date: next.pickedUpOn }, ...timelineActor(ctx) });
      }
      await markPickedUp(trx, municipality, pickedUp, today);
      await appendCaseEvents(trx, events);
      await insertOutreachMessages(trx, ids.map((id) => ({ caseId: id, municipality, channel, language, contactAttemptId: attemptIds.get(id) ?? null, sentBy: createdBy })));
      const pseudonyms = cases.flatMap((c) => (c.bsn_pseudonym ? [c.bsn_pseudonym] : []));
      await appendAudit(trx, { ...auditActor(ctx), activity: `outreach.${channel}`, objectType: 'case', objectIds: ids, subjectPseudonyms: pseudonyms, outcome: 'success', detail: { channel, language, count: ids.length, contactType } });
      registered.push(...ids);
    });
  }
  return registered;
}
