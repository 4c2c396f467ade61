import { appendAudit } from '../../db/repositories/audit.ts';
import { getMatchSettings } from '../../db/repositories/cases.ts';
import { getWorklistSettings, putMatchingMode, putWorklistSettings } from '../../db/repositories/municipality-settings.ts';
import { getRetentionSettings, putRetentionSettings } from '../../db/repositories/retention.ts';
import { forgetClassification } from '../../db/repositories/worklist.ts';
import { classifyCases } from './classify-cases.ts';
import { checkRetentionPolicy, DEFAULT_RETENTION, type RetentionIssue, type RetentionPolicy } from '../../domain/privacy/retention.ts';
import { isMatchingMode, MATCHING_MODES, type MatchingMode } from '../../domain/matching/matching-period.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { auditActor, ownMunicipality, WorklistInputError } from './own-municipality.ts';

export async function getMunicipalitySettings(deps: AppDeps, ctx: CallContext) {
  const municipality = await ownMunicipality(deps, ctx, 'municipality:configure');
  const [worklist, retention, match] = await Promise.all([getWorklistSettings(deps.db, municipality), getRetentionSettings(deps.db, municipality), getMatchSettings(deps.db, municipality)]);
  const matchingMode: MatchingMode = match && isMatchingMode(match.matching_mode) ? match.matching_mode : 'continuous';
  return { municipality, worklist, matchingMode, retention: retention ?? DEFAULT_RETENTION, retentionIsDefault: !retention };
}

export class RetentionRefused extends Error {
  constructor(public readonly issues: RetentionIssue[]) {
    super(issues.map((i) => i.message.en).join(' '));
  }
}

const wholeNumber = (s: string) => (/^\d{1,3}$/.test(s.trim()) ? Number(s.trim()) : Number.NaN);

/**
 * Saves the municipality's own targets (first contact within N days, warn N days ahead), its
 * matching period (continuous, weekly or monthly; absent: unchanged) and its retention terms, the
 * latter checked against the platform's bounds and the matching windows
 * (src/domain/privacy/retention.ts) — the retention job applies them.
 */
export async function updateMunicipalitySettings(
  deps: AppDeps,
  ctx: CallContext,
  input: { contactTargetDays: string; dueSoonDays: string; unpickedSignalMonths: string; pickedUpSignalMonths: string; caseMonthsAfterClosing: string; matchingMode?: string },
): Promise<{ warnings: RetentionIssue[] }> {
  const municipality = await ownMunicipality(deps, ctx, 'municipality:configure');
  const errors: Record<string, string> = {};
  const target = input.contactTargetDays.trim() === '' ? null : wholeNumber(input.contactTargetDays);
  if (target !== null && !(target >= 1 && target <= 90)) errors.contactTargetDays = 'a whole number of days from 1 to 90, or empty for none';
  const dueSoon = wholeNumber(input.dueSoonDays);
  if (!(dueSoon >= 0 && dueSoon <= 14)) errors.dueSoonDays = 'a whole number of days from 0 to 14';
  const mode = input.matchingMode === undefined || input.matchingMode === '' ? undefined : input.matchingMode;
  if (mode !== undefined && !isMatchingMode(mode)) errors.matchingMode = `choose ${MATCHING_MODES.join(', ')}`;
  if (Object.keys(errors).length) throw new WorklistInputError(errors);
  const policy: RetentionPolicy = {
    unpickedSignalMonths: wholeNumber(input.unpickedSignalMonths),
    pickedUpSignalMonths: wholeNumber(input.pickedUpSignalMonths),
    caseMonthsAfterClosing: wholeNumber(input.caseMonthsAfterClosing),
  };
  const m = await getMatchSettings(deps.db, municipality);
  const check = checkRetentionPolicy(policy, { consecutiveMonths: m?.consecutive_months ?? 6, repeatMonths: m?.repeat_months ?? 6, standardLookbackMonths: m?.standard_lookback_months ?? 12 });
  if (check.errors.length) throw new RetentionRefused(check.errors);
  await deps.db.transaction().execute(async (trx) => {
    await putWorklistSettings(trx, municipality, { contactTargetDays: target, dueSoonDays: dueSoon });
    // Takes effect at the next matching round: signals of a period that is not over are held back from then on.
    if (mode !== undefined && isMatchingMode(mode)) await putMatchingMode(trx, municipality, mode);
    // Due dates depend on the own target: every open case gets its due date again.
    await forgetClassification(trx, municipality);
    await putRetentionSettings(trx, municipality, policy, ctx.actor.id);
    await appendAudit(trx, { ...auditActor(ctx), activity: 'municipality.settings', objectType: 'municipality', objectIds: [municipality], outcome: 'success', detail: { contactTargetDays: target, dueSoonDays: dueSoon, ...(mode !== undefined ? { matchingMode: mode } : {}), ...policy } });
  });
  await classifyCases(deps, ctx, municipality);
  return { warnings: check.warnings };
}
