import { findUserByEmail } from '../../db/repositories/users.ts';
import { countEmailTokensSince } from '../../db/repositories/email-tokens.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { mayMailReset, RESET_MAIL_WINDOW_MS, RESET_TOKEN_MS } from '../../domain/access/email-tokens.ts';
import { isLocale } from '../../domain/i18n/index.ts';
import { MailNotConfigured } from '../../domain/mail/mailer.ts';
import { passwordResetMail } from '../../domain/mail/templates.ts';
import type { AppDeps } from '../context.ts';
import { issueEmailLink } from './email-links.ts';
import { NO_PASSWORD } from './passwords.ts';

/** Why no mail went out; only the audit trail knows, the person asking always gets the same answer. */
type NoMail = 'unknown' | 'disabled' | 'noPassword' | 'throttled';

/**
 * "Forgot password": mails a reset link to the address when it is an active account with a
 * password. The answer is the same whether or not the address is known (no account enumeration):
 * the caller shows one text and does not wait for the mail (`delivery`), so neither the answer nor
 * its time tells. At most MAX_RESET_MAILS_PER_HOUR mails per account per hour. An invited user who
 * never chose a password, or a user who logs in only through an identity provider, gets no mail: a
 * reset must not add a password where the organisation gave none (the administrator invites again).
 * Throws MailNotConfigured when nothing can send mail — for every address alike.
 */
export async function requestPasswordReset(
  deps: AppDeps,
  input: { email: string; baseUrl: string; traceId: string; spanId: string },
): Promise<{ delivery: Promise<void> }> {
  const mailer = deps.mailer;
  if (!mailer) throw new MailNotConfigured();
  const user = await findUserByEmail(deps.db, input.email.trim());
  const now = deps.now();
  const noMail: NoMail | undefined = !user
    ? 'unknown'
    : user.disabled_at
      ? 'disabled'
      : user.password_hash === NO_PASSWORD
        ? 'noPassword'
        : !mayMailReset(await countEmailTokensSince(deps.db, user.id, 'reset', new Date(now.getTime() - RESET_MAIL_WINDOW_MS)))
          ? 'throttled'
          : undefined;
  const audit = { traceId: input.traceId, spanId: input.spanId, activity: 'password.reset.request', actorType: 'user' as const, actorId: user?.id ?? 'unknown', organisationId: user?.organisation_id ?? null };
  if (!user || noMail) {
    await appendAudit(deps.db, { ...audit, outcome: 'refused', detail: { reason: noMail } });
    return { delivery: Promise.resolve() };
  }
  const link = await deps.db.transaction().execute(async (trx) => {
    const issued = await issueEmailLink(trx, deps, { userId: user.id, purpose: 'reset', baseUrl: input.baseUrl });
    await appendAudit(trx, { ...audit, objectType: 'user', objectIds: [user.id], outcome: 'success', detail: { expiresAt: issued.expiresAt.toISOString() } });
    return issued;
  });
  const mail = passwordResetMail(isLocale(user.locale) ? user.locale : 'nl', { name: user.display_name, link: link.url, hours: RESET_TOKEN_MS / 3600_000 });
  return { delivery: mailer.send({ to: user.email, ...mail }) };
}
