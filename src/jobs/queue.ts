import { hostname } from 'node:os';
import { CompiledQuery, type Kysely } from 'kysely';
import PgBoss from 'pg-boss';
import type { AppDeps } from '../app/context.ts';
import type { DB } from '../db/schema.ts';
import { finishJobRun, startJobRun } from '../db/repositories/job-runs.ts';
import type { JobDefinition } from './job.ts';
import { matchingJob } from './matching.ts';
import { retentionJob } from './retention.ts';

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
 * pg-boss over the platform's own Kysely connection, so it works the same on PostgreSQL and on
 * embedded PGlite: PGlite is a single session, and going through Kysely's driver queues pg-boss's
 * statements between (never inside) the platform's transactions. pg-boss's multi-statement schema
 * scripts carry no parameters and so run as one simple query on both engines.
 */
export function kyselyBossDb(db: Kysely<DB>): { executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> } {
  return {
    async executeSql(text, values) {
      const r = await db.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: r.rows as unknown[] };
    },
  };
}

/**
 * Starts the job queue: every role can send; workers ('all', 'worker') also work the queues, keep
 * pg-boss's maintenance going and own the schedules. Every run is recorded in job_runs.
 */
export async function startJobQueue(deps: AppDeps, opts: JobQueueOptions): Promise<JobQueue> {
  const works = opts.role !== 'api';
  const boss = new PgBoss({
    db: kyselyBossDb(deps.db),
    schema: 'pgboss',
    migrate: true,
    supervise: works,
    schedule: works,
  });
  boss.on('error', (err: unknown) => opts.log.warn({ err: String(err) }, 'job queue error'));
  await boss.start();

  const jobs = [matchingJob, retentionJob(), ...(opts.extraJobs ?? [])];
  const process_ = `${hostname()}:${process.pid}`;
  for (const job of jobs) {
    await boss.createQueue(job.name, { name: job.name, policy: job.policy, expireInSeconds: job.expireInSeconds, retryLimit: job.retryLimit });
    if (!works) continue;
    if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: job.tz ?? 'UTC' });
    await boss.work(job.name, { pollingIntervalSeconds: job.pollingIntervalSeconds }, async (batch) => {
      for (const j of batch) {
        const runId = await startJobRun(deps.db, { jobId: j.id, queue: job.name, process: process_, at: new Date() });
        try {
          const detail = await job.run(deps);
          await finishJobRun(deps.db, runId, { outcome: 'success', at: new Date(), detail });
        } catch (e) {
          await finishJobRun(deps.db, runId, { outcome: 'error', at: new Date(), detail: { error: e instanceof Error ? e.message : String(e) } });
          throw e;
        }
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

  return {
    boss,
    jobs,
    send: (name, data) => boss.send(name, data ?? {}),
    async stop() {
      if (ticker) clearInterval(ticker);
      // Let a running job finish (it is one transaction per page anyway), then stop polling.
      await boss.stop({ graceful: true, wait: true, timeout: 15_000, close: false });
    },
  };
}
