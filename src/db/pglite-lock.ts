import { open, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';

/** Thrown when another live process has the PGlite directory open. */
export class DataDirInUse extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(`the database directory ${dir} is in use by process ${pid}; PGlite is embedded and serves one process (use DATABASE_URL for several)`);
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, under another user.
    return (e as { code?: string }).code === 'EPERM';
  }
};

/**
 * Claims a PGlite directory for this process with a pid file beside PostgreSQL's own files: an
 * embedded database opened by two processes at once is corrupted, and PGlite does not guard
 * against it. A file left by a process that died is taken over. Returns the release function.
 */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const file = path.join(dir, 'vroegsignaal.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return () => unlink(file).catch(() => undefined);
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') throw e;
      const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw new DataDirInUse(dir, pid);
      await unlink(file).catch(() => undefined);
    }
  }
  throw new Error(`could not claim the database directory ${dir}`);
}
