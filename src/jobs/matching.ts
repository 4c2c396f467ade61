import { systemContext } from '../app/auth/system-actor.ts';
import { matchAll } from '../app/matching/match-signals.ts';
import type { JobDefinition } from './job.ts';

/**
 * Continuous matching as a queued job. Stately: however many processes ask for a round, at most one
 * waits and one runs, so two processes never match the same signals at once.
 */
export const matchingJob: JobDefinition = {
  name: 'match-signals',
  policy: 'stately',
  expireInSeconds: 15 * 60,
  retryLimit: 1,
  pollingIntervalSeconds: 0.5,
  async run(deps) {
    const r = await matchAll(deps, systemContext('platform-beheer', 'matching', 'job'));
    return { municipalities: r.length, signals: r.reduce((n, m) => n + m.signals, 0), casesCreated: r.reduce((n, m) => n + m.casesCreated, 0) };
  },
};
