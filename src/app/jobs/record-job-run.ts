import { finishJobRun, startJobRun } from '../../db/repositories/job-runs.ts';
import type { AppDeps } from '../context.ts';

/**
 * Runs one job and records it in job_runs: started, then finished with its outcome and detail (or
 * the error's message, before the error goes on to the queue for its retry).
 */
export async function runRecorded(deps: AppDeps, run: { jobId: string; queue: string; process: string }, work: () => Promise<unknown>): Promise<void> {
  const runId = await startJobRun(deps.db, { ...run, at: new Date() });
  try {
    const detail = await work();
    await finishJobRun(deps.db, runId, { outcome: 'success', at: new Date(), detail });
  } catch (e) {
    await finishJobRun(deps.db, runId, { outcome: 'error', at: new Date(), detail: { error: e instanceof Error ? e.message : String(e) } });
    throw e;
  }
}
