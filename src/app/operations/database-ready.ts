import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { pingDatabase } from '../../db/repositories/health.ts';

/** Readiness: whether the database answers at all (any error counts as no). */
export async function databaseAnswers(db: Kysely<DB>): Promise<boolean> {
  try {
    await pingDatabase(db);
    return true;
  } catch {
    return false;
  }
}
