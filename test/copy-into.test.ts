import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { ENGINES } from './helpers/engines.ts';
import { BinaryCopyWriter } from '../src/infra/copy/binary-copy-writer.ts';
import { copyInto } from '../src/db/copy/copy-in.ts';
import { prepared } from '../src/db/prepared.ts';

for (const engine of ENGINES) {
  describe(`COPY and prepared statements through Kysely (${engine.name})`, () => {
    let database: Awaited<ReturnType<(typeof engine)['open']>>;
    before(async () => {
      database = await engine.open();
      await sql`create table copy_probe (id int8 primary key, tags text[], note text)`.execute(database.db);
    });
    after(() => database.drop());

    const rows = (tuples: Array<[number, string[], string | null]>) => {
      const w = new BinaryCopyWriter(64);
      for (const [id, tags, note] of tuples) {
        w.row(3);
        w.int8(id);
        w.textArray(tags);
        w.text(note);
      }
      return [Uint8Array.from(w.bytes())];
    };

    it('loads rows inside the caller’s transaction, text arrays included', async () => {
      await database.db.transaction().execute((trx) => copyInto(trx, 'copy_probe', ['id', 'tags', 'note'], rows([[1, ['rent', 'gas'], 'één'], [2, [], null]])));
      const r = await sql<{ id: string; tags: string[]; note: string | null }>`select id::text as id, tags, note from copy_probe order by id`.execute(database.db);
      assert.deepEqual(r.rows, [
        { id: '1', tags: ['rent', 'gas'], note: 'één' },
        { id: '2', tags: [], note: null },
      ]);
    });

    it('is rolled back with its transaction, and a failing COPY fails the transaction', async () => {
      await assert.rejects(
        database.db.transaction().execute(async (trx) => {
          await copyInto(trx, 'copy_probe', ['id', 'tags', 'note'], rows([[3, ['x'], 'kept?']]));
          await copyInto(trx, 'copy_probe', ['id', 'tags', 'note'], rows([[1, ['dup'], 'duplicate key']]));
        }),
        /duplicate key/,
      );
      const r = await sql<{ n: number }>`select count(*)::int as n from copy_probe where id = 3`.execute(database.db);
      assert.equal(r.rows[0]!.n, 0);
    });

    it('runs a named prepared statement with new parameters each time', async () => {
      for (const id of [1, 2, 1]) {
        const r = await prepared('copy_probe_note', sql<{ note: string | null }>`select note from copy_probe where id = ${id}`).execute(database.db);
        assert.equal(r.rows[0]!.note, id === 1 ? 'één' : null);
      }
    });
  });
}
