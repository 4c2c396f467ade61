import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A checkpoint anchors the audit chain outside the database: the sequence number and link of the
 * chain's head at a moment, signed (HMAC-SHA-256) with the audit MAC key. Rows deleted from the end
 * of the chain, or a chain recomputed after a change, no longer reach a checkpoint written before.
 */
export interface Checkpoint {
  seq: string;
  hash: string;
  at: string;
  signature: string;
}

// Domain separation: a checkpoint's signature can never be mistaken for a chain link, nor the reverse.
const LABEL = 'vroegsignaal-audit-checkpoint-v1';

function sign(key: string, c: Omit<Checkpoint, 'signature'>): string {
  return createHmac('sha256', key).update(JSON.stringify([LABEL, c.seq, c.hash, c.at])).digest('hex');
}

export function makeCheckpoint(key: string, head: { seq: string; hash: string }, at: Date): Checkpoint {
  const c = { seq: head.seq, hash: head.hash, at: at.toISOString() };
  return { ...c, signature: sign(key, c) };
}

function checkpointSigned(key: string, c: Checkpoint): boolean {
  const a = Buffer.from(sign(key, c), 'hex');
  const b = Buffer.from(typeof c.signature === 'string' ? c.signature : '', 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export type FindingKind = 'truncated' | 'deleted' | 'altered' | 'forged-checkpoint';

export interface Finding {
  kind: FindingKind;
  seq: string;
  detail: string;
}

/**
 * Measures the chain as it is against the checkpoints: a checkpointed record that is gone while the
 * chain ends before it was cut off at the end (truncated); one that is gone with records after it
 * was deleted; one whose link differs was altered or the chain recomputed. A checkpoint whose
 * signature does not hold was not written by the platform.
 */
export function compareWithCheckpoints(
  key: string,
  checkpoints: readonly Checkpoint[],
  links: ReadonlyMap<string, string>,
  headSeq: bigint,
): Finding[] {
  const out: Finding[] = [];
  for (const c of checkpoints) {
    if (!checkpointSigned(key, c)) {
      out.push({ kind: 'forged-checkpoint', seq: String(c.seq), detail: `checkpoint of ${c.at} has no valid signature` });
      continue;
    }
    const link = links.get(c.seq);
    if (link === undefined)
      out.push(
        BigInt(c.seq) > headSeq
          ? { kind: 'truncated', seq: c.seq, detail: `the chain ends at ${headSeq} but the checkpoint of ${c.at} saw record ${c.seq}` }
          : { kind: 'deleted', seq: c.seq, detail: `record ${c.seq}, seen by the checkpoint of ${c.at}, is gone` },
      );
    else if (link !== c.hash) out.push({ kind: 'altered', seq: c.seq, detail: `record ${c.seq} does not have the link the checkpoint of ${c.at} saw` });
  }
  return out;
}
