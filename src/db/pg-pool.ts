import type pg from 'pg';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import { copyStatement, isCopy, type CopyPayload } from './copy/copy-in.ts';
import { unprepared } from './prepared.ts';

async function runCopy(client: pg.PoolClient, text: string, payload: CopyPayload): Promise<pg.QueryResult> {
  const stream = client.query(copyFrom(copyStatement(text)));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  const parts = payload.stream();
  for (let i = 0; i < parts.length - 1; i++) stream.write(parts[i]);
  stream.end(parts[parts.length - 1]);
  await done;
  return { command: 'COPY', rowCount: stream.rowCount, rows: [], oid: 0, fields: [] };
}

/**
 * The pg pool as Kysely sees it, with two additions on every connection: a COPY statement that
 * carries a CopyPayload streams its data in (pg-copy-streams), and a statement marked with
 * prepared() runs as a named prepared statement. Everything else passes through unchanged.
 */
export function copyAwarePool(pool: pg.Pool): PostgresPool {
  // Kysely keys its connection objects by client: the same client must give the same wrapper.
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    let w = wrappers.get(client);
    if (!w) {
      w = {
        query: ((textOrCursor: unknown, parameters?: readonly unknown[]) => {
          if (typeof textOrCursor !== 'string') return client.query(textOrCursor as never);
          const params = parameters ?? [];
          if (isCopy(textOrCursor, params)) return runCopy(client, textOrCursor, params[0]);
          const { name, text } = unprepared(textOrCursor);
          return name ? client.query({ name, text, values: params as unknown[] }) : client.query(text, params as unknown[]);
        }) as unknown as PostgresPoolClient["query"],
        release: () => client.release(),
      };
      wrappers.set(client, w);
    }
    return w;
  };
  return {
    connect: async () => wrap(await pool.connect()),
    end: () => pool.end(),
  };
}
