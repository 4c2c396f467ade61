import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export async function getEvaluationParameters(db: Executor, experimentId: string): Promise<{ parameters: unknown; updatedAt: Date; updatedBy: string } | undefined> {
  const r = await db.selectFrom('evaluation_parameters').selectAll().where('experiment_id', '=', experimentId).executeTakeFirst();
  return r ? { parameters: typeof r.parameters === 'string' ? JSON.parse(r.parameters) : r.parameters, updatedAt: r.updated_at, updatedBy: r.updated_by } : undefined;
}

export async function putEvaluationParameters(db: Executor, experimentId: string, parameters: object, updatedBy: string): Promise<void> {
  await sql`insert into evaluation_parameters (experiment_id, parameters, updated_by) values (${experimentId}, ${JSON.stringify(parameters)}::jsonb, ${updatedBy})
    on conflict (experiment_id) do update set parameters = excluded.parameters, updated_by = excluded.updated_by, updated_at = now()`.execute(db);
}
