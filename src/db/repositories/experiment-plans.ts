import type { Kysely, Transaction } from 'kysely';
import type { DB, ExperimentDocumentsTable } from '../schema.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export interface PlanRow {
  plan: unknown;
  recorded_by: string;
  recorded_at: Date;
  frozen_at: Date | null;
}

export async function getAnalysisPlan(db: Executor, experimentId: string): Promise<PlanRow | undefined> {
  return db.selectFrom('experiment_analysis_plans').select(['plan', 'recorded_by', 'recorded_at', 'frozen_at']).where('experiment_id', '=', experimentId).executeTakeFirst();
}

export async function saveAnalysisPlan(db: Executor, experimentId: string, plan: unknown, recordedBy: string): Promise<void> {
  const row = { experiment_id: experimentId, plan: JSON.stringify(plan), recorded_by: recordedBy };
  await db
    .insertInto('experiment_analysis_plans')
    .values(row)
    .onConflict((oc) => oc.column('experiment_id').doUpdateSet({ plan: row.plan, recorded_by: recordedBy, recorded_at: new Date() }))
    .execute();
}

/** Freezes the plan (idempotent: the first freeze stands). */
export async function freezeAnalysisPlan(db: Executor, experimentId: string): Promise<void> {
  await db.updateTable('experiment_analysis_plans').set({ frozen_at: new Date() }).where('experiment_id', '=', experimentId).where('frozen_at', 'is', null).execute();
}

export type DocumentMeta = Omit<ExperimentDocumentsTable, 'content' | 'id' | 'uploaded_at'> & { id: string; uploaded_at: Date };

export async function insertDocument(db: Executor, row: Omit<ExperimentDocumentsTable, 'id' | 'uploaded_at'>): Promise<string> {
  const r = await db.insertInto('experiment_documents').values(row).returning('id').executeTakeFirstOrThrow();
  return String(r.id);
}

/** The documents of an experiment without their bytes, newest first per kind. */
export async function listDocuments(db: Executor, experimentId: string): Promise<DocumentMeta[]> {
  const rows = await db
    .selectFrom('experiment_documents')
    .select(['id', 'experiment_id', 'kind', 'file_name', 'media_type', 'size_bytes', 'sha256', 'uploaded_by', 'uploaded_at'])
    .where('experiment_id', '=', experimentId)
    .orderBy('kind')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, id: String(r.id) }));
}

export async function getDocument(db: Executor, experimentId: string, id: string) {
  return db
    .selectFrom('experiment_documents')
    .select(['id', 'kind', 'file_name', 'media_type', 'size_bytes', 'sha256', 'content'])
    .where('experiment_id', '=', experimentId)
    .where('id', '=', id)
    .executeTakeFirst();
}
