import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

/**
 * What PostgreSQL alone takes to store the rows an ingest stored: the signals table copied, in
 * binary, into a new table with the same indexes (and, for comparison, without any). No parsing,
 * judging or encoding: the floor under any intake that keeps these rows and indexes.
 */
export async function timeStorageFloor(databaseUrl: string): Promise<{ rows: number; indexedSeconds: number; unindexedSeconds: number }> {
  const source = new pg.Client({ connectionString: databaseUrl });
  const target = new pg.Client({ connectionString: databaseUrl });
  await Promise.all([source.connect(), target.connect()]);
  try {
    const copyTable = async (table: string, like: string) => {
      await target.query(`drop table if exists ${table}`);
      await target.query(`create table ${table} (like signals ${like})`);
      const t0 = performance.now();
      await pipeline(source.query(copyTo('copy signals to stdout with (format binary)')), target.query(copyFrom(`copy ${table} from stdin with (format binary)`)));
      const seconds = (performance.now() - t0) / 1000;
      await target.query(`drop table ${table}`);
      return seconds;
    };
    const unindexedSeconds = await copyTable('floor_unindexed', 'including defaults');
    const indexedSeconds = await copyTable('floor_indexed', 'including all');
    const rows = Number((await source.query<{ n: string }>('select count(*) as n from signals')).rows[0]!.n);
    return { rows, indexedSeconds, unindexedSeconds };
  } finally {
    await Promise.all([source.end(), target.end()]);
  }
}
