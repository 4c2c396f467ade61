import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.ts';

export async function doneDataSteps(db: Kysely<DB>): Promise<Set<string>> {
  const r = await sql<{ name: string }>`select name from data_steps`.execute(db);
  return new Set(r.rows.map((x) => x.name));
}

export async function recordDataStep(db: Kysely<DB>, name: string, detail: unknown): Promise<void> {
  await sql`insert into data_steps (name, detail) values (${name}, ${JSON.stringify(detail)}::jsonb) on conflict (name) do nothing`.execute(db);
}
