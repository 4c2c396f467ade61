import type { AppDeps } from '../app/context.ts';

/**
 * A job definition: its queue name, how pg-boss treats it, and the work. Definitions are separate
 * from the runner (queue.ts) so the same work can run from the queue, a test or a command line.
 */
export interface JobDefinition {
  name: string;
  /** standard: every send runs; stately: at most one waiting and one running (no pile-up, no overlap). */
  policy: 'standard' | 'stately';
  /** A run that takes longer is presumed dead (its process crashed) and retried. */
  expireInSeconds: number;
  retryLimit: number;
  /** How often an idle worker asks for work. */
  pollingIntervalSeconds: number;
  /** Optional schedule (cron, minutes precision) and its time zone. */
  cron?: string;
  tz?: string;
  /** Optional: a worker asks for a run this often (for work finer than cron's minute, e.g. retries that are due). */
  everyMs?: number;
  /** The work; its result is recorded in job_runs (counts only, never personal data). */
  run(deps: AppDeps): Promise<unknown>;
}
