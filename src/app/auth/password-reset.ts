import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { findUserByEmail } from '../../db/repositories/users.ts';
import { countEmailTokensSince, lockUserForLinks } from '../../db/repositories/email-tokens.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { mayMailReset, RESET_MAIL_WINDOW_MS, RESET_TOKEN_MS } from '../../domain/access/email-tokens.ts';
import { isLocale } from '../../domain/i18n/index.ts';
import { MailNotConfigured, type Mailer } from '../../domain/mail/mailer.ts';
import { passwordResetMail } from '../../domain/mail/templates.ts';
import type { AppDeps } from '../context.ts';
import { issueEmailLink } from './email-links.ts';
import { NO_PASSWORD } from './passwords.ts';

/** Why no mail went out; only the audit trail knows, the person asking always gets the same answer. */
type NoMail = 'unknown' | 'disabled' | 'noPassword' | 'throttled';

/**
 * "Forgot password": mails a reset link to the address when it is an active account with a
 * password. The answer is the same whether or not the address is known (no account enumeration):
 * everything — the lookup, the link, the audit record, the mail — happens in `delivery`, which the
 * caller does not wait for, so neither the answer nor its time tells. At most
 * MAX_RESET_MAILS_PER_HOUR mails per account per hour. An invited user who never chose a password,
 * or a user who logs in only through an identity provider, gets no mail: a reset must not add a
 * password where the organisation gave none (the administrator invites again). Throws
 * MailNotConfigured when nothing can send mail — for every address alike.
 */
export function requestPasswordReset(deps: AppDeps, input: { email: string; baseUrl: string; traceId: string; spanId: string }): { delivery: Promise<void> } {
  const mailer = deps.mailer;
  if (!mailer) throw new MailNotConfigured();
  return { delivery: mailResetLink(deps, mailer, input) };
}

/** Why this account gets no reset mail now, if it gets none; with the user's row locked, so requests at the same moment count one another's links. */
async function whyNoMail(trx: Transaction<DB>, user: { id: string; disabled_at: Date | null; password_hash: string } | undefined, now: Date): Promise<NoMail | undefined> {
  if (!user) return 'unknown';
  if (user.disabled_at) return 'disabled';
  if (user.password_hash === NO_PASSWORD) return 'noPassword';
  await lockUserForLinks(trx, user.id);
  return mayMailReset(await countEmailTokensSince(trx, user.id, 'reset', new Date(now.getTime() - RESET_MAIL_WINDOW_MS))) ? undefined : 'throttled';
}

async function mailResetLink(deps: AppDeps, mailer: Mailer, input: { email: string; baseUrl: string; traceId: string; spanId: string }): Promise<void> {
  const user = await findUserByEmail(deps.db, input.email.trim());
  const audit = { traceId: input.traceId, spanId: input.spanId, activity: 'password.reset.request', actorType: 'user' as const, actorId: user?.id ?? 'unknown', organisationId: user?.organisation_id ?? null };
  const link = await deps.db.transaction().execute(async (trx) => {
    const noMail = await whyNoMail(trx, user, deps.now());
    if (!user || noMail) {
      await appendAudit(trx, { ...audit, outcome: 'refused', detail: { reason: noMail } });
      return undefined;
    }
    const issued = await issueEmailLink(trx, deps, { userId: user.id, purpose: 'reset', baseUrl: input.baseUrl });
    await appendAudit(trx, { ...audit, objectType: 'user', objectIds: [user.id], outcome: 'success', detail: { expiresAt: issued.expiresAt.toISOString() } });
    return issued;
  });
  if (!user || !link) return;
  const mail = passwordResetMail(isLocale(user.locale) ? user.locale : 'nl', { name: user.display_name, link: link.url, hours: RESET_TOKEN_MS / 3600_000 });
  await mailer.send({ to: user.email, ...mail });
}
