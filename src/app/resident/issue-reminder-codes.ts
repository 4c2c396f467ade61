import { randomBytes } from 'node:crypto';
import { requirePermission } from '../../domain/access/actor.ts';
import { codeFromBytes, formatCode } from '../../domain/resident/reminder-code.ts';
import { checkReminderRequest, expiryMoment, type ReminderProblem, type ReminderRequest } from '../../domain/resident/reminder-request.ts';
import { dutchToday } from '../../domain/worklist/deadlines.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { insertReminders, type NewReminder } from '../../db/repositories/resident-reminders.ts';
import { auditBy, type AppDeps, type CallContext } from '../context.ts';
import { forgetSenderAnswer } from './intake-gate.ts';

export type IssuedCode =
  | { reference: string; code: string; expiresOn: string }
  | { reference: string; problem: ReminderProblem | 'REFERENCE_HAS_CODE' | 'REFERENCE_TWICE' };

export const MAX_REMINDERS_PER_CALL = 10_000;

/** The keyed hash a code is kept as (the code itself is shown once, to the creditor, and printed). */
export const codeHash = (deps: Pick<AppDeps, 'pseudonymize'>, code: string) => deps.pseudonymize('resident-code', code);

/**
 * A creditor asks codes for its reminder letters, in bulk (issue 24): one per future signal
 * reference. A reference that has a code already keeps it (REFERENCE_HAS_CODE): a code is printed
 * once and belongs to one reminder. Only the codes' hashes are stored; the audit record counts.
 */
export async function issueReminderCodes(deps: AppDeps, ctx: CallContext, requests: readonly ReminderRequest[]): Promise<IssuedCode[]> {
  requirePermission(ctx.actor, 'signals:submit');
  const today = dutchToday(deps.now());
  const out: IssuedCode[] = [];
  const rows: NewReminder[] = [];
  const seen = new Set<string>();
  for (const r of requests) {
    const c = checkReminderRequest(r, today);
    const reference = typeof r.reference === 'string' ? r.reference.trim() : '';
    if (typeof c === 'string') out.push({ reference, problem: c });
    else if (seen.has(c.reference)) out.push({ reference, problem: 'REFERENCE_TWICE' });
    else {
      seen.add(c.reference);
      const code = codeFromBytes(randomBytes(12));
      rows.push({ sender_org_id: ctx.actor.organisationId, reference: c.reference, code_hash: codeHash(deps, code), postcode: c.postcode, house_number: c.houseNumber, expires_at: expiryMoment(c.expiresOn) });
      out.push({ reference: c.reference, code, expiresOn: c.expiresOn });
    }
  }
  const inserted = await deps.db.transaction().execute(async (trx) => {
    const done = await insertReminders(trx, rows);
    await appendAudit(trx, {
      ...auditBy(ctx),
      activity: 'resident.codes.issue',
      objectType: 'resident_reminder',
      outcome: 'success',
      detail: { requested: requests.length, issued: done.size },
    });
    return done;
  });
  if (inserted.size > 0) forgetSenderAnswer(deps, ctx.actor.organisationId);
  return out.map((o) => ('code' in o ? (inserted.has(o.reference) ? { ...o, code: formatCode(o.code) } : { reference: o.reference, problem: 'REFERENCE_HAS_CODE' as const }) : o));
}
