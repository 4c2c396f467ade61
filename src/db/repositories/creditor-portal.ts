import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import type { BatchResultRow } from './batches.ts';
import { PICKED_UP_CASE_STATES, type StoredStatusFilter } from '../../domain/feedback/creditor-status-filter.ts';
import { NOT_YET_PICKED_UP, signalsWithState } from './signal-state.ts';
import type { CaseStatus } from '../../domain/cases/case-status.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Reads for the creditor portal. Every query is scoped to the caller's organisation: a signal is
 * its own when it sent it or when it is the creditor a processor sent it for (as getOwnSignal).
 * No personal data of residents is selected: only what the sender may see back.
 */

export interface OwnSignalFilter {
  /** Which stored signal (and case) statuses show as the status asked for. */
  status?: StoredStatusFilter;
  signalType?: string;
  /** signal_date range, inclusive, 'YYYY-MM-DD'. */
  from?: string;
  until?: string;
  /** The sender's own reference: prefix match (a reference is the sender's key, not personal data). */
  reference?: string;
}

export interface OwnSignalRow {
  id: string;
  reference: string;
  signal_type: string;
  signal_date: string;
  municipality_code: string;
  regulation_version: string;
  rule_id: string;
  status: string;
  /** The status of the signal's case: the feedback says "Opgepakt" once the municipality picked it up. */
  case_status: CaseStatus | null;
  received_at: Date;
  sender_org_id: string;
  creditor_org_id: string;
  batch_id: string | null;
  row_no: number | null;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function ownSignals(db: Executor, organisationId: string, f: OwnSignalFilter) {
  let q = signalsWithState(db)
    .leftJoin('cases', 'cases.id', 'signal_states.case_id')
    .where((eb) => eb.or([eb('signals.sender_org_id', '=', organisationId), eb('signals.creditor_org_id', '=', organisationId)]));
  const s = f.status;
  const taken = [...PICKED_UP_CASE_STATES];
  const status = sql<string>`coalesce(signal_states.status, ${NOT_YET_PICKED_UP})`;
  if (s?.kind === 'status') q = q.where(status, 'in', s.in);
  else if (s?.kind === 'waiting')
    q = q.where(status, '=', NOT_YET_PICKED_UP).where((eb) => eb.or([eb('cases.status', 'is', null), eb('cases.status', 'not in', taken)]));
  else if (s?.kind === 'picked_up')
    q = q.where((eb) => eb.or([eb(status, 'not in', s.ddas), eb.and([eb(status, '=', NOT_YET_PICKED_UP), eb('cases.status', 'in', taken)])]));
  if (f.signalType) q = q.where('signals.signal_type', '=', f.signalType);
  if (f.from) q = q.where('signals.signal_date', '>=', f.from);
  if (f.until) q = q.where('signals.signal_date', '<=', f.until);
  if (f.reference) q = q.where(sql<boolean>`signals.reference like ${`${escapeLike(f.reference)}%`}`);
  return q;
}

const COLUMNS = [
  'signals.id',
  'signals.reference',
  'signals.signal_type',
  sql<string>`to_char(signals.signal_date, 'YYYY-MM-DD')`.as('signal_date'),
  'signals.municipality_code',
  'signals.regulation_version',
  'signals.rule_id',
  sql<string>`coalesce(signal_states.status, ${NOT_YET_PICKED_UP})`.as('status'),
  'cases.status as case_status',
  'signals.received_at',
  'signals.sender_org_id',
  'signals.creditor_org_id',
  'signals.batch_id',
  'signals.row_no',
] as const;

/** One page of the organisation's signals, newest first, and how many match in all. */
export async function pageOwnSignals(db: Executor, organisationId: string, f: OwnSignalFilter, page: number, size: number): Promise<{ rows: OwnSignalRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    ownSignals(db, organisationId, f)
      .select(COLUMNS)
      .orderBy('signals.received_at', 'desc')
      .orderBy('signals.id', 'desc')
      .limit(size)
      .offset((page - 1) * size)
      .execute(),
    ownSignals(db, organisationId, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((r) => ({ ...r, id: String(r.id) })) as OwnSignalRow[], total: count.n };
}

export async function findOwnSignal(db: Executor, organisationId: string, signalId: string): Promise<OwnSignalRow | undefined> {
  const row = await ownSignals(db, organisationId, {}).select(COLUMNS).where('signals.id', '=', signalId).executeTakeFirst();
  return row ? ({ ...row, id: String(row.id) } as OwnSignalRow) : undefined;
}

export type ResultOutcome = BatchResultRow['outcome'];

/**
 * One page of a batch's per-row results. Without an outcome filter the page is a range of row
 * numbers (rows are numbered 1…n in file order, each stored once: accepted in signals, the rest in
 * batch_rows), so deep pages stay index lookups; with a filter, one table with an offset.
 */
export async function pageBatchResultRows(db: Executor, batchId: string, opts: { outcome?: ResultOutcome; page: number; size: number }): Promise<BatchResultRow[]> {
  const { page, size } = opts;
  const accepted = sql`select row_no, reference, 'accepted' as outcome, id::text as signal_id, regulation_version, null::jsonb as refusals from signals where batch_id = ${batchId}::uuid`;
  const others = sql`select row_no, reference, outcome, signal_id::text as signal_id, null as regulation_version, refusals from batch_rows where batch_id = ${batchId}::uuid`;
  if (!opts.outcome) {
    const lo = (page - 1) * size;
    const hi = page * size;
    const r = await sql<BatchResultRow>`select * from ((${accepted} and row_no > ${lo} and row_no <= ${hi}) union all (${others} and row_no > ${lo} and row_no <= ${hi})) r order by row_no`.execute(db);
    return r.rows;
  }
  const source = opts.outcome === 'accepted' ? accepted : sql`${others} and outcome = ${opts.outcome}`;
  const r = await sql<BatchResultRow>`${source} order by row_no limit ${size} offset ${(page - 1) * size}`.execute(db);
  return r.rows;
}

/** How many rows of a batch had each outcome (duplicates and conflicts are one counter on the batch). */
export async function countBatchOutcomes(db: Executor, batchId: string): Promise<Record<ResultOutcome, number>> {
  const r = await sql<{ outcome: string; n: number }>`
    select 'accepted' as outcome, count(*)::int as n from signals where batch_id = ${batchId}::uuid
    union all select outcome, count(*)::int from batch_rows where batch_id = ${batchId}::uuid group by outcome`.execute(db);
  const out: Record<ResultOutcome, number> = { accepted: 0, refused: 0, duplicate: 0, conflict: 0 };
  for (const x of r.rows) if (x.outcome in out) out[x.outcome as ResultOutcome] = x.n;
  return out;
}

/** The result of one row of a batch; undefined when the batch has no such row. */
export async function getBatchResultRow(db: Executor, batchId: string, rowNo: number): Promise<BatchResultRow | undefined> {
  const r = await sql<BatchResultRow>`
    (select row_no, reference, 'accepted' as outcome, id::text as signal_id, regulation_version, null::jsonb as refusals
      from signals where batch_id = ${batchId}::uuid and row_no = ${rowNo})
    union all
    (select row_no, reference, outcome, signal_id::text, null, refusals from batch_rows where batch_id = ${batchId}::uuid and row_no = ${rowNo})`.execute(db);
  return r.rows[0];
}
