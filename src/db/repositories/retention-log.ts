import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/** Tombstones, newest first: one municipality's, or every one (undefined: the operator). */
export async function listTombstones(db: Executor, municipality: string | undefined, limit: number) {
  let q = db.selectFrom('deletion_log').selectAll().orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(limit);
  if (municipality) q = q.where('municipality_code', '=', municipality);
  return q.execute();
}

/** The retention job's latest runs (src/jobs/retention.ts records each in job_runs). */
export async function retentionJobRuns(db: Executor, limit: number) {
  const r = await sql<{ started_at: Date; finished_at: Date | null; outcome: string | null; detail: unknown }>`
    select started_at, finished_at, outcome, detail from job_runs where queue = 'privacy-retention' order by started_at desc limit ${limit}`.execute(db);
  return r.rows;
}
