import { CompiledQuery, sql, type Kysely, type QueryResult, type RawBuilder } from 'kysely';

/**
 * Named prepared statements for the hottest statements (the API's single-signal insert): PostgreSQL
 * parses and plans them once per connection instead of on every request. A statement opts in with
 * a leading comment `/*prepared:<name>*\/` (see prepared()); the PostgreSQL driver (pg-pool.ts)
 * binds it by that name, PGlite runs it as it is.
 */
const MARK = /^\/\*prepared:([a-z0-9_-]+)\*\/\s*/;

/** The marked statements seen, by their text: a statement is sent with every request, and its text is long. */
const marked = new Map<string, { name: string; text: string }>();

export function unprepared(text: string): { name: string | undefined; text: string } {
  const known = marked.get(text);
  if (known) return known;
  const m = MARK.exec(text);
  if (!m) return { name: undefined, text };
  const found = { name: m[1]!, text: text.slice(m[0].length) };
  // Named statements are few (one per name and SQL text): the map stays small.
  if (marked.size < 100) marked.set(text, found);
  return found;
}

/** Marks a statement for preparing under `name`; its SQL text must be the same on every call. */
export function prepared<T>(name: string, statement: RawBuilder<T>): RawBuilder<T> {
  if (!/^[a-z0-9_-]+$/.test(name)) throw new Error('prepared: the name must be a plain identifier');
  return sql<T>`${sql.raw(`/*prepared:${name}*/`)} ${statement}`;
}

/** Stands for a value in a statement compiled once (compiledOnce): the position of its value in each call's list. */
class Slot {
  constructor(readonly at: number) {}
}

/**
 * A prepared statement (see prepared()) whose SQL is built and compiled by Kysely once, on its first
 * call: later calls only hand over their values, which go where the compiled SQL wants them.
 * Building and compiling the single-signal insert (45 parameters, CTEs over 40 columns) anew for
 * every request was the largest share of the API's own CPU. `build` gets `slot(i)` to put where the
 * i-th value of a call's list goes; it is called once, so it must not depend on the values. Both
 * engines compile PostgreSQL's SQL, so the text compiled with the first caller's database serves all.
 */
export function compiledOnce<R>(
  name: string,
  build: (slot: (at: number) => unknown) => RawBuilder<R>,
): (db: Pick<Kysely<never>, 'executeQuery' | 'getExecutor'>, values: readonly unknown[]) => Promise<QueryResult<R>> {
  let compiled: { sql: string; at: number[]; length: number } | undefined;
  return (db, values) => {
    if (!compiled) {
      const q = prepared(name, build((at) => new Slot(at))).compile(db);
      const at = q.parameters.map((p) => {
        if (!(p instanceof Slot)) throw new Error(`compiledOnce ${name}: every value must be a slot`);
        return p.at;
      });
      compiled = { sql: q.sql, at, length: Math.max(-1, ...at) + 1 };
    }
    if (values.length !== compiled.length) throw new Error(`compiledOnce ${name}: ${compiled.length} values expected, ${values.length} given`);
    const { at } = compiled;
    const params = new Array<unknown>(at.length);
    for (let i = 0; i < at.length; i++) params[i] = values[at[i]!];
    return db.executeQuery(CompiledQuery.raw(compiled.sql, params));
  };
}
