import { requirePermission } from '../../domain/access/actor.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { deletePendingLoginsOfUser } from '../../db/repositories/pending-logins.ts';
import { mfaRequired, removeTotp, secondFactorCounts, setMfaRequired, userOfOrganisation, usersWithSecondFactor } from '../../db/repositories/second-factor.ts';
import { deleteSessionsOfUser } from '../../db/repositories/sessions.ts';
import { auditBy, type AppDeps, type CallContext } from '../context.ts';

export interface MfaRequirement {
  required: boolean;
  enrolled: number;
  active: number;
  users: Array<{ id: string; displayName: string; enrolledAt: Date | null }>;
}

/** Whether the caller's own organisation demands a second factor of password logins, and who has one. */
export async function getMfaRequirement(deps: AppDeps, ctx: CallContext): Promise<MfaRequirement> {
  requirePermission(ctx.actor, 'users:manage');
  const org = ctx.actor.organisationId;
  const users = await usersWithSecondFactor(deps.db, org);
  return {
    required: (await mfaRequired(deps.db, org)) ?? false,
    ...(await secondFactorCounts(deps.db, org)),
    users: users.map((u) => ({ id: u.id, displayName: u.display_name, enrolledAt: u.totp_enrolled_at })),
  };
}

/**
 * Switches the demand on or off for the caller's own organisation (a user admin's decision, audited).
 * Switching it on ends no session: people without a second factor set one up at their next login.
 */
export async function setMfaRequirement(deps: AppDeps, ctx: CallContext, required: boolean): Promise<void> {
  requirePermission(ctx.actor, 'users:manage');
  await deps.db.transaction().execute(async (trx) => {
    await setMfaRequired(trx, ctx.actor.organisationId, required);
    await appendAudit(trx, { ...auditBy(ctx), activity: 'organisation.mfa-required', objectType: 'organisation', objectIds: [ctx.actor.organisationId], outcome: 'success', detail: { required } });
  });
}

/**
 * Removes the second factor of a user of the admin's own organisation who lost their authenticator
 * and their recovery codes. Their sessions end too (the phone may have been stolen with an open
 * session); they log in with their password and, if the organisation demands it, set up a new one.
 * Not for the admin themself: that is what their own account page is for. False: no such user here.
 */
export async function resetSecondFactorOf(deps: AppDeps, ctx: CallContext, userId: string): Promise<boolean> {
  requirePermission(ctx.actor, 'users:manage');
  if (userId === ctx.actor.id || !/^[0-9a-f-]{36}$/i.test(userId)) return false;
  return deps.db.transaction().execute(async (trx) => {
    const user = await userOfOrganisation(trx, ctx.actor.organisationId, userId);
    if (!user?.totp_enrolled_at) return false;
    await removeTotp(trx, userId);
    await deleteSessionsOfUser(trx, userId);
    await deletePendingLoginsOfUser(trx, userId);
    await appendAudit(trx, { ...auditBy(ctx), activity: 'totp.reset', objectType: 'user', objectIds: [userId], outcome: 'success' });
    return true;
  });
}
