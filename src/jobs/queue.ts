import { hostname } from 'node:os';
import PgBoss from 'pg-boss';
import type { AppDeps } from '../app/context.ts';
import { jobQueueDatabase } from '../app/jobs/job-queue-database.ts';
import { runRecorded } from '../app/jobs/record-job-run.ts';
import type { JobDefinition } from './job.ts';
import { matchingJob } from './matching.ts';
import { retentionJob } from './retention.ts';
import { brpChecksJob } from './brp-checks.ts';
import { digestJob } from './digest.ts';
import { referralDeliveriesJob } from './referral-deliveries.ts';

/** What a process does: serve the API, work the queue, or both (a single-process install). */
export type ProcessRole = 'all' | 'api' | 'worker';

export function processRoleFrom(value: string | undefined): ProcessRole {
  if (value === undefined || value === '' || value === 'all') return 'all';
  if (value === 'api' || value === 'worker') return value;
  throw new Error(`PROCESS_ROLE must be all, api or worker (got "${value}")`);
}

export interface JobQueueOptions {
  role: ProcessRole;
  /** How often this process asks for a matching round; 0: never (tests drive matching themselves). */
  matchingIntervalMs: number;
  log: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
  /** The address users reach the platform at, for links in mailed digests; absent: no digest job. */
  publicUrl?: string;
  /** Extra jobs (tests, proofs) next to the platform's own. */
  extraJobs?: readonly JobDefinition[];
}

export interface JobQueue {
  boss: PgBoss;
  jobs: readonly JobDefinition[];
  /** Queues a job now; null when a stately queue already has one waiting. */
  send(name: string, data?: object): Promise<string | null>;
  stop(): Promise<void>;
}

/**
 * Starts the job queue: every role can send; workers ('all', 'worker') also work the queues, keep
 * pg-boss's maintenance going and own the schedules. Every run is recorded in job_runs.
 */
export async function startJobQueue(deps: AppDeps, opts: JobQueueOptions): Promise<JobQueue> {
  const works = opts.role !== 'api';
  const boss = new PgBoss({
    db: jobQueueDatabase(deps),
    schema: 'pgboss',
    migrate: true,
    supervise: works,
    schedule: works,
  });
  boss.on('error', (err: unknown) => opts.log.warn({ err: String(err) }, 'job queue error'));
  await boss.start();

  // The BRP checks only where a BRP is connected: no empty run recorded every minute otherwise.
  const jobs = [matchingJob, retentionJob(), referralDeliveriesJob(), ...(deps.brp ? [brpChecksJob()] : []), ...(opts.publicUrl ? [digestJob(opts.publicUrl)] : []), ...(opts.extraJobs ?? [])];
  const process_ = `${hostname()}:${process.pid}`;
  // A BRP switched off since the last start: its schedule goes too (nothing would work that queue).
  if (works && !deps.brp) await boss.unschedule('brp-case-checks').catch(() => undefined);
  for (const job of jobs) {
    await boss.createQueue(job.name, { name: job.name, policy: job.policy, expireInSeconds: job.expireInSeconds, retryLimit: job.retryLimit });
    if (!works) continue;
    if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: job.tz ?? 'UTC' });
    await boss.work(job.name, { pollingIntervalSeconds: job.pollingIntervalSeconds }, async (batch) => {
      for (const j of batch) {
        await runRecorded(deps, { jobId: j.id, queue: job.name, process: process_ }, () => job.run(deps));
      }
    });
  }

  let asking = false;
  const ticker =
    opts.matchingIntervalMs > 0
      ? setInterval(() => {
          if (asking) return;
          asking = true;
          boss
            .send(matchingJob.name, {})
            .catch((e: unknown) => opts.log.warn({ err: String(e) }, 'could not queue matching'))
            .finally(() => (asking = false));
        }, opts.matchingIntervalMs)
      : undefined;
  ticker?.unref();
  const intervals = works
    ? jobs
        .filter((j) => j.everyMs && j.everyMs > 0)
        .map((j) => setInterval(() => void boss.send(j.name, {}).catch((e: unknown) => opts.log.warn({ err: String(e) }, `could not queue ${j.name}`)), j.everyMs))
    : [];
  for (const i of intervals) i.unref();

  return {
    boss,
    jobs,
    send: (name, data) => boss.send(name, data ?? {}),
    async stop() {
      if (ticker) clearInterval(ticker);
      for (const i of intervals) clearInterval(i);
      // Let a running job finish (it is one transaction per page anyway), then stop polling.
      await boss.stop({ graceful: true, wait: true, timeout: 15_000, close: false });
    },
  };
}
