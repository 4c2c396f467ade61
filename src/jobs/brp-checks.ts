import { systemContext } from '../app/auth/system-actor.ts';
import { checkNewCasesWithBrp } from '../app/brp/check-cases.ts';
import type { JobDefinition } from './job.ts';

/**
 * The BRP checks of new cases, after matching (src/app/brp/check-cases.ts): every minute by default,
 * for the municipalities that have the BRP switched on; checks that found the BRP down are taken
 * again when their next try has come. Stately: never two runs at once.
 */
export function brpChecksJob(cron = process.env.BRP_CHECK_CRON ?? '* * * * *'): JobDefinition {
  return {
    name: 'brp-case-checks',
    policy: 'stately',
    expireInSeconds: 60 * 60,
    retryLimit: 1,
    pollingIntervalSeconds: 5,
    cron,
    tz: 'Europe/Amsterdam',
    async run(deps) {
      if (!deps.brp) return { municipalities: 0 };
      const r = await checkNewCasesWithBrp(deps, systemContext('platform-beheer', 'brp-checks', 'job'));
      return {
        municipalities: r.length,
        checked: r.reduce((n, m) => n + m.checked, 0),
        unavailable: r.reduce((n, m) => n + m.unavailable, 0),
        closed: r.reduce((n, m) => n + m.closed, 0),
        handedOver: r.reduce((n, m) => n + m.handedOver, 0),
      };
    },
  };
}
