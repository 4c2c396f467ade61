import { appendAudit } from '../../db/repositories/audit.ts';
import { appendCaseEvents, getCaseOf, insertContactAttempt, setCaseProgress } from '../../db/repositories/case-work.ts';
import { insertOutreachMessages } from '../../db/repositories/outreach.ts';
import { checkCaseTransition } from '../../domain/cases/case-status.ts';
import { CHANNEL_CONTACT_TYPE } from '../../domain/outreach/contact-type.ts';
import type { Channel, Language } from '../../domain/outreach/templates.ts';
import { afterContactAttempt } from '../../domain/worklist/case-work.ts';
import { dutchToday } from '../../domain/worklist/deadlines.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { auditActor, timelineActor } from '../worklist/own-municipality.ts';

const BATCH = 200;

/**
 * Registers messages that went out: per case the DDAS contact attempt of the channel (Brief, Mail,
 * SMS/Whatsapp; not reached — a letter does not tell whether it was read), its timeline entry, the
 * message row, and per batch one audit record naming the cases but no contact detail. A closed case
 * gets no attempt (it cannot be picked up again without re-opening). Returns the cases registered.
 */
export async function registerSent(deps: AppDeps, ctx: CallContext, municipality: string, caseIds: readonly string[], channel: Channel, language: Language): Promise<string[]> {
  const today = dutchToday(deps.now());
  const contactType = CHANNEL_CONTACT_TYPE[channel];
  const createdBy = ctx.actor.type === 'user' ? ctx.actor.id : null;
  const registered: string[] = [];
  for (let i = 0; i < caseIds.length; i += BATCH) {
    const ids = caseIds.slice(i, i + BATCH);
    await deps.db.transaction().execute(async (trx) => {
      const done: string[] = [];
      const pseudonyms: string[] = [];
      const messages: Parameters<typeof insertOutreachMessages>[1][number][] = [];
      for (const caseId of ids) {
        const c = await getCaseOf(trx, municipality, caseId);
        if (!c || !checkCaseTransition(c, 'picked_up').allowed) continue;
        const attempt = { contactType, reached: false, date: today, partOfDay: null };
        const attemptId = await insertContactAttempt(trx, { caseId: c.id, municipality, ...attempt, createdBy });
        const next = afterContactAttempt({ status: c.status, pickedUpOn: c.picked_up_on }, attempt);
        if (next.status !== c.status || next.pickedUpOn !== c.picked_up_on) await setCaseProgress(trx, municipality, c.id, next);
        await appendCaseEvents(trx, [
          { caseId: c.id, municipality, kind: 'contact_attempt', detail: { contactType, reached: false, date: today, partOfDay: null, outreach: channel }, ...timelineActor(ctx) },
          ...(c.status === 'open' && next.status === 'picked_up' ? [{ caseId: c.id, municipality, kind: 'picked_up', detail: { date: next.pickedUpOn }, ...timelineActor(ctx) }] : []),
        ]);
        messages.push({ caseId: c.id, municipality, channel, language, contactAttemptId: attemptId, sentBy: createdBy });
        done.push(c.id);
        if (c.bsn_pseudonym) pseudonyms.push(c.bsn_pseudonym);
      }
      await insertOutreachMessages(trx, messages);
      if (done.length) await appendAudit(trx, { ...auditActor(ctx), activity: `outreach.${channel}`, objectType: 'case', objectIds: done, subjectPseudonyms: pseudonyms, outcome: 'success', detail: { channel, language, count: done.length, contactType } });
      registered.push(...done);
    });
  }
  return registered;
}
