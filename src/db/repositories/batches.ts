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
