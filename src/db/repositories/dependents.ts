import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export interface ForeignKey {
  child: string;
  childColumn: string;
  parentColumn: string;
}

/**
 * Tables that point at `parent` by a single-column foreign key, read from the catalogue. Deleting
 * through this instead of a fixed list means records other parts of the platform add later
 * (contact attempts, notes, experiment assignments, …) can never be left behind or block a delete.
 */
export async function foreignKeysTo(db: Executor, parent: string, opts: { includeDetached?: boolean } = {}): Promise<ForeignKey[]> {
  const r = await sql<{ child: string; child_column: string; parent_column: string }>`
    select c.conrelid::regclass::text as child, ca.attname as child_column, pa.attname as parent_column
    from pg_constraint c
    join pg_attribute ca on ca.attrelid = c.conrelid and ca.attnum = c.conkey[1]
    join pg_attribute pa on pa.attrelid = c.confrelid and pa.attnum = c.confkey[1]
    where c.contype = 'f' and c.confrelid = to_regclass(${parent}) and cardinality(c.conkey) = 1
      -- 'on delete set null / set default' says the row is meant to outlive its parent (e.g. an
      -- experiment's pseudonymous assignment): the database unlinks it, we do not delete it.
      and (${opts.includeDetached === true} or c.confdeltype not in ('n', 'd'))
    order by 1, 2`.execute(db);
  return r.rows.map((x) => ({ child: x.child, childColumn: x.child_column, parentColumn: x.parent_column }));
}

export const ident = (name: string) => sql.raw(name.split('.').map((p) => `"${p.replace(/^"|"$/g, '').replace(/"/g, '""')}"`).join('.'));

/**
 * Deletes, children before parents, every row that depends on the rows of `parent` selected by
 * `where` (a condition on the parent's alias `p`), except in the tables named in `skip`. Returns
 * rows deleted per table. The parent rows themselves are left to the caller.
 */
export async function deleteDependents(
  db: Executor,
  parent: string,
  where: RawBuilder<unknown>,
  skip: readonly string[] = [],
  seen: ReadonlySet<string> = new Set(),
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const visiting = new Set([...seen, parent]);
  for (const fk of await foreignKeysTo(db, parent)) {
    if (skip.includes(fk.child) || visiting.has(fk.child)) continue;
    // Rows of the child that point at the selected parent rows.
    const childWhere = sql`c.${ident(fk.childColumn)} in (select p.${ident(fk.parentColumn)} from ${ident(parent)} p where ${where})`;
    const nested = await deleteDependents(db, fk.child, sql`p.${ident(fk.childColumn)} in (select p.${ident(fk.parentColumn)} from ${ident(parent)} p where ${where})`, skip, visiting);
    for (const [t, n] of Object.entries(nested)) counts[t] = (counts[t] ?? 0) + n;
    const res = await sql`delete from ${ident(fk.child)} c where ${childWhere}`.execute(db);
    const n = Number(res.numAffectedRows ?? 0n);
    if (n > 0) counts[fk.child] = (counts[fk.child] ?? 0) + n;
  }
  return counts;
}
