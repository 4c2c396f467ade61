import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Applies the numbered SQL files in src/db/migrations in order, each in its own transaction,
 * recording what ran. The same files run on PGlite and on a PostgreSQL server.
 * An advisory lock keeps two processes starting at once from migrating twice.
 */
export async function migrate(db: Kysely<unknown>): Promise<string[]> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).sort();
  const applied: string[] = [];
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(727274)`.execute(trx);
    await sql`create table if not exists schema_migrations (
      name text primary key, applied_at timestamptz not null default now())`.execute(trx);
    const done = new Set(
      (await sql<{ name: string }>`select name from schema_migrations`.execute(trx)).rows.map((r) => r.name),
    );
    for (const file of files) {
      if (done.has(file)) continue;
      const text = await readFile(path.join(MIGRATIONS_DIR, file), 'utf8');
      await sql.raw(text).execute(trx);
      await sql`insert into schema_migrations (name) values (${file})`.execute(trx);
      applied.push(file);
    }
  });
  return applied;
}
