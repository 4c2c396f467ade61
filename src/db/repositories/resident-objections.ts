import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/** Whom an objection covers: a keyed subject pseudonym in one municipality, narrowed to a surname for a household address. */
export interface ObjectionKey {
  municipality: string;
  subject: string;
  surnameKey: string | null;
}

/** Registers the keys not registered yet; returns how many were new (a key already covered stays with its first objection). */
export async function registerObjectionKeys(db: Executor, keys: readonly ObjectionKey[], by: string, registration: { objectionId?: string; reason?: string } = {}): Promise<number> {
  if (keys.length === 0) return 0;
  const r = await sql`insert into resident_objections (municipality_code, subject_pseudonym, surname_key, registered_by, objection_id, reason)
    select m, s, n, ${by}, ${registration.objectionId ?? null}::uuid, ${registration.reason ?? null} from unnest(${keys.map((k) => k.municipality)}::text[], ${keys.map((k) => k.subject)}::text[], ${keys.map((k) => k.surnameKey)}::text[]) as k(m, s, n)
    on conflict do nothing`.execute(db);
  return Number(r.numAffectedRows ?? 0n);
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
  // Most chunks go where nobody objected: one cheap look at the register spares the delete (and its triggers).
  const any = await sql<{ any: boolean }>`select exists (select 1 from resident_objections) as any`.execute(trx);
  if (!any.rows[0]!.any) return new Set();
  // The ids come in through unnest, not `= any(array)`: planning a chunk's thousands of array
  // elements one by one took 15–40 ms per chunk, more than storing it (bench:intake).
  const r = await sql<{ id: string }>`
    delete from signals s
     where s.id in (select unnest(${ids as number[]}::bigint[]))
       and exists (
         select 1 from resident_objections o
          where o.subject_pseudonym = s.subject_pseudonym and o.municipality_code = s.municipality_code
            and (o.surname_key is null or o.surname_key = s.surname_key))
    returning s.id::text as id`.execute(trx);
  return new Set(r.rows.map((x) => Number(x.id)));
}

export interface ObjectionListing {
  objection: string;
  registered_at: Date;
  registered_by: string;
  reason: string | null;
  keys: number;
}

/**
 * A municipality's objections, newest first: one row per registration (the rows of one objection
 * share its id; rows from before 029 stand alone). Pseudonyms stay out: whom they cover is found
 * through an access request, not by browsing this list.
 */
export async function listObjections(db: Executor, municipality: string, limit: number): Promise<ObjectionListing[]> {
  const r = await sql<ObjectionListing>`
    select coalesce(objection_id::text, 'r' || id::text) as objection, min(registered_at) as registered_at, min(registered_by) as registered_by,
           min(reason) as reason, count(*)::int as keys
      from resident_objections where municipality_code = ${municipality}
     group by 1 order by 2 desc, 1 limit ${limit}`.execute(db);
  return r.rows;
}

/** Deletes one registration's rows; returns the pseudonyms they covered (empty: none of this municipality). */
export async function deleteObjection(db: Executor, municipality: string, objection: string): Promise<string[]> {
  const single = /^r(\d{1,18})$/.exec(objection);
  if (!single && !/^[0-9a-f-]{36}$/i.test(objection)) return [];
  const r = single
    ? await sql<{ s: string }>`delete from resident_objections where municipality_code = ${municipality} and id = ${single[1]} and objection_id is null returning subject_pseudonym as s`.execute(db)
    : await sql<{ s: string }>`delete from resident_objections where municipality_code = ${municipality} and objection_id = ${objection}::uuid returning subject_pseudonym as s`.execute(db);
  return r.rows.map((x) => x.s);
}

/** The objections registered for any of these pseudonyms in a municipality, one per registration. */
export async function objectionsAbout(db: Executor, municipality: string, pseudonyms: readonly string[]): Promise<Array<{ registered_at: Date; reason: string | null }>> {
  if (pseudonyms.length === 0) return [];
  const r = await sql<{ registered_at: Date; reason: string | null }>`
    select min(registered_at) as registered_at, min(reason) as reason from resident_objections
     where municipality_code = ${municipality} and subject_pseudonym = any(${pseudonyms as string[]}::text[])
     group by coalesce(objection_id::text, 'r' || id::text) order by 1`.execute(db);
  return r.rows;
}
