import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

/**
 * What PostgreSQL alone takes to store the rows an ingest stored: the signals table copied, in
 * binary, into a new table with the same indexes (and, for comparison, without any), and since
 * migration 030 also signal_references (the narrow table that keeps a reference unique across the
 * month partitions), which intake writes for every signal. No parsing, judging or encoding: the
 * floor under any intake that keeps these rows and indexes. The copies are plain tables: a
 * partitioned target would only add routing to the floor.
 */
export async function timeStorageFloor(databaseUrl: string): Promise<{ rows: number; indexedSeconds: number; unindexedSeconds: number }> {
  const source = new pg.Client({ connectionString: databaseUrl });
  const target = new pg.Client({ connectionString: databaseUrl });
  await Promise.all([source.connect(), target.connect()]);
  try {
    const hasReferences = (await source.query<{ t: string | null }>(`select to_regclass('signal_references')::text as t`)).rows[0]!.t !== null;
    const tables = hasReferences ? ['signals', 'signal_references'] : ['signals'];
    const copyTables = async (suffix: string, like: string) => {
      let seconds = 0;
      for (const table of tables) {
        const copy = `floor_${table}_${suffix}`;
        await target.query(`drop table if exists ${copy}`);
        await target.query(`create table ${copy} (like ${table} ${like})`);
        const t0 = performance.now();
        // `copy (select …)`: a partitioned table cannot be copied out by name.
        await pipeline(source.query(copyTo(`copy (select * from ${table}) to stdout with (format binary)`)), target.query(copyFrom(`copy ${copy} from stdin with (format binary)`)));
        seconds += (performance.now() - t0) / 1000;
        await target.query(`drop table ${copy}`);
      }
      return seconds;
    };
    const unindexedSeconds = await copyTables('unindexed', 'including defaults');
    const indexedSeconds = await copyTables('indexed', 'including all');
    const rows = Number((await source.query<{ n: string }>('select count(*) as n from signals')).rows[0]!.n);
    return { rows, indexedSeconds, unindexedSeconds };
  } finally {
    await Promise.all([source.end(), target.end()]);
  }
}
