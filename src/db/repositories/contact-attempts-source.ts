import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/** Where the worklist keeps contact attempts, if it does: the table and the columns evaluation and DDAS read. */
export interface ContactAttemptsSource {
  table: string;
  caseId: string;
  reached: string;
  /** A timestamptz (part of day known) or a date column. */
  at: string;
  atIsTimestamp: boolean;
  /** The DDAS contact type (Contactsoort), when recorded. */
  kind: string | null;
  /** The DDAS part of day (Dagdeel), when recorded. */
  partOfDay: string | null;
}

const CANDIDATES = {
  table: ['contact_attempts', 'case_contact_attempts'],
  caseId: ['case_id'],
  reached: ['reached', 'bereikt'],
  at: ['attempted_at', 'occurred_at', 'contacted_at', 'attempted_on', 'contact_date', 'created_at'],
  kind: ['contact_type', 'channel', 'kind', 'soort'],
  partOfDay: ['part_of_day', 'dagdeel'],
};

/**
 * Contact attempts come from the worklist's own migration. The evaluation and the DDAS export read
 * them when that table exists and looks as expected, and report the funnel's later stages as
 * "not available" otherwise — instead of failing or depending on code that is not there yet.
 */
export async function findContactAttemptsSource(db: Executor): Promise<ContactAttemptsSource | undefined> {
  const r = await sql<{ table_name: string; column_name: string; data_type: string }>`
    select table_name, column_name, data_type from information_schema.columns
    where table_schema = current_schema() and table_name = any(${CANDIDATES.table}::text[])`.execute(db);
  for (const table of CANDIDATES.table) {
    const cols = new Map(r.rows.filter((x) => x.table_name === table).map((x) => [x.column_name, x.data_type]));
    const pick = (names: string[]) => names.find((n) => cols.has(n));
    const caseId = pick(CANDIDATES.caseId);
    const reached = pick(CANDIDATES.reached);
    const at = pick(CANDIDATES.at);
    if (!caseId || !reached || !at || cols.get(reached) !== 'boolean') continue;
    return { table, caseId, reached, at, atIsTimestamp: cols.get(at)!.startsWith('timestamp'), kind: pick(CANDIDATES.kind) ?? null, partOfDay: pick(CANDIDATES.partOfDay) ?? null };
  }
  return undefined;
}
