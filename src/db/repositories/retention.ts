import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import type { RetentionPolicy } from '../../domain/privacy/retention.ts';
import { deleteDependents, ident } from './dependents.ts';
import type { SignalPartition } from './signal-partitions.ts';

type Executor = Kysely<DB> | Transaction<DB>;

const PICKED_UP = sql`(c.picked_up_on is not null or c.status = 'picked_up')`;

export async function getRetentionSettings(db: Executor, municipality: string): Promise<(RetentionPolicy & { updatedAt: Date; updatedBy: string }) | undefined> {
  const r = await db.selectFrom('retention_settings').selectAll().where('municipality_code', '=', municipality).executeTakeFirst();
  return r
    ? {
        unpickedSignalMonths: r.unpicked_signal_months,
        pickedUpSignalMonths: r.picked_up_signal_months,
        caseMonthsAfterClosing: r.case_months_after_closing,
        updatedAt: r.updated_at,
        updatedBy: r.updated_by,
      }
    : undefined;
}

export async function putRetentionSettings(db: Executor, municipality: string, p: RetentionPolicy, by: string): Promise<void> {
  const values = {
    unpicked_signal_months: p.unpickedSignalMonths,
    picked_up_signal_months: p.pickedUpSignalMonths,
    case_months_after_closing: p.caseMonthsAfterClosing,
    updated_at: new Date(),
    updated_by: by,
  };
  await db
    .insertInto('retention_settings')
    .values({ municipality_code: municipality, ...values })
    .onConflict((oc) => oc.column('municipality_code').doUpdateSet(values))
    .execute();
}

/** Every municipality that holds signals or cases: the ones a retention run visits. */
export async function municipalitiesWithData(db: Executor): Promise<string[]> {
  const r = await sql<{ code: string }>`
    select municipality_code as code from signals group by 1
    union select municipality_code from cases group by 1 order by 1`.execute(db);
  return r.rows.map((x) => x.code);
}

/** Up to `limit` signals never picked up, received before the cut-off. */
export async function unpickedSignalsDue(db: Executor, municipality: string, before: Date, limit: number): Promise<string[]> {
  const r = await sql<{ id: string }>`
    select s.id::text as id from signals s left join signal_states st on st.signal_id = s.id left join cases c on c.id = st.case_id
    where s.municipality_code = ${municipality} and s.received_at < ${before}
      and (st.case_id is null or not ${PICKED_UP})
    order by s.id limit ${limit}`.execute(db);
  return r.rows.map((x) => x.id);
}

/** Up to `limit` signals of closed, picked-up cases, received before the cut-off. */
export async function pickedUpSignalsDue(db: Executor, municipality: string, before: Date, limit: number): Promise<string[]> {
  const r = await sql<{ id: string }>`
    select s.id::text as id from signals s join signal_states st on st.signal_id = s.id join cases c on c.id = st.case_id
    where s.municipality_code = ${municipality} and s.received_at < ${before} and c.status = 'closed' and ${PICKED_UP}
    order by s.id limit ${limit}`.execute(db);
  return r.rows.map((x) => x.id);
}

/** Up to `limit` cases closed before the cut-off. */
export async function closedCasesDue(db: Executor, municipality: string, before: Date, limit: number): Promise<string[]> {
  const r = await sql<{ id: string }>`
    select id::text as id from cases
    where municipality_code = ${municipality} and status = 'closed' and closed_at < ${before}
    order by id limit ${limit}`.execute(db);
  return r.rows.map((x) => x.id);
}

export interface SignalDeletion {
  signals: number;
  batchRows: number;
  /** Cases left without signals that were never picked up: they go with their last signal. */
  emptiedCases: string[];
  records: Record<string, number>;
}

/**
 * Deletes signals, children first: batch results that point at them, rows in other tables that
 * reference them, then the signals. Repeat links to them are cleared. Returns the cases that were
 * left without signals and were never picked up (nothing left to work on), and recounts the rest.
 */
export async function deleteSignals(db: Executor, ids: readonly string[]): Promise<SignalDeletion> {
  if (ids.length === 0) return { signals: 0, batchRows: 0, emptiedCases: [], records: {} };
  const idArr = sql`${ids as string[]}::bigint[]`;
  const br = await sql`delete from batch_rows where signal_id = any(${idArr})`.execute(db);
  await sql`update signal_states set repeat_of = null where repeat_of = any(${idArr}) and not (signal_id = any(${idArr}))`.execute(db);
  const inCases = await sql<{ case_id: string }>`
    select distinct case_id::text as case_id from signal_states where signal_id = any(${idArr}) and case_id is not null`.execute(db);
  // The state row is part of the signal, not a record about it: it goes without being counted.
  await sql`delete from signal_states where signal_id = any(${idArr})`.execute(db);
  const records = await deleteDependents(db, 'signals', sql`p.id = any(${idArr})`, ['signal_states']);
  const deleted = await sql`delete from signals where id = any(${idArr})`.execute(db);
  const caseIds = inCases.rows.map((r) => r.case_id);
  let emptied: string[] = [];
  if (caseIds.length > 0) {
    const cArr = sql`${caseIds}::bigint[]`;
    const empty = await sql<{ id: string }>`
      select c.id::text as id from cases c
      where c.id = any(${cArr}) and not ${PICKED_UP} and not exists (select 1 from signal_states s where s.case_id = c.id)`.execute(db);
    emptied = empty.rows.map((r) => r.id);
    await sql`update cases c set signal_count = (select count(*) from signal_states s where s.case_id = c.id)
      where c.id = any(${cArr})`.execute(db);
  }
  return { signals: Number(deleted.numAffectedRows ?? 0n), batchRows: Number(br.numAffectedRows ?? 0n), emptiedCases: emptied, records };
}

export interface CaseDeletion {
  cases: number;
  signals: number;
  batchRows: number;
  records: Record<string, number>;
}

/** Deletes case files: the signals still in them, every record about them, then the cases. */
export async function deleteCases(db: Executor, ids: readonly string[]): Promise<CaseDeletion> {
  if (ids.length === 0) return { cases: 0, signals: 0, batchRows: 0, records: {} };
  const idArr = sql`${ids as string[]}::bigint[]`;
  const inCases = await sql<{ id: string }>`select signal_id::text as id from signal_states where case_id = any(${idArr})`.execute(db);
  const sig = await deleteSignals(db, inCases.rows.map((r) => r.id));
  const records = await deleteDependents(db, 'cases', sql`p.id = any(${idArr})`, ['signals', 'signal_states']);
  for (const [t, n] of Object.entries(sig.records)) records[t] = (records[t] ?? 0) + n;
  const res = await sql`delete from cases where id = any(${idArr})`.execute(db);
  return { cases: Number(res.numAffectedRows ?? 0n), signals: sig.signals, batchRows: sig.batchRows, records };
}

/**
 * Batch results older than the cut-off go; a batch itself goes once no signal points at it.
 * Returns rows and batches deleted.
 */
export async function deleteOldBatchResults(db: Executor, before: Date): Promise<{ batchRows: number; batches: number }> {
  const rows = await sql`
    delete from batch_rows br using batches b
    where br.batch_id = b.id and b.created_at < ${before}`.execute(db);
  const batches = await sql`
    delete from batches b where b.created_at < ${before} and not exists (select 1 from signals s where s.batch_id = b.id)`.execute(db);
  return { batchRows: Number(rows.numAffectedRows ?? 0n), batches: Number(batches.numAffectedRows ?? 0n) };
}

export interface Tombstone {
  municipalityCode: string | null;
  kind: string;
  reason: string;
  signals: number;
  cases: number;
  batchRows: number;
  caseRecords?: Record<string, number>;
  actorId: string;
  occurredAt: Date;
}

/** The record that a deletion happened: what kind, how many, when, why — never what it was. */
export async function insertTombstone(db: Executor, t: Tombstone): Promise<void> {
  await db
    .insertInto('deletion_log')
    .values({
      municipality_code: t.municipalityCode,
      kind: t.kind,
      reason: t.reason,
      signals: t.signals,
      cases: t.cases,
      batch_rows: t.batchRows,
      case_records: t.caseRecords && Object.keys(t.caseRecords).length > 0 ? JSON.stringify(t.caseRecords) : null,
      actor_id: t.actorId,
      occurred_at: t.occurredAt,
    })
    .execute();
}

/** A municipality's cut-offs for signals, for the month partitions (retentionCutoffs). */
export interface SignalsDue {
  municipality: string;
  unpickedReceivedBefore: Date;
  pickedUpReceivedBefore: Date;
}

const inRange = (column: RawBuilder<unknown>, p: SignalPartition) =>
  p.from === null ? sql`(${column} < ${p.to})` : sql`(${column} >= ${p.from} and ${column} < ${p.to})`;

/**
 * Whether every signal of a closed partition is due under its own municipality's terms: never
 * picked up and received before that municipality's cut-off, or of a closed picked-up case and
 * received before the longer one. A signal of a municipality not in `due` (its settings were
 * refused, or it was not part of the run), of a case still being worked, or not old enough keeps
 * the whole partition: then retention deletes row by row.
 */
export async function signalPartitionDue(db: Executor, p: SignalPartition, due: readonly SignalsDue[]): Promise<boolean> {
  if (p.to === null || due.length === 0) return false;
  const r = await sql<{ kept: boolean }>`
    with due (m, unpicked, picked) as (
      select * from unnest(${due.map((d) => d.municipality)}::text[], ${due.map((d) => d.unpickedReceivedBefore.toISOString())}::timestamptz[],
                           ${due.map((d) => d.pickedUpReceivedBefore.toISOString())}::timestamptz[]))
    select exists (
      select 1 from ${ident(p.signals)} s
      left join due d on d.m = s.municipality_code
      left join ${ident(p.states)} st on st.signal_id = s.id
      left join cases c on c.id = st.case_id
      where not coalesce((s.received_at < d.unpicked and (st.case_id is null or not ${PICKED_UP}))
                      or (s.received_at < d.picked and c.status = 'closed' and ${PICKED_UP}), false)) as kept`.execute(db);
  return !r.rows[0]!.kept;
}

/** What went with one municipality's signals of a partition, per kind of retention. */
export interface PartitionShare {
  unpicked: { ids: string[]; batchRows: number; records: Record<string, number> };
  pickedUp: { ids: string[]; batchRows: number; records: Record<string, number> };
  /** Cases never picked up that had no signal outside the partition: deleted with it. */
  emptiedCases: { ids: string[]; records: Record<string, number> };
}

/**
 * Deletes everything that points at the signals of a partition that is due as a whole
 * (signalPartitionDue) — batch results, repeat links from later signals, rows in tables that
 * reference signals, their references, the cases left empty — and recounts the other cases; the
 * same as deleteSignals does row by row, set-based over the id range. The signals and their states
 * stay for dropSignalPartition, which the caller runs last, after its tombstones and audit records.
 * Returns what went per municipality (the signal's own).
 */
export async function clearSignalPartition(trx: Transaction<DB>, p: SignalPartition): Promise<Map<string, PartitionShare>> {
  const signals = await sql<{ id: string; m: string; picked: boolean }>`
    select s.id::text as id, s.municipality_code as m, coalesce(c.status = 'closed' and ${PICKED_UP}, false) as picked
    from ${ident(p.signals)} s left join ${ident(p.states)} st on st.signal_id = s.id left join cases c on c.id = st.case_id
    order by s.id`.execute(trx);
  const shares = new Map<string, PartitionShare>();
  const where = new Map<string, { m: string; picked: boolean }>();
  for (const s of signals.rows) {
    let share = shares.get(s.m);
    if (!share) shares.set(s.m, (share = { unpicked: { ids: [], batchRows: 0, records: {} }, pickedUp: { ids: [], batchRows: 0, records: {} }, emptiedCases: { ids: [], records: {} } }));
    (s.picked ? share.pickedUp : share.unpicked).ids.push(s.id);
    where.set(s.id, s);
  }
  const br = await sql<{ id: string }>`delete from batch_rows where ${inRange(sql`signal_id`, p)} returning signal_id::text as id`.execute(trx);
  for (const { id } of br.rows) {
    const s = where.get(id);
    if (s) (s.picked ? shares.get(s.m)!.pickedUp : shares.get(s.m)!.unpicked).batchRows++;
  }
  await sql`update signal_states set repeat_of = null where ${inRange(sql`repeat_of`, p)} and not ${inRange(sql`signal_id`, p)}`.execute(trx);
  for (const share of shares.values())
    for (const kind of [share.unpicked, share.pickedUp])
      if (kind.ids.length > 0) kind.records = await deleteDependents(trx, 'signals', sql`p.id = any(${kind.ids}::bigint[])`, ['signal_states']);
  await sql`delete from signal_references r using ${ident(p.signals)} s
    where r.sender_org_id = s.sender_org_id and r.reference = s.reference and r.signal_id = s.id`.execute(trx);

  // Cases that lose their last signal and were never picked up go too, as with deleteSignals.
  const inCases = sql`(select st.case_id from ${ident(p.states)} st where st.case_id is not null)`;
  const emptied = await sql<{ id: string; m: string }>`
    select c.id::text as id, c.municipality_code as m from cases c
    where c.id in ${inCases} and not ${PICKED_UP}
      and not exists (select 1 from signal_states s where s.case_id = c.id and not ${inRange(sql`s.signal_id`, p)})
    order by c.id`.execute(trx);
  for (const c of emptied.rows) {
    let share = shares.get(c.m);
    if (!share) shares.set(c.m, (share = { unpicked: { ids: [], batchRows: 0, records: {} }, pickedUp: { ids: [], batchRows: 0, records: {} }, emptiedCases: { ids: [], records: {} } }));
    share.emptiedCases.ids.push(c.id);
  }
  for (const share of shares.values()) {
    const ids = share.emptiedCases.ids;
    if (ids.length === 0) continue;
    share.emptiedCases.records = await deleteDependents(trx, 'cases', sql`p.id = any(${ids}::bigint[])`, ['signals', 'signal_states']);
    await sql`delete from cases where id = any(${ids}::bigint[])`.execute(trx);
  }
  await sql`update cases c set signal_count = (select count(*) from signal_states s where s.case_id = c.id and not ${inRange(sql`s.signal_id`, p)})
    where c.id in ${inCases}`.execute(trx);
  return shares;
}
