import { kyselyBossDb, type BossDb } from '../../db/pg-boss-db.ts';
import type { AppDeps } from '../context.ts';

/**
 * The database pg-boss keeps its queues in: the platform's own, over the same connection as the use
 * cases (on PGlite there is only one session), so a job's state and its work share one database.
 */
export function jobQueueDatabase(deps: AppDeps): BossDb {
  return kyselyBossDb(deps.db);
}
