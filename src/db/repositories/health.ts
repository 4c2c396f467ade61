import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.ts';

/** The cheapest round trip: throws when the database does not answer. */
export async function pingDatabase(db: Kysely<DB>): Promise<void> {
  await sql`select 1`.execute(db);
}
