import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export interface ArchiveSearch {
  caseId?: string;
  postcode?: string;
  surnameKey?: string;
  closedFrom?: Date;
  closedBefore?: Date;
  limit: number;
}

export interface ArchivedCase {
  id: string;
  address_key: string;
  bsn_pseudonym: string | null;
  signal_count: number;
  signal_types: string[];
  matching_date: string;
  result: string | null;
  closed_at: Date;
}

/**
 * Closed cases of one municipality, newest closed first. A name is looked for by surname key only: the
 * case's own key or that of one of its signals (a household's signals may carry different names).
 */
export async function searchClosedCases(db: Executor, municipality: string, q: ArchiveSearch): Promise<ArchivedCase[]> {
  const r = await sql<ArchivedCase>`
    select c.id::text as id, c.address_key, c.bsn_pseudonym, c.signal_count, c.signal_types,
      to_char(c.matching_date, 'YYYY-MM-DD') as matching_date, c.result, c.closed_at
    from cases c
    where c.municipality_code = ${municipality} and c.status = 'closed'
      ${q.caseId ? sql`and c.id = ${q.caseId}::bigint` : sql``}
      ${q.postcode ? sql`and left(c.address_key, 6) = ${q.postcode}` : sql``}
      ${q.surnameKey ? sql`and (c.surname_key = ${q.surnameKey} or c.id in (select st.case_id from signal_states st where st.municipality_code = ${municipality} and st.surname_key = ${q.surnameKey} and st.case_id is not null))` : sql``}
      ${q.closedFrom ? sql`and c.closed_at >= ${q.closedFrom}` : sql``}
      ${q.closedBefore ? sql`and c.closed_at < ${q.closedBefore}` : sql``}
    order by c.closed_at desc, c.id desc
    limit ${q.limit}`.execute(db);
  return r.rows.map((row) => ({ ...row, closed_at: new Date(row.closed_at) }));
}
