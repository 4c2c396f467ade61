import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export interface ExperimentSubject {
  id: string;
  nameNl: string;
  nameEn: string;
  signalType: string | null;
  ruleIds: string[];
  start: string | null;
  end: string | null;
  arms: Array<{ code: string; nameNl: string; nameEn: string }>;
  municipalities: string[];
}

/** An experiment as the art. 1.3 report names it, when the experiment register exists and holds it. */
export async function findExperimentSubject(db: Executor, id: string): Promise<ExperimentSubject | undefined> {
  const exists = await sql<{ t: string | null }>`select to_regclass('experiments')::text as t`.execute(db);
  if (!exists.rows[0]?.t) return undefined;
  const e = await sql<{ id: string; name_nl: string; name_en: string; signal_type: string | null; rule_ids: string[]; start: string | null; end: string | null }>`
    select id, name_nl, name_en, signal_type, rule_ids, coalesce(started_on, planned_start)::text as start, coalesce(ended_on, planned_end)::text as "end"
    from experiments where id = ${id}`.execute(db);
  const row = e.rows[0];
  if (!row) return undefined;
  const arms = await sql<{ code: string; name_nl: string; name_en: string }>`select code, name_nl, name_en from experiment_arms where experiment_id = ${id} order by code`.execute(db);
  const munis = await sql<{ m: string }>`select distinct municipality_code as m from experiment_participants where experiment_id = ${id} and municipality_code is not null order by 1`.execute(db);
  return {
    id: row.id,
    nameNl: row.name_nl,
    nameEn: row.name_en,
    signalType: row.signal_type,
    ruleIds: row.rule_ids,
    start: row.start,
    end: row.end,
    arms: arms.rows.map((a) => ({ code: a.code, nameNl: a.name_nl, nameEn: a.name_en })),
    municipalities: munis.rows.map((m) => m.m),
  };
}

/** Every experiment's arms with their names and their experiment's names (for naming arm keys in reports and tables). */
export async function listArmNames(db: Executor): Promise<Array<{ experimentId: string; code: string; nameNl: string; nameEn: string; experimentNl: string; experimentEn: string }>> {
  const rows = await sql<{ experiment_id: string; code: string; name_nl: string; name_en: string; experiment_nl: string; experiment_en: string }>`
    select a.experiment_id, a.code, a.name_nl, a.name_en, e.name_nl as experiment_nl, e.name_en as experiment_en
    from experiment_arms a join experiments e on e.id = a.experiment_id`.execute(db);
  return rows.rows.map((r) => ({ experimentId: r.experiment_id, code: r.code, nameNl: r.name_nl, nameEn: r.name_en, experimentNl: r.experiment_nl, experimentEn: r.experiment_en }));
}
