import { appendAudit } from '../../db/repositories/audit.ts';
import { referralEndpointOf, saveReferralEndpoint } from '../../db/repositories/referrals.ts';
import { checkEndpointUrl, ENDPOINT_SECRET_MIN_LENGTH } from '../../domain/referrals/eligibility.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { auditActor, ownMunicipality, WorklistInputError } from '../worklist/own-municipality.ts';

/** The secret-box purpose of a webhook secret: a sealed TOTP seed or client secret cannot pass for one. */
export const WEBHOOK_SECRET_PURPOSE = 'referral-webhook-secret';

/** Whether the caller's municipality has a debt-help system connected, and where (the secret never leaves). */
export async function referralEndpointSettings(deps: AppDeps, ctx: CallContext): Promise<{ url: string | null; updatedAt: Date | null }> {
  const municipality = await ownMunicipality(deps, ctx, 'municipality:configure');
  const row = await referralEndpointOf(deps.db, municipality);
  return { url: row?.url ?? null, updatedAt: row ? new Date(row.updated_at) : null };
}

/**
 * Connects the municipality's debt-help system: its webhook URL and the shared secret that signs
 * each delivery. A blank secret keeps the one stored (it is never shown again). Audited, without the secret.
 */
export async function saveReferralEndpointSettings(deps: AppDeps, ctx: CallContext, input: { url: string; secret: string }): Promise<void> {
  const municipality = await ownMunicipality(deps, ctx, 'municipality:configure');
  const url = input.url.trim();
  const secret = input.secret.trim();
  await deps.db.transaction().execute(async (trx) => {
    const current = await referralEndpointOf(trx, municipality);
    const errors: Record<string, string> = {};
    const urlError = checkEndpointUrl(url);
    if (urlError) errors.url = urlError;
    if (!secret && !current) errors.secret = 'required';
    else if (secret && secret.length < ENDPOINT_SECRET_MIN_LENGTH) errors.secret = `at least ${ENDPOINT_SECRET_MIN_LENGTH} characters`;
    if (Object.keys(errors).length) throw new WorklistInputError(errors);
    const secretSealed = secret ? deps.secrets.seal(WEBHOOK_SECRET_PURPOSE, secret) : current!.secret_sealed;
    await saveReferralEndpoint(trx, { municipality, url, secretSealed, updatedBy: ctx.actor.type === 'user' ? ctx.actor.id : null, at: deps.now() });
    await appendAudit(trx, { ...auditActor(ctx), activity: 'referral.endpoint', objectType: 'municipality', objectIds: [municipality], subjectPseudonyms: [], outcome: 'success', detail: { secretChanged: !!secret } });
  });
}
