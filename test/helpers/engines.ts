import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database.ts';

/**
 * The database engines the integration tests run on: always embedded PGlite, and a PostgreSQL
 * server too when TEST_DATABASE_URL is set (CI sets it). Each test database is new and dropped after.
 */
export interface TestEngine {
  name: 'pglite' | 'postgres';
  open(): Promise<Database & { drop(): Promise<void> }>;
}

function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export const ENGINES: TestEngine[] = [
  {
    name: 'pglite',
    async open() {
      const db = await openDatabase({ dataDir: 'memory://' });
      return { ...db, drop: () => db.close() };
    },
  },
];

const serverUrl = process.env.TEST_DATABASE_URL;
if (serverUrl) {
  ENGINES.push({
    name: 'postgres',
    async open() {
      const name = `vs_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const db = await openDatabase({ databaseUrl: withDatabaseName(serverUrl, name), poolSize: 4 });
      return {
        ...db,
        async drop() {
          await db.close();
          const a = new pg.Client({ connectionString: serverUrl });
          await a.connect();
          await a.query(`drop database if exists ${name} with (force)`);
          await a.end();
        },
      };
    },
  });
}
