import { mkdir } from 'node:fs/promises';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import { migrate } from './migrate.ts';
import { copyAwarePool } from './pg-pool.ts';
import { lockDataDir } from './pglite-lock.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { DB } from './schema.ts';

export type Engine = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  close(): Promise<void>;
  /** PGlite only: the whole database as a data-directory dump, to start another one from (OpenOptions.pgliteSnapshot). */
  dumpDataDir?(): Promise<Blob>;
}

// Dates stay 'YYYY-MM-DD' strings (as the domain uses them) instead of becoming local-time Dates.
pg.types.setTypeParser(1082, (v: string) => v);
// bigint columns (ids, counters, cents) come back as strings; callers convert where they need numbers.

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** PGlite directory; 'memory://' for a throw-away database. */
  dataDir?: string;
  poolSize?: number;
  /**
   * PGlite only: start from this data-directory dump (Database.dumpDataDir) instead of a new
   * cluster. Creating a cluster runs initdb, ~2 s; loading a migrated one ~0.6 s: the tests' databases.
   */
  pgliteSnapshot?: Blob;
}

/** Opens PostgreSQL when a URL is given, else embedded PGlite, and brings the schema up to date. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? Number(process.env.DB_POOL_SIZE ?? 20) });
    // An idle connection the server ends (restart, failover, an administrator) must not crash the
    // process: the pool drops it and opens a new one when needed. The message holds no personal data.
    pool.on('error', (err) => process.stderr.write(`{"level":40,"msg":"database connection lost","err":${JSON.stringify(err.message)}}\n`));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: copyAwarePool(pool) }) });
    await migrate(db as Kysely<unknown>);
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const dir = opts.dataDir ?? 'memory://';
  let unlock = async () => {};
  if (!dir.startsWith('memory://')) {
    await mkdir(dir, { recursive: true });
    unlock = await lockDataDir(dir);
  }
  try {
    const pglite = await PGlite.create(dir, {
      parsers: { 1082: (v: string) => v, 20: (v: string) => v },
      ...(opts.pgliteSnapshot ? { loadDataDir: opts.pgliteSnapshot } : {}),
    });
    const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
    await migrate(db as Kysely<unknown>);
    return { db, engine: 'pglite', close: () => db.destroy().finally(unlock), dumpDataDir: () => pglite.dumpDataDir('none') as Promise<Blob> };
  } catch (e) {
    await unlock();
    throw e;
  }
}

export function openDatabaseFromConfig(config: Config): Promise<Database> {
  return openDatabase({ databaseUrl: config.databaseUrl, dataDir: `${config.dataDir}/pglite` });
}
