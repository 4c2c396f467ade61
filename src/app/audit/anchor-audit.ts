import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { SEAL_BATCH, sealAuditLog } from '../../db/repositories/audit.ts';
import { makeCheckpoint } from '../../domain/audit/checkpoint.ts';
import type { CheckpointStore } from './checkpoint-store.ts';

export interface AuditAnchoring {
  macKey: string;
  /** Absent: the chain is sealed but not anchored (tests only: the platform always passes a store, and production refuses the default place). */
  store?: CheckpointStore | undefined;
  /** At most one checkpoint per this many milliseconds while records keep coming. */
  checkpointIntervalMs: number;
}

/**
 * Seals what is ready and, when the chain's head moved and the interval has passed (or `force`),
 * writes a signed checkpoint of the head outside the database. Returns the sealer's state for the
 * next call.
 */
export async function sealAndAnchor(
  db: Kysely<DB>,
  a: AuditAnchoring,
  state: { lastSeq: string | undefined; lastAt: number },
  now: Date,
  force = false,
): Promise<{ lastSeq: string | undefined; lastAt: number }> {
  let head: { seq: string; hash: string } | undefined;
  // Again only while a pass was full: under steady intake there is always a little more, and
  // sealing it at once would keep the database busy with small passes (the next tick takes it).
  for (;;) {
    const r = await sealAuditLog(db, a.macKey);
    head = r.head ?? head;
    if (r.sealed < SEAL_BATCH) break;
  }
  if (!a.store || !head || head.seq === state.lastSeq) return state;
  if (!force && now.getTime() - state.lastAt < a.checkpointIntervalMs) return state;
  await a.store.write(makeCheckpoint(a.macKey, head, now));
  return { lastSeq: head.seq, lastAt: now.getTime() };
}
