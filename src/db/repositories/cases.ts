import { sql, type Kysely, type RawBuilder, type Selectable, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import type { OpenCase, PriorSignal, SignalToMatch, CaseFlags } from '../../domain/matching/match-address.ts';
import { BinaryCopyWriter } from '../../infra/copy/binary-copy-writer.ts';
import { copyInto } from '../copy/copy-in.ts';
import { NOT_YET_PICKED_UP } from './signal-state.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/** Held back: taken in by matching (a state row), not yet in a case (weekly or monthly matching, or older data). A literal, as in the partial index signal_states_unmatched, so the planner can use it. */
const HELD = sql`st.case_id is null and st.status = 'Nog niet opgepakt'`;

/**
 * A signal to match, as loaded for one page: `held` when it already has a state row (held back).
 * It carries what the experiments hook and the state row need too, so a page reads each signal once.
 */
export type PageSignal = SignalToMatch & {
  addressKey: string;
  bsn: string | null;
  held: boolean;
  ruleId: string;
  senderOrgId: string;
  arrearStartDate: string | null;
};

/** Municipalities with signals to match: signals intake queued that have no state yet, and held-back ones. */
export async function municipalitiesToMatch(db: Executor): Promise<string[]> {
  const r = await sql<{ municipality_code: string }>`
    select distinct s.municipality_code from (select lower(r) as lo, upper(r) as hi from ${mergedQueue('0')} m) q
      cross join ${signalsInRange}
    where not exists (select 1 from signal_states st where st.signal_id = s.id)
    union
    select distinct st.municipality_code from signal_states st where ${HELD}
    order by 1`.execute(db);
  return r.rows.map((x) => x.municipality_code);
}

/** The highest queue entry now: a round clears only what it could have seen. */
export async function lastQueueEntry(db: Executor): Promise<string> {
  const r = await sql<{ id: string | null }>`select max(id)::text as id from match_queue`.execute(db);
  return r.rows[0]?.id ?? '0';
}

// A page travels as one string: fields joined by \x1f, signals by \x1e (no stored key or id holds either).
const FIELD = '\x1f';
const ROW = '\x1e';
const orNull = (v: string | undefined) => (v === undefined || v === '' ? null : v);

function parsePage(text: string): PageSignal[] {
  return text.split(ROW).map((line) => {
    const f = line.split(FIELD);
    return {
      id: f[0]!,
      signalType: f[1]!,
      signalDate: f[2]!,
      creditorOrgId: f[3]!,
      amountCents: f[4] ? Number(f[4]) : null,
      bsn: orNull(f[5]),
      bsnPseudonym: orNull(f[6]),
      surnameKey: f[7] ?? '',
      crisis: f[8] === 't',
      addressKey: f[9]!,
      ruleId: f[10]!,
      senderOrgId: f[11]!,
      arrearStartDate: orNull(f[12]),
      held: f[13] === 't',
    };
  });
}

/** The page's columns as one string per signal (see parsePage), from the signal row `s`. */
const F = sql.raw(`E'\\x1f'`);
const pageRow = (held: boolean) => sql`concat(s.id, ${F}, s.signal_type, ${F}, s.signal_date, ${F}, s.creditor_org_id, ${F},
  s.amount_cents, ${F}, s.bsn, ${F}, s.bsn_pseudonym, ${F}, s.surname_key, ${F}, case when s.crisis then 't' else 'f' end, ${F},
  s.address_key, ${F}, s.rule_id, ${F}, s.sender_org_id, ${F}, s.arrear_start_date, ${F}, ${sql.raw(held ? "'t'" : "'f'")})`;

/**
 * The queue as disjoint id ranges [lo, hi) from `afterId` on (entries overlap when a signal is queued
 * again). Read per range through the primary key: a join on `between` would be planned as a nested
 * loop over every queued signal when the statistics are stale, as they are right after a big upload.
 */
const mergedQueue = (afterId: string) => sql`(
  select unnest(range_agg(int8range(greatest(first_signal_id, ${afterId}::bigint + 1), last_signal_id, '[]'))) as r
  from match_queue where last_signal_id > ${afterId}::bigint)`;
/** Signals in the id range q.lo … q.hi (exclusive); OFFSET 0 keeps it a per-range index scan. */
const signalsInRange = sql`lateral (select * from signals s where s.id >= q.lo and s.id < q.hi offset 0) s`;

export interface QueuedWindow {
  /** Pages in household order, each parsed when matching reaches it. */
  pages: Array<() => PageSignal[]>;
  /** The last signal id the window covered: the next window starts after it. */
  lastId: string;
  /** Whether queued ids lie beyond this window. */
  more: boolean;
}

/**
 * The next window of queued signals of a municipality (no state yet) after `afterId`, cut into pages
 * in household order: each page holds up to `addressesPerPage` whole addresses and is read here
 * already, so matching reads each signal row once. A window spans at most `limit` queued ids (so at
 * most that many signals); the next window takes the rest (a household cut by it joins its case then).
 */
export async function queuedSignalWindow(db: Transaction<DB>, municipality: string, afterId: string, addressesPerPage: number, limit: number): Promise<QueuedWindow> {
  const ranges = await sql<{ lo: string; hi: string; total: string }>`
    select lo::text, least(hi, lo + ${limit}::bigint - before)::text as hi, total::text from (
      select lower(r) as lo, upper(r) as hi,
        sum(upper(r) - lower(r)) over (order by lower(r)) - (upper(r) - lower(r)) as before,
        sum(upper(r) - lower(r)) over () as total
      from ${mergedQueue(afterId)} m
    ) x where before < ${limit}::bigint order by lo`.execute(db);
  if (ranges.rows.length === 0) return { pages: [], lastId: afterId, more: false };
  const los = `{${ranges.rows.map((x) => x.lo).join(',')}}`;
  const his = `{${ranges.rows.map((x) => x.hi).join(',')}}`;
  // One sort of the window, in memory rather than on disk (local to this read transaction); the
  // planner's cost guess over many ranges would otherwise buy JIT compilation that takes longer than the query.
  await sql`set local work_mem = '256MB'`.execute(db);
  await sql`set local jit = off`.execute(db);
  // A single sort of the window by address, one string per address; pages numbered along that order and
  // joined by number (no second sort by address, no per-page sort of address keys). A page arrives as one
  // long string, which the JavaScript heap keeps out of its young generation (never copied by the GC).
  const r = await sql<{ rows: string }>`
    select string_agg(rows, ${sql.raw(`E'\\x1e'`)} order by n) as rows from (
      select rows, n, n / ${addressesPerPage}::int as page from (
        select string_agg(line, ${sql.raw(`E'\\x1e'`)} order by id) as rows, row_number() over (order by address_key) - 1 as n
        from (
          select s.id, s.address_key, ${pageRow(false)} as line
          from unnest(${los}::bigint[], ${his}::bigint[]) as q(lo, hi) cross join ${signalsInRange}
          where s.municipality_code = ${municipality} and not exists (select 1 from signal_states st where st.signal_id = s.id)
        ) queued group by address_key
      ) addresses
    ) numbered group by page order by page`.execute(db);
  const last = ranges.rows[ranges.rows.length - 1]!;
  return {
    // Parsed page by page as matching reaches it: a window's pages wait as compact strings.
    pages: r.rows.map((x) => () => parsePage(x.rows)),
    lastId: String(BigInt(last.hi) - 1n),
    more: BigInt(last.total) > BigInt(limit),
  };
}

/** The next address keys with held-back signals dated up to `until`, in key order (keyset paging keeps households whole). */
export async function nextHeldAddresses(db: Executor, municipality: string, afterKey: string, until: string, limit: number): Promise<string[]> {
  const r = await sql<{ address_key: string }>`
    select distinct st.address_key from signal_states st
    where st.municipality_code = ${municipality} and ${HELD} and st.address_key > ${afterKey} and st.signal_date <= ${until}::date
    order by st.address_key limit ${limit}`.execute(db);
  return r.rows.map((x) => x.address_key);
}

/**
 * Held-back signals dated up to `until` at the addresses from `lo` to `hi`. A page is a range of
 * address keys: one index range scan instead of a look-up per address.
 */
export async function heldSignalsBetween(db: Executor, municipality: string, lo: string, hi: string, until: string): Promise<PageSignal[]> {
  const r = await sql<{ row: string }>`
    select ${pageRow(true)} as row
    from signal_states st join signals s on s.id = st.signal_id
    where st.municipality_code = ${municipality} and st.address_key between ${lo} and ${hi} and ${HELD} and st.signal_date <= ${until}::date`.execute(db);
  // The state's keys are the signal's (refreshStateKeys keeps them so).
  return r.rows.flatMap((x) => parsePage(x.row));
}

/**
 * The addresses a page looks up: its distinct address keys, in order. A dense page (a big backlog
 * cut into pages) is read by one index range scan from the first key to the last; a sparse one (a
 * few new signals spread over a city, or the rest of a backlog) would drag in every case between
 * them, so when the range holds more than a few rows per key the keys are looked up one by one.
 */
export interface PageAddresses {
  /** Distinct address keys (any order). */
  keys: readonly string[];
}

/** Rows a range read may bring per key of the page before the page counts as sparse. */
const RANGE_ROWS_PER_KEY = 8;

async function byRangeOrKeys<T>(
  page: PageAddresses,
  inRange: (range: RawBuilder<unknown>, limit: number) => Promise<T[]>,
  forKeys: (keys: string) => Promise<T[]>,
): Promise<T[]> {
  if (page.keys.length === 0) return [];
  // A literal array: one parameter whatever the page size (and the same on both engines).
  const keys = `{${page.keys.map((k) => `"${k.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
  // The first and last key by the database's collation, which need not be JavaScript's order.
  const range = sql`between (select min(k) from unnest(${keys}::text[]) k) and (select max(k) from unnest(${keys}::text[]) k)`;
  const limit = page.keys.length * RANGE_ROWS_PER_KEY + 100;
  const rows = await inRange(range, limit + 1);
  return rows.length <= limit ? rows : forKeys(keys);
}

type CaseRow = Selectable<DB['cases']>;

function toOpenCase(c: CaseRow): OpenCase & { addressKey: string } {
  return {
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
    multiple: c.multiple,
    consecutive: c.consecutive,
    knownViaStandardSignals: c.known_via_standard_signals,
  };
}

/** Open cases at a page's addresses. */
export async function openCasesAt(db: Executor, municipality: string, page: PageAddresses): Promise<Array<OpenCase & { addressKey: string }>> {
  const rows = await byRangeOrKeys<CaseRow>(
    page,
    async (range, limit) => (await sql<CaseRow>`
      select c.* from cases c where c.municipality_code = ${municipality} and c.address_key ${range} and c.status <> 'closed'
      limit ${limit}`.execute(db)).rows,
    // OFFSET 0 keeps one index look-up per key, whatever the (possibly stale) statistics say.
    async (keys) => (await sql<CaseRow>`
      select c.* from unnest(${keys}::text[]) as k(key)
      cross join lateral (select * from cases c where c.municipality_code = ${municipality} and c.address_key = k.key and c.status <> 'closed' offset 0) c`.execute(db)).rows,
  );
  return rows.map(toOpenCase);
}

type HistoryRow = { id: string; case_id: string; signal_type: string; signal_date: string; creditor_org_id: string; amount_cents: string | null; bsn_pseudonym: string | null; surname_key: string | null; address_key: string };
const HISTORY_COLUMNS = sql`st.signal_id::text as id, st.case_id::text as case_id, st.signal_type, st.signal_date, st.creditor_org_id, st.amount_cents::text as amount_cents,
  st.bsn_pseudonym, st.surname_key, st.address_key`;

/** Signals at a page's addresses already in a case, from a date on: the history the flags look back on. */
export async function historyAt(db: Executor, municipality: string, page: PageAddresses, from: string): Promise<Array<PriorSignal & { addressKey: string }>> {
  const rows = await byRangeOrKeys<HistoryRow>(
    page,
    async (range, limit) => (await sql<HistoryRow>`
      select ${HISTORY_COLUMNS} from signal_states st
      where st.municipality_code = ${municipality} and st.address_key ${range} and st.case_id is not null
        and st.signal_date >= ${from}::date
      limit ${limit}`.execute(db)).rows,
    async (keys) => (await sql<HistoryRow>`
      select ${HISTORY_COLUMNS} from unnest(${keys}::text[]) as k(key)
      cross join lateral (select * from signal_states st where st.municipality_code = ${municipality} and st.address_key = k.key
        and st.case_id is not null and st.signal_date >= ${from}::date offset 0) st`.execute(db)).rows,
  );
  return rows.map((x) => ({
    id: x.id,
    caseId: x.case_id,
    signalType: x.signal_type,
    signalDate: x.signal_date,
    creditorOrgId: x.creditor_org_id,
    amountCents: x.amount_cents === null ? null : Number(x.amount_cents),
    bsnPseudonym: x.bsn_pseudonym,
    surnameKey: x.surname_key ?? '',
    addressKey: x.address_key,
  }));
}

export type CaseWrite = OpenCase & CaseFlags & { addressKey: string; dbId: string; isNew: boolean };

/** Ids for new cases, taken from the sequence up front so signals can point at them in the same write. */
export async function allocateCaseIds(db: Executor, n: number): Promise<string[]> {
  if (n === 0) return [];
  const r = await sql<{ id: string }>`select nextval('cases_id_seq')::text as id from generate_series(1, ${n})`.execute(db);
  return r.rows.map((x) => x.id);
}

const CASE_COLUMNS = [
  'id', 'municipality_code', 'address_key', 'bsn_pseudonym', 'surname_key', 'status', 'first_signal_date', 'last_signal_date', 'matching_date',
  'matching_period_start', 'matching_period_end', 'signal_count', 'signal_types', 'multiple', 'consecutive', 'crisis', 'known_via_standard_signals',
  'has_experimental_signal', 'deadline', 'result', 'closed_at',
] as const;

/** New cases in one COPY (matching makes most of its cases new), changed ones in one UPDATE. */
export async function upsertCases(db: Executor, municipality: string, matchingDate: string, cases: readonly CaseWrite[]): Promise<void> {
  const fresh = cases.filter((c) => c.isNew);
  const changed = cases.filter((c) => !c.isNew);
  if (fresh.length > 0) {
    const w = new BinaryCopyWriter(256 * fresh.length);
    const now = new Date();
    for (const c of fresh) {
      w.row(CASE_COLUMNS.length);
      w.int8(c.dbId);
      w.text(municipality);
      w.text(c.addressKey);
      w.text(c.bsnPseudonym);
      w.text(c.surnameKey || null);
      w.text(c.status);
      w.date(c.firstSignalDate);
      w.date(c.lastSignalDate);
      w.date(matchingDate);
      w.date(c.matchingPeriodStart);
      w.date(c.matchingPeriodEnd);
      w.int4(c.signalCount);
      w.textArray(c.signalTypes);
      w.bool(c.multiple);
      w.bool(c.consecutive);
      w.bool(c.crisis);
      w.bool(c.knownViaStandardSignals);
      w.bool(c.hasExperimentalSignal);
      w.date(c.deadline);
      w.text(c.result);
      w.timestamptz(c.status === 'closed' ? now : null);
    }
    await copyInto(db, 'cases', CASE_COLUMNS, [w.bytes()]);
  }
  if (changed.length === 0) return;
  const col = <T>(f: (c: CaseWrite) => T) => changed.map(f);
  await sql`
    update cases set bsn_pseudonym = v.bsn, surname_key = v.surname, status = v.status, first_signal_date = v.first, last_signal_date = v.last,
      signal_count = v.n, signal_types = string_to_array(v.types, ','), multiple = v.multiple, consecutive = v.consecutive, crisis = v.crisis,
      known_via_standard_signals = v.known, has_experimental_signal = v.experimental, deadline = v.deadline, result = v.result,
      closed_at = coalesce(cases.closed_at, case when v.status = 'closed' then now() end)
    from unnest(${col((c) => c.dbId)}::bigint[], ${col((c) => c.bsnPseudonym)}::text[], ${col((c) => c.surnameKey || null)}::text[],
      ${col((c) => c.status)}::text[], ${col((c) => c.firstSignalDate)}::date[], ${col((c) => c.lastSignalDate)}::date[],
      ${col((c) => c.signalCount)}::int4[], ${col((c) => c.signalTypes.join(','))}::text[], ${col((c) => c.multiple)}::bool[],
      ${col((c) => c.consecutive)}::bool[], ${col((c) => c.crisis)}::bool[], ${col((c) => c.knownViaStandardSignals)}::bool[],
      ${col((c) => c.hasExperimentalSignal)}::bool[], ${col((c) => c.deadline)}::date[], ${col((c) => c.result)}::text[])
      as v(id, bsn, surname, status, first, last, n, types, multiple, consecutive, crisis, known, experimental, deadline, result)
    where cases.id = v.id and cases.municipality_code = ${municipality}`.execute(db);
}

/** Where matching puts a signal: a case (or none: held back), and the earlier signal it repeats. */
export interface SignalPlacement {
  signalId: string;
  caseId: string | null;
  repeatOf: string | null;
}

const REPEAT_STATUS = 'Niet opgepakt: herhaalde melding';

const STATE_COPY_COLUMNS = [
  'signal_id', 'municipality_code', 'address_key', 'signal_date', 'signal_type', 'creditor_org_id', 'amount_cents', 'crisis', 'surname_key',
  'bsn_pseudonym', 'status', 'case_id', 'repeat_of', 'matched_at',
] as const;

/**
 * Writes the state of signals matching took in for the first time, with their keys as loaded, in
 * one COPY: in a case, or held back (no case). A repeat gets the DDAS status "Niet opgepakt:
 * herhaalde melding". Matching rounds never overlap (one job at a time), so a state is new here.
 */
export async function insertStates(db: Executor, municipality: string, rows: ReadonlyArray<SignalPlacement & { signal: PageSignal }>): Promise<void> {
  if (rows.length === 0) return;
  const w = new BinaryCopyWriter(160 * rows.length);
  const now = new Date();
  for (const r of rows) {
    const s = r.signal;
    w.row(STATE_COPY_COLUMNS.length);
    w.int8(r.signalId);
    w.text(municipality);
    w.text(s.addressKey);
    w.date(s.signalDate);
    w.text(s.signalType);
    w.text(s.creditorOrgId);
    w.int8(s.amountCents);
    w.bool(s.crisis);
    w.text(s.surnameKey || null);
    w.text(s.bsnPseudonym);
    w.text(r.repeatOf !== null ? REPEAT_STATUS : NOT_YET_PICKED_UP);
    w.int8(r.caseId);
    w.int8(r.repeatOf);
    w.timestamptz(r.caseId !== null ? now : null);
  }
  await copyInto(db, 'signal_states', STATE_COPY_COLUMNS, [w.bytes()]);
}

/** Points held-back signals at their cases now that they are matched. */
export async function placeHeldSignals(db: Executor, rows: readonly SignalPlacement[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    update signal_states st set case_id = v.case_id, matched_at = now(), repeat_of = v.repeat_of,
      status = case when v.repeat_of is not null then ${REPEAT_STATUS} else st.status end
    from unnest(${rows.map((r) => r.signalId)}::bigint[], ${rows.map((r) => r.caseId)}::bigint[], ${rows.map((r) => r.repeatOf)}::bigint[])
      as v(id, case_id, repeat_of)
    where st.signal_id = v.id`.execute(db);
}

/**
 * Clears the queue entries up to `upTo` whose signals all have a state now. An entry with a signal
 * still without one (its municipality's round failed, or it was handed over) stays for the next round.
 */
export async function clearMatchedQueue(db: Executor, upTo: string): Promise<void> {
  await sql`
    delete from match_queue q where q.id <= ${upTo}::bigint
      and not exists (
        -- OFFSET 0: each entry's own ids through the primary key, never a scan of all signals (work in proportion to the queue, not the table).
        select 1 from (select s.id from signals s where s.id between q.first_signal_id and q.last_signal_id offset 0) s
          where not exists (select 1 from signal_states st where st.signal_id = s.id))`.execute(db);
}

export async function getMatchSettings(db: Executor, municipality: string) {
  return db.selectFrom('municipality_settings').selectAll().where('municipality_code', '=', municipality).executeTakeFirst();
}
