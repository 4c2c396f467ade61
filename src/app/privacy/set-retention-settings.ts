import { requirePermission } from '../../domain/access/actor.ts';
import { checkRetentionPolicy, type RetentionIssue, type RetentionPolicy } from '../../domain/privacy/retention.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { putRetentionSettings } from '../../db/repositories/retention.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { getOwnRetentionSettings, matchingWindowsOf, type RetentionSettingsView } from './get-retention-settings.ts';

/** Unsafe terms: the errors say which field and why. */
export class UnsafeRetention extends Error {
  constructor(public readonly issues: RetentionIssue[]) {
    super(issues.map((i) => i.message.en).join(' '));
  }
}

/** Sets the caller's municipality's own terms, refusing unsafe ones (UnsafeRetention says why). */
export async function setOwnRetentionSettings(deps: AppDeps, ctx: CallContext, policy: RetentionPolicy): Promise<RetentionSettingsView> {
  requirePermission(ctx.actor, 'municipality:configure');
  const municipality = ctx.actor.organisationId;
  const check = checkRetentionPolicy(policy, await matchingWindowsOf(deps, municipality));
  if (check.errors.length > 0) throw new UnsafeRetention(check.errors);
  await deps.db.transaction().execute(async (trx) => {
    await putRetentionSettings(trx, municipality, policy, ctx.actor.id);
    await appendAudit(trx, {
      traceId: ctx.traceId,
      spanId: ctx.spanId,
      activity: 'retention.configure',
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      organisationId: municipality,
      objectType: 'retention_settings',
      objectIds: [municipality],
      outcome: 'success',
      detail: { ...policy },
    });
  });
  return getOwnRetentionSettings(deps, ctx);
}
