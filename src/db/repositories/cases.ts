import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import type { OpenCase, PriorSignal, SignalToMatch, CaseFlags } from '../../domain/matching/assign-cases.ts';

type Executor = Kysely<DB> | Transaction<DB>;

const UNMATCHED = sql`case_id is null and status = 'Nog niet opgepakt'`;

interface SignalFactsRow {
  id: string;
  signal_type: string;
  signal_date: string;
  creditor_org_id: string;
  amount_cents: string | null;
  bsn_pseudonym: string | null;
  surname_key: string | null;
  address_key: string;
}

/** What matching needs of a signal row, whether it is still to match or already history. */
function signalFacts(x: SignalFactsRow) {
  return {
    id: x.id,
    signalType: x.signal_type,
    signalDate: x.signal_date,
    creditorOrgId: x.creditor_org_id,
    amountCents: x.amount_cents === null ? null : Number(x.amount_cents),
    bsnPseudonym: x.bsn_pseudonym,
    surnameKey: x.surname_key ?? '',
    addressKey: x.address_key,
  };
}

/** The next address keys with unmatched signals, in key order (keyset paging keeps households whole). */
export async function nextUnmatchedAddresses(db: Executor, municipality: string, afterKey: string, until: string, limit: number): Promise<string[]> {
  const r = await sql<{ address_key: string }>`
    select distinct address_key from signals
    where municipality_code = ${municipality} and ${UNMATCHED} and address_key > ${afterKey} and signal_date <= ${until}::date
    order by address_key limit ${limit}`.execute(db);
  return r.rows.map((x) => x.address_key);
}

export async function unmatchedSignalsAt(
  db: Executor,
  municipality: string,
  keys: readonly string[],
  until: string,
): Promise<Array<SignalToMatch & { addressKey: string; bsn: string | null }>> {
  const r = await sql<{ id: string; signal_type: string; signal_date: string; creditor_org_id: string; amount_cents: string | null; bsn: string | null; bsn_pseudonym: string | null; surname_key: string | null; crisis: boolean; address_key: string }>`
    select id::text as id, signal_type, signal_date, creditor_org_id, amount_cents::text as amount_cents, bsn, bsn_pseudonym, surname_key, crisis, address_key
    from signals
    where municipality_code = ${municipality} and address_key = any(${keys as string[]}::text[]) and ${UNMATCHED} and signal_date <= ${until}::date`.execute(db);
  return r.rows.map((x) => ({ ...signalFacts(x), crisis: x.crisis, bsn: x.bsn }));
}

export async function openCasesAt(db: Executor, municipality: string, keys: readonly string[]): Promise<Array<OpenCase & { addressKey: string }>> {
  const r = await db
    .selectFrom('cases')
    .selectAll()
    .where('municipality_code', '=', municipality)
    .where('address_key', 'in', keys as string[])
    .where('status', '<>', 'closed')
    .execute();
  return r.map((c) => ({
    id: String(c.id),
    addressKey: c.address_key,
    bsnPseudonym: c.bsn_pseudonym,
    surnameKey: c.surname_key ?? '',
    firstSignalDate: c.first_signal_date,
    lastSignalDate: c.last_signal_date,
    matchingPeriodStart: c.matching_period_start,
    matchingPeriodEnd: c.matching_period_end,
    signalCount: c.signal_count,
    signalTypes: c.signal_types,
    crisis: c.crisis,
    status: c.status,
    result: c.result,
    deadline: c.deadline,
  }));
}

export async function historyAt(db: Executor, municipality: string, keys: readonly string[], from: string): Promise<Array<PriorSignal & { addressKey: string }>> {
  const r = await sql<{ id: string; case_id: string; signal_type: string; signal_date: string; creditor_org_id: string; amount_cents: string | null; bsn_pseudonym: string | null; surname_key: string | null; address_key: string }>`
    select id::text as id, case_id::text as case_id, signal_type, signal_date, creditor_org_id, amount_cents::text as amount_cents, bsn_pseudonym, surname_key, address_key
    from signals
    where municipality_code = ${municipality} and address_key = any(${keys as string[]}::text[]) and case_id is not null and signal_date >= ${from}::date`.execute(db);
  return r.rows.map((x) => ({ ...signalFacts(x), caseId: x.case_id }));
}

export type CaseWrite = OpenCase & CaseFlags & { addressKey: string; dbId: string };

/** Ids for new cases, taken from the sequence up front so signals can point at them in the same write. */
export async function allocateCaseIds(db: Executor, n: number): Promise<string[]> {
  if (n === 0) return [];
  const r = await sql<{ id: string }>`select nextval('cases_id_seq')::text as id from generate_series(1, ${n})`.execute(db);
  return r.rows.map((x) => x.id);
}

/** Inserts new cases and updates existing ones, each in one statement. */
export async function upsertCases(db: Executor, municipality: string, matchingDate: string, cases: readonly CaseWrite[]): Promise<void> {
  if (cases.length === 0) return;
  const col = <T>(f: (c: CaseWrite) => T) => cases.map(f);
  await sql`
    insert into cases (id, municipality_code, address_key, bsn_pseudonym, surname_key, status, first_signal_date, last_signal_date,
      matching_date, matching_period_start, matching_period_end, signal_count, signal_types, multiple, consecutive, crisis,
      known_via_standard_signals, has_experimental_signal, deadline, result, closed_at)
    select v.id, ${municipality}, v.address_key, v.bsn, v.surname, v.status, v.first, v.last, ${matchingDate}::date, v.pstart, v.pend,
      v.n, string_to_array(v.types, ','), v.multiple, v.consecutive, v.crisis, v.known, v.experimental, v.deadline, v.result,
      case when v.status = 'closed' then now() end
    from unnest(${col((c) => c.dbId)}::bigint[], ${col((c) => c.addressKey)}::text[], ${col((c) => c.bsnPseudonym)}::text[],
      ${col((c) => c.surnameKey || null)}::text[], ${col((c) => c.status)}::text[], ${col((c) => c.firstSignalDate)}::date[],
      ${col((c) => c.lastSignalDate)}::date[], ${col((c) => c.matchingPeriodStart)}::date[], ${col((c) => c.matchingPeriodEnd)}::date[],
      ${col((c) => c.signalCount)}::int4[], ${col((c) => c.signalTypes.join(','))}::text[], ${col((c) => c.multiple)}::bool[],
      ${col((c) => c.consecutive)}::bool[], ${col((c) => c.crisis)}::bool[], ${col((c) => c.knownViaStandardSignals)}::bool[],
      ${col((c) => c.hasExperimentalSignal)}::bool[], ${col((c) => c.deadline)}::date[], ${col((c) => c.result)}::text[])
      as v(id, address_key, bsn, surname, status, first, last, pstart, pend, n, types, multiple, consecutive, crisis, known, experimental, deadline, result)
    on conflict (id) do update set
      bsn_pseudonym = excluded.bsn_pseudonym, surname_key = excluded.surname_key, status = excluded.status,
      first_signal_date = excluded.first_signal_date, last_signal_date = excluded.last_signal_date, signal_count = excluded.signal_count,
      signal_types = excluded.signal_types, multiple = excluded.multiple, consecutive = excluded.consecutive, crisis = excluded.crisis,
      known_via_standard_signals = excluded.known_via_standard_signals, has_experimental_signal = excluded.has_experimental_signal,
      deadline = excluded.deadline, result = excluded.result, closed_at = coalesce(cases.closed_at, excluded.closed_at)`.execute(db);
}

/** Points signals at their cases; a repeat gets the DDAS status "Niet opgepakt: herhaalde melding". */
export async function assignSignals(db: Executor, rows: ReadonlyArray<{ signalId: string; caseId: string; repeatOf: string | null }>): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    update signals s set case_id = v.case_id, matched_at = now(), repeat_of = v.repeat_of,
      status = case when v.repeat_of is not null then 'Niet opgepakt: herhaalde melding' else s.status end
    from unnest(${rows.map((r) => r.signalId)}::bigint[], ${rows.map((r) => r.caseId)}::bigint[], ${rows.map((r) => r.repeatOf)}::bigint[])
      as v(id, case_id, repeat_of)
    where s.id = v.id`.execute(db);
}

export async function municipalitiesWithUnmatched(db: Executor): Promise<string[]> {
  const r = await sql<{ municipality_code: string }>`select distinct municipality_code from signals where ${UNMATCHED}`.execute(db);
  return r.rows.map((x) => x.municipality_code);
}

export async function getMatchSettings(db: Executor, municipality: string) {
  return db.selectFrom('municipality_settings').selectAll().where('municipality_code', '=', municipality).executeTakeFirst();
}
