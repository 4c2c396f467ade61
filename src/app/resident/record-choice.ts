import { setChoice } from '../../db/repositories/resident-reminders.ts';
import type { ResidentChoice } from '../../domain/resident/choice.ts';
import type { AppDeps } from '../context.ts';
import type { Reminder } from './open-reminder.ts';
import { auditResident } from './resident-audit.ts';

export type ChoiceResult = { recorded: true } | { recorded: false; reason: 'closed' };

/**
 * Records the resident's choice for one reminder (or withdraws it: null) while the reminder runs
 * and its signal has not arrived. Audited with the creditor and the choice, nothing about the person.
 */
export async function recordChoice(
  deps: AppDeps,
  trace: { traceId: string; spanId: string },
  reminder: Reminder,
  choice: ResidentChoice | null,
  via: 'code' | 'digid',
): Promise<ChoiceResult> {
  return deps.db.transaction().execute(async (trx) => {
    const ok = await setChoice(trx, reminder.id, choice, via, deps.now());
    await auditResident(trx, trace, {
      activity: 'resident.choice',
      outcome: ok ? 'success' : 'refused',
      organisationId: reminder.sender_org_id,
      objectIds: [reminder.id],
      detail: { choice: choice ?? 'withdrawn', via, ...(ok ? {} : { reason: 'closed' }) },
    });
    return ok ? { recorded: true } : { recorded: false, reason: 'closed' };
  });
}
