import { systemContext } from '../app/auth/system-actor.ts';
import { deliverDueReferrals } from '../app/referrals/deliver-referrals.ts';
import type { JobDefinition } from './job.ts';

/**
 * Delivers referrals to the municipalities' debt-help systems (src/app/referrals/deliver-referrals.ts).
 * The backoff lives in each referral's next_attempt_at, so this queue only has to run often: every
 * REFERRAL_DELIVERY_INTERVAL_MS (default 5 s) a run is asked for; stately, so runs never overlap.
 */
export function referralDeliveriesJob(intervalMs = Number(process.env.REFERRAL_DELIVERY_INTERVAL_MS ?? 5000)): JobDefinition {
  return {
    name: 'referral-deliveries',
    policy: 'stately',
    expireInSeconds: 15 * 60,
    retryLimit: 1,
    pollingIntervalSeconds: 1,
    everyMs: intervalMs,
    async run(deps) {
      return deliverDueReferrals(deps, systemContext('platform-beheer', 'referrals', 'job'));
    },
  };
}
