import { CompiledQuery, type Kysely } from 'kysely';
import type { DB } from './schema.ts';

/** What pg-boss needs of a database: run a statement with positional parameters. */
export interface BossDb {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * pg-boss over the platform's own Kysely connection, so it works the same on PostgreSQL and on
 * embedded PGlite: PGlite is a single session, and going through Kysely's driver queues pg-boss's
 * statements between (never inside) the platform's transactions. pg-boss's multi-statement schema
 * scripts carry no parameters and so run as one simple query on both engines.
 */
export function kyselyBossDb(db: Kysely<DB>): BossDb {
  return {
    async executeSql(text, values) {
      const r = await db.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: r.rows as unknown[] };
    },
  };
}
