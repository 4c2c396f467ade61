import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/** Whom an objection covers: a keyed subject pseudonym in one municipality, narrowed to a surname for a household address. */
export interface ObjectionKey {
  municipality: string;
  subject: string;
  surnameKey: string | null;
}

export async function registerObjectionKeys(db: Executor, keys: readonly ObjectionKey[], by: string): Promise<void> {
  if (keys.length === 0) return;
  await sql`insert into resident_objections (municipality_code, subject_pseudonym, surname_key, registered_by)
    select m, s, n, ${by} from unnest(${keys.map((k) => k.municipality)}::text[], ${keys.map((k) => k.subject)}::text[], ${keys.map((k) => k.surnameKey)}::text[]) as k(m, s, n)
    on conflict do nothing`.execute(db);
}

/**
 * Which of these would-be signals are about a resident who objected: their positions in `keys`.
 * One set-based query for a whole chunk, through the index on the objections' pseudonyms.
 */
export async function objectedAmong(db: Executor, keys: readonly ObjectionKey[]): Promise<Set<number>> {
  if (keys.length === 0) return new Set();
  const r = await sql<{ i: string }>`
    select (k.i - 1)::text as i from unnest(${keys.map((k) => k.municipality)}::text[], ${keys.map((k) => k.subject)}::text[], ${keys.map((k) => k.surnameKey)}::text[]) with ordinality as k(m, s, n, i)
    where exists (select 1 from resident_objections o where o.subject_pseudonym = k.s and o.municipality_code = k.m and (o.surname_key is null or o.surname_key = k.n))`.execute(db);
  return new Set(r.rows.map((x) => Number(x.i)));
}

/**
 * Of the signals just stored (ids), those about a resident who objected, taken out again in the
 * same transaction: the file intake copies a chunk's signals in one COPY and asks afterwards, in
 * one statement, instead of asking per row before. Returns the ids removed.
 */
export async function removeObjectedSignals(trx: Transaction<DB>, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  // Most chunks go to municipalities nobody objected to: then the chunk's signals need not be looked up one by one.
  const r = await sql<{ id: string }>`
    delete from signals s using resident_objections o
     where exists (select 1 from resident_objections)
       and s.id = any(${ids as number[]}::bigint[])
       and o.subject_pseudonym = s.subject_pseudonym and o.municipality_code = s.municipality_code
       and (o.surname_key is null or o.surname_key = s.surname_key)
    returning s.id::text as id`.execute(trx);
  return new Set(r.rows.map((x) => Number(x.id)));
}
