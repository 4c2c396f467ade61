import { requirePermission } from '../../domain/access/actor.ts';
import { checkRetentionPolicy, DEFAULT_RETENTION, type RetentionIssue, type RetentionPolicy } from '../../domain/privacy/retention.ts';
import { getMatchSettings } from '../../db/repositories/cases.ts';
import { getRetentionSettings } from '../../db/repositories/retention.ts';
import type { AppDeps, CallContext } from '../context.ts';

export interface RetentionSettingsView {
  municipalityCode: string;
  policy: RetentionPolicy;
  /** false: the platform defaults apply. */
  own: boolean;
  warnings: RetentionIssue[];
  updatedAt: string | null;
}

export async function matchingWindowsOf(deps: AppDeps, municipality: string) {
  const m = await getMatchSettings(deps.db, municipality);
  return { consecutiveMonths: m?.consecutive_months ?? 6, repeatMonths: m?.repeat_months ?? 6, standardLookbackMonths: m?.standard_lookback_months ?? 12 };
}

/** The retention terms in force for the caller's own municipality. Holds no personal data. */
export async function getOwnRetentionSettings(deps: AppDeps, ctx: CallContext): Promise<RetentionSettingsView> {
  requirePermission(ctx.actor, 'municipality:configure');
  const municipality = ctx.actor.organisationId;
  const stored = await getRetentionSettings(deps.db, municipality);
  const policy = stored
    ? { unpickedSignalMonths: stored.unpickedSignalMonths, pickedUpSignalMonths: stored.pickedUpSignalMonths, caseMonthsAfterClosing: stored.caseMonthsAfterClosing }
    : DEFAULT_RETENTION;
  return { municipalityCode: municipality, policy, own: !!stored, warnings: checkRetentionPolicy(policy, await matchingWindowsOf(deps, municipality)).warnings, updatedAt: stored ? new Date(stored.updatedAt).toISOString() : null };
}

