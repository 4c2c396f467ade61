import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { ENGINES } from './helpers/engines.ts';
import { SIGNAL_COPY_COLUMNS, SIGNAL_DEFAULT_COLUMNS, type PgType } from '../src/db/signal-columns.ts';

/** PostgreSQL's names for the column types the field table stores in. */
const UDT: Record<PgType, string> = { text: 'text', date: 'date', int8: 'int8', int4: 'int4', jsonb: 'jsonb', bool: 'bool', uuid: 'uuid', 'text[]': '_text' };

for (const engine of ENGINES) {
  describe(`the signals columns derived from the field table are the table's columns (${engine.name})`, () => {
    let database: Awaited<ReturnType<(typeof engine)['open']>>;
    before(async () => {
      database = await engine.open();
    });
    after(() => database.drop());

    it('every column intake writes exists with its type, and every other column has a default', async () => {
      const r = await sql<{ column_name: string; udt_name: string; column_default: string | null; is_nullable: string }>`
        select column_name, udt_name, column_default, is_nullable from information_schema.columns
        where table_name = 'signals' and table_schema = current_schema()`.execute(database.db);
      const actual = new Map(r.rows.map((c) => [c.column_name, c]));
      for (const c of SIGNAL_COPY_COLUMNS) {
        const col = actual.get(c.name);
        assert.ok(col, `signals has no column ${c.name}`);
        assert.equal(col.udt_name, UDT[c.pg], `column ${c.name}`);
      }
      const written = new Set(SIGNAL_COPY_COLUMNS.map((c) => c.name));
      const others = [...actual.values()].filter((c) => !written.has(c.column_name)).map((c) => c.column_name).sort();
      assert.deepEqual(others, [...SIGNAL_DEFAULT_COLUMNS].sort(), 'columns intake does not write');
      for (const name of others) {
        const c = actual.get(name)!;
        assert.ok(c.column_default !== null || c.is_nullable === 'YES', `${name} needs a default or must be nullable`);
      }
    });
  });
}
