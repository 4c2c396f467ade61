import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';

/** The columns of a table but the ones named, in order, as SQL identifiers. */
async function columnsOf(db: Kysely<DB>, table: string, except: readonly string[]): Promise<string[]> {
  const r = await sql<{ column_name: string }>`select column_name from information_schema.columns where table_schema = current_schema() and table_name = ${table} and is_generated = 'NEVER' and identity_generation is null order by ordinal_position`.execute(db);
  return r.rows.map((c) => c.column_name).filter((c) => !except.includes(c));
}

const list = (cols: readonly string[], prefix: string) => sql.raw(cols.map((c) => `${prefix}"${c}"`).join(', '));

/**
 * Copies every active case of a municipality with its signals (a new reference each) until it has
 * at least `target` active cases: a large worklist made from a small real intake, in seconds.
 */
export async function cloneActiveCases(db: Kysely<DB>, municipality: string, target: number): Promise<number> {
  const caseCols = await columnsOf(db, 'cases', ['id']);
  const signalCols = await columnsOf(db, 'signals', ['id', 'reference']);
  const stateCols = await columnsOf(db, 'signal_states', ['signal_id', 'case_id']);
  const active = async () => (await sql<{ n: number }>`select count(*)::int as n from cases where municipality_code = ${municipality} and status <> 'closed'`.execute(db)).rows[0]!.n;
  for (let round = 1, n = await active(); n < target; round++, n = await active()) {
    await db.transaction().execute(async (trx) => {
      await sql`create temp table case_map on commit drop as select id as old_id, nextval(pg_get_serial_sequence('cases', 'id')) as new_id from cases where municipality_code = ${municipality} and status <> 'closed' order by id limit ${target - n}`.execute(trx);
      await sql`insert into cases (id, ${list(caseCols, '')}) select m.new_id, ${list(caseCols, 'c.')} from cases c join case_map m on m.old_id = c.id`.execute(trx);
      await sql`create temp table signal_map on commit drop as select s.signal_id as old_id, nextval(pg_get_serial_sequence('signals', 'id')) as new_id, m.new_id as case_id from signal_states s join case_map m on m.old_id = s.case_id`.execute(trx);
      await sql`insert into signals (id, reference, ${list(signalCols, '')}) select m.new_id, g.reference || ${`-copy${round}`}, ${list(signalCols, 'g.')} from signals g join signal_map m on m.old_id = g.id`.execute(trx);
      await sql`insert into signal_states (signal_id, case_id, ${list(stateCols, '')}) select m.new_id, m.case_id, ${list(stateCols, 's.')} from signal_states s join signal_map m on m.old_id = s.signal_id`.execute(trx);
    });
  }
  return active();
}
