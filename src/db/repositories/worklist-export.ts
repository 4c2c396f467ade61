import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/** Each signal of some cases with its amount and the rule that accepted it, so the export can keep only amounts that rule allowed. */
export async function signalAmountsOfCases(db: Executor, municipality: string, caseIds: readonly string[]) {
  if (caseIds.length === 0) return [];
  const r = await sql<{ case_id: string; regulation_version: string; rule_id: string; amount_cents: string | null }>`
    select ss.case_id::text as case_id, s.regulation_version, s.rule_id, ss.amount_cents::text as amount_cents
    from signal_states ss join signals s on s.id = ss.signal_id
    where ss.municipality_code = ${municipality} and ss.case_id = any(${caseIds as string[]}::bigint[])`.execute(db);
  return r.rows.map((x) => ({ caseId: x.case_id, regulationVersion: x.regulation_version, ruleId: x.rule_id, amountCents: x.amount_cents === null ? null : Number(x.amount_cents) }));
}
