import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export interface StoredSurname {
  id: string;
  prefix: string | null;
  surname: string;
  surnameKey: string | null;
  subjectPseudonym: string;
  municipality: string;
}

/** Signals after `afterId` whose surname holds a character outside printable ASCII (the only ones whose key can have changed), in id order. */
export async function signalsWithNonAsciiSurname(db: Executor, afterId: string, limit: number): Promise<StoredSurname[]> {
  const r = await sql<{ id: string; prefix: string | null; surname: string; surname_key: string | null; subject_pseudonym: string; municipality_code: string }>`
    select id::text as id, prefix, surname, surname_key, subject_pseudonym, municipality_code from signals
    where id > ${afterId}::bigint and surname ~ '[^ -~]' order by id limit ${limit}`.execute(db);
  return r.rows.map((x) => ({ id: x.id, prefix: x.prefix, surname: x.surname, surnameKey: x.surname_key, subjectPseudonym: x.subject_pseudonym, municipality: x.municipality_code }));
}

export interface SurnameRekey {
  signalId: string;
  subjectPseudonym: string;
  municipality: string;
  from: string | null;
  to: string;
}

/**
 * Writes new surname keys wherever the old one was copied: the signal, its state, its case (when
 * the case took the key from it) and the municipality's objections of that subject under the old
 * key (an objection already under the new key is left alone).
 */
export async function rekeySurnames(db: Executor, rows: readonly SurnameRekey[]): Promise<void> {
  if (rows.length === 0) return;
  const ids = rows.map((r) => r.signalId);
  const from = rows.map((r) => r.from);
  const to = rows.map((r) => r.to);
  const v = sql`unnest(${ids}::bigint[], ${from}::text[], ${to}::text[]) as v(id, old, new)`;
  await sql`update signals s set surname_key = v.new from ${v} where s.id = v.id`.execute(db);
  await sql`update signal_states st set surname_key = v.new from ${v} where st.signal_id = v.id`.execute(db);
  await sql`update cases c set surname_key = x.new
    from (select distinct st.case_id, v.old, v.new from ${v} join signal_states st on st.signal_id = v.id where st.case_id is not null) x
    where c.id = x.case_id and c.surname_key = x.old`.execute(db);
  await sql`update resident_objections o set surname_key = x.new
    from (select distinct s, m, old, new from unnest(${rows.map((r) => r.subjectPseudonym)}::text[], ${rows.map((r) => r.municipality)}::text[], ${from}::text[], ${to}::text[]) as k(s, m, old, new)) x
    where o.subject_pseudonym = x.s and o.municipality_code = x.m and o.surname_key = x.old
      and not exists (select 1 from resident_objections o2 where o2.subject_pseudonym = x.s and o2.municipality_code = x.m and o2.surname_key = x.new)`.execute(db);
}
