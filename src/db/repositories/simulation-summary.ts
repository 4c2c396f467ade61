import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/** Counts of cases by status and end result in the municipalities (aggregates only: no person). */
export async function caseCounts(db: Executor, municipalities: readonly string[]) {
  if (municipalities.length === 0) return [];
  const r = await sql<{ status: string; result: string | null; cases: number }>`
    select status, result, count(*)::int as cases from cases
    where municipality_code in (${sql.join(municipalities.map((m) => sql`${m}`))})
    group by status, result order by status, result`.execute(db);
  return r.rows;
}

/** Contact attempts registered in the municipalities, and how many reached the resident. */
export async function contactAttemptCounts(db: Executor, municipalities: readonly string[]) {
  if (municipalities.length === 0) return { attempts: 0, reached: 0 };
  const r = await sql<{ attempts: number; reached: number }>`
    select count(*)::int as attempts, count(*) filter (where reached)::int as reached from contact_attempts
    where municipality_code in (${sql.join(municipalities.map((m) => sql`${m}`))})`.execute(db);
  return r.rows[0] ?? { attempts: 0, reached: 0 };
}
