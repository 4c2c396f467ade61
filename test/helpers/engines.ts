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
/**
 * The snapshot as a Blob whose bytes are read once. PGlite takes a data directory's bytes with
 * arrayBuffer(), which Node 20 answers by streaming the Blob in small pieces and joining them:
 * ~0.3 s of CPU for these 40 MB, again for every test database. PGlite only reads the bytes.
 */
function readOnce(bytes: Buffer): Blob {
  const blob = new Blob([bytes], { type: 'application/x-tar' });
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return Object.defineProperty(blob, 'arrayBuffer', { value: () => Promise.resolve(buffer) });
}

/** A short hash of the migrations (and whatever else is given), naming a migrated database. */
async function migrationsKey(...more: string[]): Promise<string> {
  const migrations = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../src/db/migrations');
  const h = createHash('sha256');
  for (const m of more) h.update(m);
  for (const f of (await readdir(migrations)).sort()) h.update(f).update(await readFile(path.join(migrations, f)));
  return h.digest('hex').slice(0, 16);
}

export function migratedSnapshot(): Promise<Blob> {
  snapshot ??= (async () => {
    // The package's own files name its version (its exports do not include package.json).
    const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
    const pkg = JSON.parse(await readFile(path.join(entry.slice(0, entry.lastIndexOf(`${path.sep}dist${path.sep}`)), 'package.json'), 'utf8')) as { version: string };
    const file = path.join(tmpdir(), 'vroegsignaal-tests', `pglite-${await migrationsKey(pkg.version)}.tar`);
    try {
      return readOnce(await readFile(file));
    } catch {
      const db = await openDatabase({ dataDir: 'memory://' });
      const dump = await db.dumpDataDir!();
      await db.close();
      // Written aside and renamed: processes starting at once never read a half-written file.
      await mkdir(path.dirname(file), { recursive: true });
      const aside = `${file}.${process.pid}.tmp`;
      await writeFile(aside, Buffer.from(await dump.arrayBuffer()));
      await rename(aside, file);
      return readOnce(Buffer.from(await dump.arrayBuffer()));
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
      const template = await migratedTemplate(serverUrl);
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`create database ${name} template ${template}`);
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

let template: Promise<string> | undefined;

/**
 * The server's counterpart of the PGlite snapshot: a migrated, empty database that test databases
 * are copied from (CREATE DATABASE … TEMPLATE), named after the migrations, made by the first test
 * process that needs it and kept on the server. The migrations still run on each copy (nothing to do).
 */
function migratedTemplate(url: string): Promise<string> {
  template ??= (async () => {
    const name = `vs_test_template_${await migrationsKey()}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      // Test processes starting at once: one makes it, the others wait here and find it made.
      await admin.query('select pg_advisory_lock(727275)');
      if (!(await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount) {
        // Made under another name and renamed when complete: a broken-off run leaves no half template.
        const making = `${name}_making`;
        await admin.query(`drop database if exists ${making} with (force)`);
        await admin.query(`create database ${making}`);
        const db = await openDatabase({ databaseUrl: withDatabaseName(url, making), poolSize: 1 });
        await db.close();
        await admin.query(`alter database ${making} rename to ${name}`);
      }
    } finally {
      await admin.end();
    }
    return name;
  })();
  return template;
}
