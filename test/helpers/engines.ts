import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
      const db = await openDatabase({ dataDir: 'memory://', pgliteSnapshot: await migratedSnapshot() });
      return { ...db, drop: () => db.close() };
    },
  },
];

let snapshot: Promise<Blob> | undefined;

/**
 * A migrated, empty PGlite database as a data-directory dump, made once and kept on disk for every
 * test process, under a name derived from the migrations and the PGlite version (a changed
 * migration makes a new one). Each test database still runs the migrations (they find nothing to
 * do) and is a database of its own; only initdb is not repeated for every test.
 */
export function migratedSnapshot(): Promise<Blob> {
  snapshot ??= (async () => {
    const migrations = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../src/db/migrations');
    // The package's own files name its version (its exports do not include package.json).
    const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
    const pkg = JSON.parse(await readFile(path.join(entry.slice(0, entry.lastIndexOf(`${path.sep}dist${path.sep}`)), 'package.json'), 'utf8')) as { version: string };
    const h = createHash('sha256').update(pkg.version);
    for (const f of (await readdir(migrations)).sort()) h.update(f).update(await readFile(path.join(migrations, f)));
    const file = path.join(tmpdir(), 'vroegsignaal-tests', `pglite-${h.digest('hex').slice(0, 16)}.tar`);
    try {
      return new Blob([await readFile(file)]);
    } catch {
      const db = await openDatabase({ dataDir: 'memory://' });
      const dump = await db.dumpDataDir!();
      await db.close();
      // Written aside and renamed: processes starting at once never read a half-written file.
      await mkdir(path.dirname(file), { recursive: true });
      const aside = `${file}.${process.pid}.tmp`;
      await writeFile(aside, Buffer.from(await dump.arrayBuffer()));
      await rename(aside, file);
      return dump;
    }
  })();
  return snapshot;
}

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
