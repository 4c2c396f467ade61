import type { OrganisationProfile } from '../../domain/registers/registers.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { getOrganisation, upsertOrganisation } from '../../db/repositories/organisations.ts';
import { auditBy, type AppDeps, type CallContext } from '../context.ts';

/**
 * Onboards a creditor the registers do not name (a landlord, an energy company…) with the creditor
 * kinds the regulations designate senders by, and makes intake's judge see it at once. False when
 * the organisation existed already (nothing changes).
 */
export async function onboardCreditor(deps: AppDeps, ctx: CallContext, profile: OrganisationProfile & { source?: string | undefined }): Promise<boolean> {
  if (await getOrganisation(deps.db, profile.id)) return false;
  await upsertOrganisation(deps.db, { id: profile.id, name: profile.name, kind: 'creditor', creditor_kinds: [...profile.kinds] });
  await appendAudit(deps.db, {
    ...auditBy(ctx),
    organisationId: profile.id,
    activity: 'organisation.onboard',
    objectType: 'organisation',
    objectIds: [profile.id],
    outcome: 'success',
    detail: { kinds: profile.kinds, source: profile.source ?? null },
  });
  await deps.judge.reload?.();
  return true;
}
