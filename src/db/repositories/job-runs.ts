import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';

/** Records that a job started in this process; returns the run's id. */
export async function startJobRun(db: Kysely<DB>, r: { jobId: string; queue: string; process: string; at: Date }): Promise<string> {
  const row = await db
    .insertInto('job_runs')
    .values({ job_id: r.jobId, queue: r.queue, process: r.process, started_at: r.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function finishJobRun(db: Kysely<DB>, id: string, r: { outcome: 'success' | 'error'; at: Date; detail: unknown }): Promise<void> {
  await db
    .updateTable('job_runs')
    .set({ finished_at: r.at, outcome: r.outcome, detail: JSON.stringify(r.detail ?? null) })
    .where('id', '=', id)
    .execute();
}
