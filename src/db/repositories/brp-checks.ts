import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Gives every open case of the municipality without a BRP check a pending one: new cases after
 * matching (and, when a municipality switches the BRP on, the open cases it already has).
 */
export async function queueNewCasesForBrp(db: Executor, municipality: string, at: Date): Promise<number> {
  const r = await sql`
    insert into case_brp_checks (case_id, municipality_code, next_try_at)
    select c.id, c.municipality_code, ${at} from cases c
    where c.municipality_code = ${municipality} and c.status = 'open'
      and not exists (select 1 from case_brp_checks b where b.case_id = c.id)
    on conflict (case_id) do nothing`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

export interface DueCheck {
  caseId: string;
  addressKey: string;
  bsnPseudonym: string | null;
  caseStatus: 'open' | 'picked_up' | 'closed';
  caseResult: string | null;
  /** The case's latest signal date (the day the BRP is asked about). */
  date: string;
  attempts: number;
  signals: Array<{ id: string; bsn: string | null; bsnPseudonym: string | null; initials: string | null; givenName: string | null; surname: string | null }>;
}

/** Checks that are due (pending, or the BRP was down and the next try has come), oldest first, with what the check asks about. */
export async function dueBrpChecks(db: Executor, municipality: string, at: Date, limit: number): Promise<DueCheck[]> {
  const cases = await sql<{ case_id: string; address_key: string; bsn_pseudonym: string | null; status: DueCheck['caseStatus']; result: string | null; date: string; attempts: number }>`
    select b.case_id::text as case_id, c.address_key, c.bsn_pseudonym, c.status, c.result, to_char(c.last_signal_date, 'YYYY-MM-DD') as date, b.attempts
    from case_brp_checks b join cases c on c.id = b.case_id
    where b.municipality_code = ${municipality} and b.status <> 'checked' and b.next_try_at <= ${at}
    order by b.next_try_at, b.case_id limit ${limit}`.execute(db);
  if (cases.rows.length === 0) return [];
  const ids = cases.rows.map((c) => c.case_id);
  const signals = await sql<{ case_id: string; id: string; bsn: string | null; bsn_pseudonym: string | null; initials: string | null; given_name: string | null; surname: string | null }>`
    select st.case_id::text as case_id, s.id::text as id, s.bsn, s.bsn_pseudonym, s.initials, s.given_name, s.surname
    from signal_states st join signals s on s.id = st.signal_id
    where st.case_id = any(${`{${ids.join(',')}}`}::bigint[])
    order by s.id`.execute(db);
  const byCase = new Map<string, DueCheck['signals']>();
  for (const s of signals.rows) {
    const list = byCase.get(s.case_id) ?? [];
    list.push({ id: s.id, bsn: s.bsn, bsnPseudonym: s.bsn_pseudonym, initials: s.initials, givenName: s.given_name, surname: s.surname });
    byCase.set(s.case_id, list);
  }
  return cases.rows.map((c) => ({
    caseId: c.case_id,
    addressKey: c.address_key,
    bsnPseudonym: c.bsn_pseudonym,
    caseStatus: c.status,
    caseResult: c.result,
    date: c.date,
    attempts: c.attempts,
    signals: byCase.get(c.case_id) ?? [],
  }));
}

/** The BRP did not answer: each check waits for its next try; the case is untouched. */
export async function markBrpUnavailable(db: Executor, rows: ReadonlyArray<{ caseId: string; nextTryAt: Date }>, error: string): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    update case_brp_checks b set status = 'brp_unavailable', attempts = b.attempts + 1, next_try_at = u.next_try_at, last_error = ${error}
    from unnest(${`{${rows.map((r) => r.caseId).join(',')}}`}::bigint[], ${rows.map((r) => r.nextTryAt.toISOString())}::timestamptz[]) as u(case_id, next_try_at)
    where b.case_id = u.case_id`.execute(db);
}

export interface CheckedRow {
  caseId: string;
  peildatum: string;
  outcome: string;
  movedTo: string | null;
  residentCount: number | null;
  minorsPresent: boolean | null;
}

/** The BRP answered: the outcome and composition, counts and codes only. */
export async function markBrpChecked(db: Executor, rows: readonly CheckedRow[], at: Date): Promise<void> {
  if (rows.length === 0) return;
  const ids = `{${rows.map((r) => r.caseId).join(',')}}`;
  await sql`
    update case_brp_checks b set status = 'checked', attempts = b.attempts + 1, checked_at = ${at}, last_error = null,
      peildatum = u.peildatum, outcome = u.outcome, moved_to = u.moved_to, resident_count = u.resident_count, minors_present = u.minors_present
    from unnest(${ids}::bigint[], ${rows.map((r) => r.peildatum)}::date[], ${rows.map((r) => r.outcome)}::text[], ${rows.map((r) => r.movedTo)}::text[],
      ${rows.map((r) => r.residentCount)}::int[], ${rows.map((r) => r.minorsPresent)}::boolean[]) as u(case_id, peildatum, outcome, moved_to, resident_count, minors_present)
    where b.case_id = u.case_id`.execute(db);
}

/** A case's check for its page; undefined when none was made (the BRP is not switched on, or not yet). */
export async function brpCheckOf(db: Executor, caseId: string) {
  return db
    .selectFrom('case_brp_checks')
    .select(['status', 'attempts', 'next_try_at', 'checked_at', 'outcome', 'moved_to', 'resident_count', 'minors_present'])
    .select(sql<string | null>`to_char(peildatum, 'YYYY-MM-DD')`.as('peildatum'))
    .where('case_id', '=', caseId)
    .executeTakeFirst();
}

/** The cases' status now, locked until the transaction ends (a worker's contact attempt may have come in since they were read). */
export async function lockCaseStatuses(db: Transaction<DB>, caseIds: readonly string[]): Promise<Map<string, { status: DueCheck['caseStatus']; result: string | null }>> {
  if (caseIds.length === 0) return new Map();
  const r = await sql<{ id: string; status: DueCheck['caseStatus']; result: string | null }>`
    select id::text as id, status, result from cases where id = any(${`{${caseIds.join(',')}}`}::bigint[]) order by id for update`.execute(db);
  return new Map(r.rows.map((x) => [x.id, { status: x.status, result: x.result }]));
}

/**
 * Takes signals out of their case so they can go to the municipality where their subject lives now:
 * their state row goes (they are "not yet taken in" again) and matching is asked to take them in.
 */
export async function takeOutOfCase(db: Executor, signalIds: readonly string[]): Promise<void> {
  if (signalIds.length === 0) return;
  const ids = `{${signalIds.join(',')}}`;
  await sql`delete from signal_states where signal_id = any(${ids}::bigint[])`.execute(db);
  await sql`insert into match_queue (first_signal_id, last_signal_id) select id, id from unnest(${ids}::bigint[]) as u(id)`.execute(db);
}
