import { sql, type Insertable, type Kysely, type Selectable, type Transaction, type Updateable } from 'kysely';
import type {
  DB,
  ExperimentArmsTable,
  ExperimentCapacityTable,
  ExperimentParticipantsTable,
  ExperimentPreselectionRulesTable,
  ExperimentsTable,
} from '../schema.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export type ExperimentRow = Selectable<ExperimentsTable>;
export type ParticipantRow = Selectable<ExperimentParticipantsTable>;
export type PreselectionRow = Selectable<ExperimentPreselectionRulesTable>;
export type CapacityRow = Selectable<ExperimentCapacityTable>;
export type ArmRow = Selectable<ExperimentArmsTable>;

/** All experiments, or those the organisation takes part in. */
export async function listExperiments(db: Executor, opts: { participantOrg?: string; stage?: string } = {}): Promise<ExperimentRow[]> {
  let q = db.selectFrom('experiments').selectAll();
  if (opts.participantOrg !== undefined) {
    const org = opts.participantOrg;
    q = q.where('id', 'in', db.selectFrom('experiment_participants').select('experiment_id').where('organisation_id', '=', org));
  }
  if (opts.stage !== undefined) q = q.where('stage', '=', opts.stage);
  return q.orderBy('created_at').orderBy('id').execute();
}

export async function countExperiments(db: Executor): Promise<number> {
  const r = await db.selectFrom('experiments').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function getExperiment(db: Executor, id: string, opts: { forUpdate?: boolean } = {}): Promise<ExperimentRow | undefined> {
  const q = db.selectFrom('experiments').selectAll().where('id', '=', id);
  return (opts.forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

export async function insertExperiment(db: Executor, row: Insertable<ExperimentsTable>): Promise<boolean> {
  const r = await db.insertInto('experiments').values(row).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function updateExperiment(db: Executor, id: string, patch: Updateable<ExperimentsTable>): Promise<void> {
  await db.updateTable('experiments').set({ ...patch, updated_at: sql<Date>`now()` }).where('id', '=', id).execute();
}

export async function listParticipants(db: Executor, experimentIds: readonly string[]): Promise<ParticipantRow[]> {
  if (experimentIds.length === 0) return [];
  return db.selectFrom('experiment_participants').selectAll().where('experiment_id', 'in', experimentIds as string[]).orderBy('id').execute();
}

export async function replaceParticipants(db: Executor, id: string, rows: ReadonlyArray<Omit<Insertable<ExperimentParticipantsTable>, 'experiment_id'>>): Promise<void> {
  await db.deleteFrom('experiment_participants').where('experiment_id', '=', id).execute();
  if (rows.length > 0) await db.insertInto('experiment_participants').values(rows.map((r) => ({ ...r, experiment_id: id }))).execute();
}

export async function listGroundRules(db: Executor, id: string) {
  return db.selectFrom('experiment_ground_rules').selectAll().where('experiment_id', '=', id).execute();
}

export async function upsertGroundRule(db: Executor, row: { experiment_id: string; code: string; met: boolean; note: string; confirmed_by: string }): Promise<void> {
  await db
    .insertInto('experiment_ground_rules')
    .values({ ...row, confirmed_at: sql<Date>`now()` })
    .onConflict((oc) => oc.columns(['experiment_id', 'code']).doUpdateSet({ met: row.met, note: row.note, confirmed_by: row.confirmed_by, confirmed_at: sql<Date>`now()` }))
    .execute();
}

export async function listPreselectionRules(db: Executor, experimentIds: readonly string[]): Promise<PreselectionRow[]> {
  if (experimentIds.length === 0) return [];
  return db.selectFrom('experiment_preselection_rules').selectAll().where('experiment_id', 'in', experimentIds as string[]).orderBy('id').execute();
}

export async function replacePreselectionRules(db: Executor, id: string, rows: ReadonlyArray<Omit<Insertable<ExperimentPreselectionRulesTable>, 'experiment_id'>>): Promise<void> {
  await db.deleteFrom('experiment_preselection_rules').where('experiment_id', '=', id).execute();
  if (rows.length > 0) await db.insertInto('experiment_preselection_rules').values(rows.map((r) => ({ ...r, experiment_id: id }))).execute();
}

export async function listCapacity(db: Executor, id: string): Promise<CapacityRow[]> {
  return db.selectFrom('experiment_capacity').selectAll().where('experiment_id', '=', id).orderBy('municipality_code').execute();
}

export async function replaceCapacity(db: Executor, id: string, rows: ReadonlyArray<Omit<Insertable<ExperimentCapacityTable>, 'experiment_id'>>): Promise<void> {
  await db.deleteFrom('experiment_capacity').where('experiment_id', '=', id).execute();
  if (rows.length > 0) await db.insertInto('experiment_capacity').values(rows.map((r) => ({ ...r, experiment_id: id }))).execute();
}

export async function listArms(db: Executor, experimentIds: readonly string[]): Promise<ArmRow[]> {
  if (experimentIds.length === 0) return [];
  return db.selectFrom('experiment_arms').selectAll().where('experiment_id', 'in', experimentIds as string[]).orderBy('experiment_id').orderBy('code').execute();
}

export async function replaceArms(db: Executor, id: string, rows: ReadonlyArray<Omit<Insertable<ExperimentArmsTable>, 'experiment_id'>>): Promise<void> {
  await db.deleteFrom('experiment_arms').where('experiment_id', '=', id).execute();
  if (rows.length > 0) await db.insertInto('experiment_arms').values(rows.map((r) => ({ ...r, experiment_id: id }))).execute();
}

export async function countAssignmentsOf(db: Executor, id: string): Promise<number> {
  const r = await db.selectFrom('experiment_assignments').select((eb) => eb.fn.countAll<string>().as('n')).where('experiment_id', '=', id).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Households per arm and municipality: the balance the evaluation needs, no household named. */
export async function armBalance(db: Executor, id: string): Promise<Array<{ arm_code: string; municipality_code: string; households: number }>> {
  const r = await db
    .selectFrom('experiment_assignments')
    .select(['arm_code', 'municipality_code', (eb) => eb.fn.countAll<string>().as('n')])
    .where('experiment_id', '=', id)
    .groupBy(['arm_code', 'municipality_code'])
    .orderBy('municipality_code')
    .orderBy('arm_code')
    .execute();
  return r.map((x) => ({ arm_code: x.arm_code, municipality_code: x.municipality_code, households: Number(x.n) }));
}

export async function countFlags(db: Executor, id: string): Promise<Array<{ code: string; signals: number }>> {
  const r = await sql<{ code: string; n: string }>`
    select code, count(*)::text as n from experiment_signal_flags, unnest(codes) as code
    where experiment_id = ${id} group by code order by code`.execute(db);
  return r.rows.map((x) => ({ code: x.code, signals: Number(x.n) }));
}

export interface HistoryInsert {
  experiment_id: string;
  actor_type: string;
  actor_id: string;
  actor_label: string;
  organisation_id: string | null;
  kind: string;
  from_stage?: string | null;
  to_stage?: string | null;
  reason: string;
  changes?: unknown;
}

export async function appendHistory(db: Executor, h: HistoryInsert): Promise<void> {
  await db
    .insertInto('experiment_history')
    .values({ ...h, from_stage: h.from_stage ?? null, to_stage: h.to_stage ?? null, changes: h.changes === undefined ? null : JSON.stringify(h.changes) })
    .execute();
}

export async function listHistory(db: Executor, id: string) {
  return db.selectFrom('experiment_history').selectAll().where('experiment_id', '=', id).orderBy('id').execute();
}

/** Accepted signals of the experiment's rules per municipality and month, from a month on. */
export async function signalsPerMonth(db: Executor, ruleIds: readonly string[], municipalities: readonly string[], fromMonth: string) {
  if (ruleIds.length === 0) return [];
  let q = db
    .selectFrom('signals')
    .select(['municipality_code', sql<string>`to_char(signal_date, 'YYYY-MM')`.as('month'), (eb) => eb.fn.countAll<string>().as('n')])
    .where('rule_id', 'in', ruleIds as string[])
    .where('signal_date', '>=', fromMonth);
  if (municipalities.length > 0) q = q.where('municipality_code', 'in', municipalities as string[]);
  const r = await q.groupBy(['municipality_code', sql`to_char(signal_date, 'YYYY-MM')`]).execute();
  return r.map((x) => ({ municipalityCode: x.municipality_code, month: x.month, signals: Number(x.n) }));
}

// --- the intake and matching hooks ---

export async function existingAssignments(db: Executor, experimentIds: readonly string[], refs: readonly string[]) {
  if (experimentIds.length === 0 || refs.length === 0) return [];
  return db
    .selectFrom('experiment_assignments')
    .select(['experiment_id', 'household_ref', 'arm_code', 'case_id'])
    .where('experiment_id', 'in', experimentIds as string[])
    .where('household_ref', 'in', refs as string[])
    .execute();
}

/**
 * How many households of the experiment the municipality has; locks the (experiment, municipality)
 * pair for the transaction first, so two pages matched at once never draw the same ordinal.
 */
export async function assignmentCount(db: Executor, experimentId: string, municipality: string): Promise<number> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`experiment-arms|${experimentId}|${municipality}`}, 0))`.execute(db);
  const r = await db
    .selectFrom('experiment_assignments')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('experiment_id', '=', experimentId)
    .where('municipality_code', '=', municipality)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertAssignments(
  db: Executor,
  rows: ReadonlyArray<{ experiment_id: string; household_ref: string; municipality_code: string; arm_code: string; method: string; seed: string; ordinal: number; case_id: string | null }>,
): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('experiment_assignments').values([...rows]).onConflict((oc) => oc.columns(['experiment_id', 'household_ref']).doNothing()).execute();
}

/** Households drawn at intake (no case yet) get the case matching put them in. */
export async function attachAssignmentCases(db: Executor, experimentId: string, rows: ReadonlyArray<{ ref: string; caseId: string }>): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    update experiment_assignments a set case_id = v.case_id
    from unnest(${rows.map((r) => r.ref)}::text[], ${rows.map((r) => r.caseId)}::bigint[]) as v(ref, case_id)
    where a.experiment_id = ${experimentId} and a.household_ref = v.ref and a.case_id is null`.execute(db);
}

/** Records the arm on cases that have none yet (a case in two experiments keeps the first). */
export async function setCaseArms(db: Executor, rows: ReadonlyArray<{ caseId: string; arm: string }>): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    update cases c set experiment_arm = v.arm
    from unnest(${rows.map((r) => r.caseId)}::bigint[], ${rows.map((r) => r.arm)}::text[]) as v(id, arm)
    where c.id = v.id and c.experiment_arm is null`.execute(db);
}

export async function insertFlags(db: Executor, rows: ReadonlyArray<{ experiment_id: string; signal_id: string; codes: string[] }>): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('experiment_signal_flags').values([...rows]).onConflict((oc) => oc.columns(['experiment_id', 'signal_id']).doNothing()).execute();
}

/** The design of one arm with its experiment's new signal type, for the worklist's treatment of a case in it. */
export async function armOfCase(db: Executor, experimentId: string, armCode: string) {
  return db
    .selectFrom('experiment_arms')
    .innerJoin('experiments', 'experiments.id', 'experiment_arms.experiment_id')
    .select(['experiment_arms.code', 'experiment_arms.name_nl', 'experiment_arms.name_en', 'experiment_arms.combine_with_other_signals', 'experiment_arms.without_prior_consent', 'experiments.signal_type'])
    .where('experiment_arms.experiment_id', '=', experimentId)
    .where('experiment_arms.code', '=', armCode)
    .executeTakeFirst();
}
