import { requirePermission } from '../../domain/access/actor.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { mfaRequired, secondFactorCounts, setMfaRequired } from '../../db/repositories/second-factor.ts';
import { auditBy, type AppDeps, type CallContext } from '../context.ts';

/** Whether the caller's own organisation demands a second factor of password logins, and how many active users have one. */
export async function getMfaRequirement(deps: AppDeps, ctx: CallContext): Promise<{ required: boolean; enrolled: number; active: number }> {
  requirePermission(ctx.actor, 'users:manage');
  const counts = await secondFactorCounts(deps.db, ctx.actor.organisationId);
  return { required: (await mfaRequired(deps.db, ctx.actor.organisationId)) ?? false, ...counts };
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
