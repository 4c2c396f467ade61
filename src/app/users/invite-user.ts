import { requirePermission } from '../../domain/access/actor.ts';
import { INVITATION_TOKEN_MS } from '../../domain/access/email-tokens.ts';
import { isLocale } from '../../domain/i18n/index.ts';
import { MailNotConfigured, type Mailer } from '../../domain/mail/mailer.ts';
import { invitationMail } from '../../domain/mail/templates.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { openInvitations, retireEmailTokens } from '../../db/repositories/email-tokens.ts';
import { findUserById, insertUser } from '../../db/repositories/users.ts';
import { issueEmailLink } from '../auth/email-links.ts';
import { NO_PASSWORD } from '../auth/passwords.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { organisationForNewUser, type NewUser } from './create-user.ts';

/**
 * The user exists and the invitation is valid, but the mail server did not take the mail: the
 * administrator can send it again ("Opnieuw uitnodigen") once mail works.
 */
export class InvitationNotSent extends Error {
  constructor(readonly userId: string, cause: unknown) {
    super('the invitation was not sent', { cause });
  }
}

/** Why no new invitation: the user is disabled, or was not invited (or chose a password already). */
export class ReinviteRefused extends Error {
  constructor(readonly reason: 'disabled' | 'notInvited') {
    super(`no new invitation: ${reason}`);
  }
}

function mailerOf(deps: AppDeps): Mailer {
  if (!deps.mailer) throw new MailNotConfigured();
  return deps.mailer;
}

async function sendInvitation(mailer: Mailer, user: { id: string; email: string; display_name: string; locale: string; organisation_name: string }, url: string): Promise<void> {
  const mail = invitationMail(isLocale(user.locale) ? user.locale : 'nl', { name: user.display_name, organisation: user.organisation_name, link: url, days: INVITATION_TOKEN_MS / (24 * 3600_000) });
  try {
    await mailer.send({ to: user.email, ...mail });
  } catch (e) {
    throw new InvitationNotSent(user.id, e);
  }
}

/**
 * Adds a user to the caller's organisation without a password and mails them a link to choose one
 * (INVITATION_TOKEN_MS). Nobody, the administrator included, ever knows the new user's password.
 * Refused before anything is stored when e-mail is not configured.
 */
export async function inviteUser(deps: AppDeps, ctx: CallContext, input: NewUser & { baseUrl: string }): Promise<string> {
  const mailer = mailerOf(deps);
  const org = await organisationForNewUser(deps, ctx, input);
  const { id, url } = await deps.db.transaction().execute(async (trx) => {
    const id = await insertUser(trx, { organisationId: org.id, email: input.email, displayName: input.displayName, passwordHash: NO_PASSWORD, roles: input.roles, ...(input.locale ? { locale: input.locale } : {}) });
    const link = await issueEmailLink(trx, deps, { userId: id, purpose: 'invitation', baseUrl: input.baseUrl });
    const audit = { traceId: ctx.traceId, spanId: ctx.spanId, actorType: ctx.actor.type, actorId: ctx.actor.id, organisationId: org.id, objectType: 'user', objectIds: [id], outcome: 'success' as const };
    await appendAudit(trx, { ...audit, activity: 'user.create', detail: { invited: true } });
    await appendAudit(trx, { ...audit, activity: 'user.invite', detail: { expiresAt: link.expiresAt.toISOString() } });
    return { id, url: link.url };
  });
  const user = await findUserById(deps.db, id);
  if (user) await sendInvitation(mailer, user, url);
  return id;
}

/**
 * Sends a user of the caller's organisation who was invited, and has not chosen a password yet, a
 * new invitation; the earlier links stop working. Returns false when there is no such user there.
 */
export async function reinviteUser(deps: AppDeps, ctx: CallContext, userId: string, baseUrl: string): Promise<boolean> {
  requirePermission(ctx.actor, 'users:manage');
  const mailer = mailerOf(deps);
  if (!/^[0-9a-f-]{36}$/i.test(userId)) return false;
  const user = await findUserById(deps.db, userId);
  if (!user || user.organisation_id !== ctx.actor.organisationId) return false;
  if (user.disabled_at) throw new ReinviteRefused('disabled');
  if (!(await openInvitations(deps.db, ctx.actor.organisationId, NO_PASSWORD)).has(user.id)) throw new ReinviteRefused('notInvited');
  const url = await deps.db.transaction().execute(async (trx) => {
    await retireEmailTokens(trx, user.id, ['invitation'], deps.now());
    const link = await issueEmailLink(trx, deps, { userId: user.id, purpose: 'invitation', baseUrl });
    await appendAudit(trx, { traceId: ctx.traceId, spanId: ctx.spanId, activity: 'user.invite', actorType: ctx.actor.type, actorId: ctx.actor.id, organisationId: user.organisation_id, objectType: 'user', objectIds: [user.id], outcome: 'success', detail: { again: true, expiresAt: link.expiresAt.toISOString() } });
    return link.url;
  });
  await sendInvitation(mailer, user, url);
  return true;
}
