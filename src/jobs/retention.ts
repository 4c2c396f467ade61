import { systemContext } from '../app/auth/system-actor.ts';
import { applyRetention } from '../app/privacy/apply-retention.ts';
import type { JobDefinition } from './job.ts';

/**
 * Retention, every night: deletes what municipalities may no longer keep (src/app/privacy/apply-retention.ts).
 * Stately, so a slow run is never joined by a second one; at 03:15 Amsterdam time, away from intake peaks.
 */
export function retentionJob(cron = process.env.RETENTION_CRON ?? '15 3 * * *'): JobDefinition {
  return {
    name: 'privacy-retention',
    policy: 'stately',
    expireInSeconds: 4 * 3600,
    retryLimit: 2,
    pollingIntervalSeconds: 5,
    cron,
    tz: 'Europe/Amsterdam',
    async run(deps) {
      const r = await applyRetention(deps, systemContext('platform-beheer', 'retention', 'job'));
      return {
        ranAt: r.ranAt,
        municipalities: r.municipalities.length,
        unpickedSignals: r.municipalities.reduce((n, m) => n + m.unpickedSignals, 0),
        pickedUpSignals: r.municipalities.reduce((n, m) => n + m.pickedUpSignals, 0),
        cases: r.municipalities.reduce((n, m) => n + m.cases, 0),
        refused: r.municipalities.filter((m) => m.refused).map((m) => m.municipality),
        batchRows: r.batchRows,
        batches: r.batches,
      };
    },
  };
}
