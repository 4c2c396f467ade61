import { appendAudit } from '../../db/repositories/audit.ts';
import { claimDigestDelivery, digestCases, digestRecipients, releaseDigestDelivery, type DigestRecipient } from '../../db/repositories/digest.ts';
import { permissionsOf } from '../../domain/access/roles.ts';
import { isWorkingDay } from '../../domain/calendar/dutch-holidays.ts';
import { isLocale } from '../../domain/i18n/index.ts';
import { digestMail } from '../../domain/mail/digest-mail.ts';
import { buildDigest, digestIsEmpty, digestWindow, type Digest } from '../../domain/worklist/digest.ts';
import { dutchToday } from '../../domain/worklist/deadlines.ts';
import type { AppDeps, CallContext } from '../context.ts';

export interface DigestRun {
  day: string;
  /** false on weekends and public holidays: nothing is sent. */
  workingDay: boolean;
  mailConfigured: boolean;
  sent: number;
  /** Nothing to report: no mail. */
  empty: number;
  /** Already sent today (a second run). */
  alreadySent: number;
  failed: number;
}

/**
 * Mails every municipal worker (who handles cases and has not turned the e-mail off) the digest
 * of their own and the unassigned open cases — only those with something in it, once a day:
 * the day is claimed per user before the mail goes out and given back when sending fails. Each
 * mail sent is audited with the case numbers it mentions (counts only in the job's record).
 */
export async function sendDigests(deps: AppDeps, ctx: CallContext, opts: { baseUrl: string }): Promise<DigestRun> {
  const day = dutchToday(deps.now());
  const run: DigestRun = { day, workingDay: isWorkingDay(day), mailConfigured: deps.mailer !== undefined, sent: 0, empty: 0, alreadySent: 0, failed: 0 };
  if (!run.workingDay || !deps.mailer) return run;
  const mailer = deps.mailer;
  const window = digestWindow(day);
  const byMunicipality = new Map<string, DigestRecipient[]>();
  for (const r of await digestRecipients(deps.db)) {
    if (!permissionsOf(r.roles).has('cases:work')) continue;
    byMunicipality.set(r.municipality, [...(byMunicipality.get(r.municipality) ?? []), r]);
  }
  for (const [municipality, users] of byMunicipality) {
    const rows = await digestCases(deps.db, { municipality, users: users.map((u) => u.id), ...window });
    for (const user of users) {
      const mine = rows.filter((r) => r.assignedTo === null || r.assignedTo === user.id);
      const digest = buildDigest(day, mine.map((r) => ({ id: r.id, crisis: r.crisis, openedOn: r.openedOn, due: r.due, own: r.assignedTo === user.id })));
      if (digestIsEmpty(digest)) {
        run.empty++;
        continue;
      }
      const outcome = await mailOne(deps, ctx, mailer, user, digest, opts.baseUrl);
      run[outcome]++;
    }
  }
  return run;
}

const caseIds = (d: Digest) => [...d.newCrisis, ...d.dueSoon, ...d.overdue].map((e) => e.id);

async function mailOne(deps: AppDeps, ctx: CallContext, mailer: NonNullable<AppDeps['mailer']>, user: DigestRecipient, digest: Digest, baseUrl: string): Promise<'sent' | 'alreadySent' | 'failed'> {
  const audit = {
    traceId: ctx.traceId,
    spanId: ctx.spanId,
    activity: 'digest.send',
    actorType: ctx.actor.type,
    actorId: ctx.actor.id,
    organisationId: user.organisationId,
    objectType: 'case',
    objectIds: caseIds(digest),
  };
  const counts = { userId: user.id, day: digest.day, newCrisis: digest.newCrisis.length, dueSoon: digest.dueSoon.length, overdue: digest.overdue.length };
  const claimed = await deps.db.transaction().execute(async (trx) => {
    if (!(await claimDigestDelivery(trx, user.id, digest.day))) return false;
    await appendAudit(trx, { ...audit, outcome: 'success', detail: counts });
    return true;
  });
  if (!claimed) return 'alreadySent';
  const mail = digestMail(isLocale(user.locale) ? user.locale : 'nl', { name: user.displayName, digest, baseUrl });
  try {
    await mailer.send({ to: user.email, ...mail });
    return 'sent';
  } catch (e) {
    // The claim goes back so a retry of the job sends it; the audit says the earlier record did not reach the user.
    await deps.db.transaction().execute(async (trx) => {
      await releaseDigestDelivery(trx, user.id, digest.day);
      await appendAudit(trx, { ...audit, outcome: 'error', detail: { ...counts, error: e instanceof Error ? e.name : 'unknown' } });
    });
    return 'failed';
  }
}
