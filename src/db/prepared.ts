import { sql, type RawBuilder } from 'kysely';

/**
 * Named prepared statements for the hottest statements (the API's single-signal insert): PostgreSQL
 * parses and plans them once per connection instead of on every request. A statement opts in with
 * a leading comment `/*prepared:<name>*\/` (see prepared()); the PostgreSQL driver (pg-pool.ts)
 * binds it by that name, PGlite runs it as it is.
 */
const MARK = /^\/\*prepared:([a-z0-9_-]+)\*\/\s*/;

export function unprepared(text: string): { name: string | undefined; text: string } {
  const m = MARK.exec(text);
  return m ? { name: m[1], text: text.slice(m[0].length) } : { name: undefined, text };
}

/** Marks a statement for preparing under `name`; its SQL text must be the same on every call. */
export function prepared<T>(name: string, statement: RawBuilder<T>): RawBuilder<T> {
  if (!/^[a-z0-9_-]+$/.test(name)) throw new Error('prepared: the name must be a plain identifier');
  return sql<T>`${sql.raw(`/*prepared:${name}*/`)} ${statement}`;
}
