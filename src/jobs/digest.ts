import { systemContext } from '../app/auth/system-actor.ts';
import { sendDigests } from '../app/digest/send-digests.ts';
import type { JobDefinition } from './job.ts';

/**
 * The daily digest (src/app/digest/send-digests.ts), on working-day mornings Amsterdam time
 * (public holidays are skipped by the use case). Stately: a second run the same day finds every
 * digest claimed and sends nothing.
 */
export function digestJob(baseUrl: string, cron = process.env.DIGEST_CRON ?? '0 7 * * 1-5'): JobDefinition {
  return {
    name: 'daily-digest',
    policy: 'stately',
    expireInSeconds: 3600,
    retryLimit: 2,
    pollingIntervalSeconds: 5,
    cron,
    tz: 'Europe/Amsterdam',
    run: (deps) => sendDigests(deps, systemContext('platform-beheer', 'digest', 'job'), { baseUrl }),
  };
}
