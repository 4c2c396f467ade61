import { FORMULA_START_SQL } from '../../domain/csv-cell.ts';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export async function createBatch(
  db: Executor,
  b: { organisationId: string; filename: string | null; format: 'csv' | 'jsonl' | 'json'; createdBy: string },
): Promise<string> {
  const row = await db
    .insertInto('batches')
    .values({ organisation_id: b.organisationId, filename: b.filename, format: b.format, status: 'receiving', created_by: b.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** How many bytes the upload announced, so its progress can be shown as a share. */
export async function setBytesExpected(db: Executor, batchId: string, bytes: number): Promise<void> {
  await db.updateTable('batches').set({ bytes_expected: String(bytes) }).where('id', '=', batchId).execute();
}

export async function addBatchProgress(
  db: Executor,
  batchId: string,
  d: { rows: number; accepted: number; refused: number; duplicate: number; bytes: number },
): Promise<void> {
  await sql`update batches set rows_total = rows_total + ${d.rows}, rows_accepted = rows_accepted + ${d.accepted},
      rows_refused = rows_refused + ${d.refused}, rows_duplicate = rows_duplicate + ${d.duplicate},
      bytes_received = greatest(bytes_received, ${d.bytes}::bigint), updated_at = now()
    where id = ${batchId}::uuid`.execute(db);
}

export async function finishBatch(db: Executor, batchId: string, status: 'completed' | 'failed', error?: unknown, fileFormat?: unknown): Promise<void> {
  await db
    .updateTable('batches')
    .set({
      status,
      error: error === undefined ? null : JSON.stringify(error),
      ...(fileFormat === undefined ? {} : { file_format: JSON.stringify(fileFormat) }),
      completed_at: new Date(),
      updated_at: new Date(),
    })
    .where('id', '=', batchId)
    .execute();
}

export async function getBatch(db: Executor, organisationId: string, batchId: string) {
  return db
    .selectFrom('batches')
    .selectAll()
    .where('id', '=', batchId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
}

export async function listBatches(db: Executor, organisationId: string, limit = 50) {
  return db
    .selectFrom('batches')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

export interface BatchRowInsert {
  row_no: number;
  reference: string | null;
  outcome: 'refused' | 'duplicate' | 'conflict';
  signal_id: string | null;
  refusals: unknown;
  /** What the evaluation counts a refused row by (007); null where the sender gave nothing usable. */
  municipality_code?: string | null;
  signal_type?: string | null;
  signal_date?: string | null;
}

export async function insertBatchRows(db: Executor, batchId: string, rows: readonly BatchRowInsert[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`insert into batch_rows (batch_id, row_no, reference, outcome, signal_id, refusals, municipality_code, signal_type, signal_date)
    select ${batchId}::uuid, * from unnest(${rows.map((r) => r.row_no)}::int4[], ${rows.map((r) => r.reference)}::text[],
      ${rows.map((r) => r.outcome)}::text[], ${rows.map((r) => r.signal_id)}::int8[],
      ${rows.map((r) => (r.refusals == null ? null : JSON.stringify(r.refusals)))}::jsonb[],
      ${rows.map((r) => r.municipality_code ?? null)}::text[], ${rows.map((r) => r.signal_type ?? null)}::text[],
      ${rows.map((r) => r.signal_date ?? null)}::date[])
    on conflict do nothing`.execute(db);
}

export interface BatchResultRow {
  row_no: number;
  reference: string | null;
  outcome: 'accepted' | 'refused' | 'duplicate' | 'conflict';
  signal_id: string | null;
  regulation_version: string | null;
  refusals: unknown;
}

/** The non-accepted rows (refused, duplicate, conflict) of rows `from`…`to` of a batch, in row order. */
export async function otherResultsBetween(db: Executor, batchId: string, from: number, to: number): Promise<BatchResultRow[]> {
  const res = await sql<BatchResultRow>`
    select row_no, reference, outcome, signal_id::text as signal_id, null as regulation_version, refusals
      from batch_rows where batch_id = ${batchId}::uuid and row_no between ${from} and ${to}
     order by row_no`.execute(db);
  return res.rows;
}

/** RFC 4180 quoting in SQL after neutralising a formula start, as result-csv.ts does in TypeScript (a test holds the two equal). */
const csvField = (column: string) => {
  const v = `(case when ${column} ~ E${FORMULA_START_SQL} then '''' || ${column} else ${column} end)`;
  return sql.raw(`case when ${v} ~ '[",\r\n]' then '"' || replace(${v}, '"', '""') || '"' else ${v} end`);
};

/**
 * Lines per piece of result text: ~75 KB, small enough for the JavaScript engine's young generation,
 * where it dies cheaply once written (larger strings go straight to the old generation and pile
 * up there until a full collection).
 */
const LINES_PER_PIECE = 1000;

/**
 * The accepted rows of rows `from`…`to` of a batch as result-file lines, rendered by the server:
 * a million accepted rows are a million identical-looking lines, and shipping them as values to
 * format here cost more than the ingest's judging of a chunk. The lines come grouped in the runs
 * between the rows in `others` (the page's non-accepted row numbers, ascending): `runs[k]` holds
 * the text of the accepted rows after the k-th of them (`runs[0]`: before the first), in pieces.
 */
export async function acceptedResultLinesBetween(db: Executor, batchId: string, from: number, to: number, others: readonly number[]): Promise<string[][]> {
  const res = await sql<{ run: number; lines: string }>`
    select width_bucket(row_no, ${others}::int4[]) as run, row_no / ${LINES_PER_PIECE} as piece,
           string_agg(row_no || ',' || ${csvField('reference')} || ',accepted,' || id || ',' || ${csvField('regulation_version')} || ${',,,,\n'}, '' order by row_no) as lines
      from signals where batch_id = ${batchId}::uuid and row_no between ${from} and ${to}
     group by 1, 2
     order by 1, 2`.execute(db);
  const runs = Array.from({ length: others.length + 1 }, (): string[] => []);
  for (const r of res.rows) runs[r.run]!.push(r.lines);
  return runs;
}
