import { appendAudit } from '../../db/repositories/audit.ts';
import { getCaseOf } from '../../db/repositories/case-work.ts';
import { referralEndpointOf, referralOfCase } from '../../db/repositories/referrals.ts';
import { isReferralResult } from '../../domain/referrals/eligibility.ts';
import type { ReferralPayload } from '../../domain/referrals/payload.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { auditActor, NotFoundInMunicipality, ownMunicipality } from '../worklist/own-municipality.ts';

export interface ReferralState {
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  deliveredAt: Date | null;
  consentAt: Date;
  consentBy: string;
}

export interface ReferralView {
  caseId: string;
  result: string | null;
  /** Closed with a financial follow-up or referral result. */
  eligible: boolean;
  endpointConfigured: boolean;
  referral?: ReferralState;
}

const payloadOf = (p: unknown) => (typeof p === 'string' ? JSON.parse(p) : p) as ReferralPayload;

/** The hand-off's state for the case page: whether it may be handed off and how delivery goes (no personal data). */
export async function referralView(deps: AppDeps, ctx: CallContext, caseId: string): Promise<ReferralView> {
  const municipality = await ownMunicipality(deps, ctx, 'cases:read');
  const c = await getCaseOf(deps.db, municipality, caseId);
  if (!c) throw new NotFoundInMunicipality(`case ${caseId}`);
  const [r, endpoint] = await Promise.all([referralOfCase(deps.db, municipality, c.id), referralEndpointOf(deps.db, municipality)]);
  const view: ReferralView = { caseId: c.id, result: c.result, eligible: c.status === 'closed' && isReferralResult(c.result), endpointConfigured: !!endpoint };
  if (r)
    view.referral = {
      status: r.status,
      attempts: r.attempts,
      nextAttemptAt: r.next_attempt_at ? new Date(r.next_attempt_at) : null,
      lastAttemptAt: r.last_attempt_at ? new Date(r.last_attempt_at) : null,
      deliveredAt: r.delivered_at ? new Date(r.delivered_at) : null,
      consentAt: new Date(r.consent_recorded_at),
      consentBy: payloadOf(r.payload).consent.recordedBy,
    };
  return view;
}

/** What was sent, for the PDF summary; reading it is audited (it holds the resident's data). */
export async function referralSummary(deps: AppDeps, ctx: CallContext, caseId: string): Promise<{ payload: ReferralPayload; state: ReferralState } | undefined> {
  const municipality = await ownMunicipality(deps, ctx, 'cases:read');
  const c = await getCaseOf(deps.db, municipality, caseId);
  if (!c) return undefined;
  const view = await referralView(deps, ctx, caseId);
  const r = await referralOfCase(deps.db, municipality, c.id);
  if (!r || !view.referral) return undefined;
  await appendAudit(deps.db, { ...auditActor(ctx), activity: 'referral.read', objectType: 'referral', objectIds: [r.id], subjectPseudonyms: c.bsn_pseudonym ? [c.bsn_pseudonym] : [], outcome: 'success', detail: { caseId: c.id, format: 'pdf' } });
  return { payload: payloadOf(r.payload), state: view.referral };
}
