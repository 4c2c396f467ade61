import { appendAudit } from '../../db/repositories/audit.ts';
import { claimReferral, dueReferralIds, recordDeliveryAttempt, referralEndpointOf } from '../../db/repositories/referrals.ts';
import { MAX_DELIVERY_ATTEMPTS, retryDelaySeconds } from '../../domain/referrals/eligibility.ts';
import { DELIVERY_HEADER, signatureHeader, SIGNATURE_HEADER } from '../../domain/referrals/signature.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { auditActor } from '../worklist/own-municipality.ts';
import { WEBHOOK_SECRET_PURPOSE } from './endpoint-settings.ts';

export interface DeliveryOptions {
  /** How long the receiver may take to answer; after that the attempt counts as failed. */
  timeoutMs?: number;
  /** How many due referrals one run takes at most. */
  batch?: number;
}

/** How long a claimed referral is left alone by other runs: longer than any attempt can take. */
const LEASE_MS = 5 * 60_000;

async function post(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<number | null> {
  try {
    const res = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel();
    return res.status;
  } catch {
    // No answer (refused, timed out): the attempt failed; why is not the resident's business, nor the log's.
    return null;
  }
}

/**
 * Sends every due referral to its municipality's debt-help system, signed (signature.ts), and
 * records the attempt: a 2xx answer delivers it for good (never sent again, even when a receiver
 * answered 2xx twice for one id because an earlier answer was lost), anything else schedules the
 * next attempt with backoff until MAX_DELIVERY_ATTEMPTS, then it is failed. Every attempt is audited.
 */
export async function deliverDueReferrals(deps: AppDeps, ctx: CallContext, opts: DeliveryOptions = {}): Promise<{ attempted: number; delivered: number; failed: number }> {
  const ids = await dueReferralIds(deps.db, deps.now(), opts.batch ?? 50);
  let delivered = 0;
  let failed = 0;
  let attempted = 0;
  for (const id of ids) {
    const now = deps.now();
    const r = await claimReferral(deps.db, id, now, new Date(now.getTime() + LEASE_MS));
    if (!r) continue;
    attempted++;
    const endpoint = await referralEndpointOf(deps.db, r.municipality_code);
    const secret = endpoint ? deps.secrets.open(WEBHOOK_SECRET_PURPOSE, endpoint.secret_sealed) : undefined;
    const body = JSON.stringify(typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload);
    const sentAt = deps.now();
    const attempt = r.attempts + 1;
    const httpStatus =
      endpoint && secret
        ? await post(
            endpoint.url,
            {
              'content-type': 'application/json',
              'user-agent': 'vroegsignaal-referrals/1',
              [SIGNATURE_HEADER]: signatureHeader(secret, Math.floor(sentAt.getTime() / 1000), body),
              [DELIVERY_HEADER]: r.id,
              'X-Vroegsignaal-Attempt': String(attempt),
            },
            body,
            opts.timeoutMs ?? 10_000,
          )
        : null;
    const ok = httpStatus !== null && httpStatus >= 200 && httpStatus < 300;
    const done = deps.now();
    const status = ok ? 'delivered' : attempt >= MAX_DELIVERY_ATTEMPTS ? 'failed' : 'pending';
    await deps.db.transaction().execute(async (trx) => {
      await recordDeliveryAttempt(trx, r.id, { at: done, httpStatus, status, nextAttemptAt: status === 'pending' ? new Date(done.getTime() + retryDelaySeconds(attempt) * 1000) : null });
      await appendAudit(trx, {
        ...auditActor(ctx),
        activity: 'referral.delivery',
        objectType: 'referral',
        objectIds: [r.id],
        subjectPseudonyms: [],
        outcome: ok ? 'success' : 'error',
        detail: { caseId: r.case_id, attempt, httpStatus, status, ...(endpoint && secret ? {} : { reason: endpoint ? 'secret unreadable' : 'no endpoint' }) },
      });
    });
    if (ok) delivered++;
    else if (status === 'failed') failed++;
  }
  return { attempted, delivered, failed };
}
