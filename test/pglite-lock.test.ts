import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase } from '../src/db/database.ts';
import { DataDirInUse } from '../src/db/pglite-lock.ts';
import { migratedSnapshot } from './helpers/engines.ts';

/** A process that opens the PGlite directory, says so, and keeps it open until killed. */
async function holder(dir: string) {
  const code = `import('${path.resolve('src/db/database.ts')}').then(async (m) => { await m.openDatabase({ dataDir: ${JSON.stringify(dir)} }); console.log('open'); setInterval(() => {}, 1000); })`;
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [data] = (await once(child.stdout, 'data')) as [Buffer];
  assert.equal(data.toString().trim(), 'open');
  return child;
}

test('a PGlite directory serves one process: a second is refused while the first lives, and takes over once it died', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vs-pglite-lock-'));
  try {
    // A database there already, from the tests' migrated snapshot: the holder does not run initdb.
    await (await openDatabase({ dataDir: dir, pgliteSnapshot: await migratedSnapshot() })).close();
    const child = await holder(dir);
    await assert.rejects(openDatabase({ dataDir: dir }), (e: unknown) => e instanceof DataDirInUse && e.pid === child.pid);
    child.kill('SIGKILL');
    await once(child, 'exit');
    // The dead process's pid file is still there; it no longer holds anything.
    assert.equal((await readFile(path.join(dir, 'vroegsignaal.pid'), 'utf8')).trim(), String(child.pid));
    const db = await openDatabase({ dataDir: dir });
    assert.equal((await readFile(path.join(dir, 'vroegsignaal.pid'), 'utf8')).trim(), String(process.pid));
    await db.close();
    // Closed: the directory is free again, for this process or another.
    await assert.rejects(readFile(path.join(dir, 'vroegsignaal.pid')));
    await writeFile(path.join(dir, 'vroegsignaal.pid'), 'not a pid\n');
    const again = await openDatabase({ dataDir: dir });
    await again.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
