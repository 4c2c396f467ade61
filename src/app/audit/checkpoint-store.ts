import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Checkpoint } from '../../domain/audit/checkpoint.ts';

/** Where checkpoints go: outside the database, somewhere its writers cannot reach (a file share, an object store). */
export interface CheckpointStore {
  write(c: Checkpoint): Promise<void>;
  list(): Promise<Checkpoint[]>;
}

const NAME = /^audit-checkpoint-(\d{20})\.json$/;

/**
 * Checkpoints as one small JSON file each in a directory the operator points to
 * (AUDIT_CHECKPOINT_DIR): a mounted share, or a folder an object store syncs with object lock
 * (WORM). Written whole or not at all (a temporary file renamed), never changed afterwards.
 */
export class DirectoryCheckpointStore implements CheckpointStore {
  constructor(readonly dir: string) {}

  async write(c: Checkpoint): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const name = `audit-checkpoint-${c.seq.padStart(20, '0')}.json`;
    const tmp = path.join(this.dir, `.${name}.${process.pid}.tmp`);
    await writeFile(tmp, JSON.stringify(c) + '\n', { mode: 0o640 });
    await rename(tmp, path.join(this.dir, name));
  }

  async list(): Promise<Checkpoint[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (e) {
      if ((e as { code?: string }).code === 'ENOENT') return [];
      throw e;
    }
    const out: Checkpoint[] = [];
    for (const n of names.filter((x) => NAME.test(x)).sort()) {
      const text = await readFile(path.join(this.dir, n), 'utf8');
      try {
        out.push(JSON.parse(text) as Checkpoint);
      } catch {
        // An unreadable file is reported like a forged one: its signature cannot hold.
        out.push({ seq: NAME.exec(n)![1]!.replace(/^0+(?=\d)/, ''), hash: '', at: 'unreadable', signature: '' });
      }
    }
    return out;
  }
}
