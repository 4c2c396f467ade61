import { sql, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import { copyInto } from '../copy/copy-in.ts';
import { SIGNAL_COPY_COLUMN_NAMES } from '../copy/signal-tuple.ts';
import { BinaryCopyWriter } from '../../infra/copy/binary-copy-writer.ts';

const UNIQUE_VIOLATION = '23505';
const DEADLOCK = '40P01';

/**
 * The (sender, reference, id) tuples of signals about to be copied, for signal_references: the
 * table that keeps a reference unique across every month of signals (migration 030). Only the
 * signals `keep` selects, when given.
 */
export function referenceTuples(sender: string, references: readonly string[], ids: readonly number[], keep?: (k: number) => boolean): Uint8Array {
  // ~ 2 + 3 × 4 + sender + reference + 8 bytes a tuple
  const w = new BinaryCopyWriter(Math.max(1024, references.length * (30 + sender.length + (references[0]?.length ?? 16))));
  for (let k = 0; k < references.length; k++) {
    if (keep && !keep(k)) continue;
    w.row(3);
    w.text(sender);
    w.text(references[k]);
    w.int8(ids[k]);
  }
  return w.bytes();
}

/**
 * Copies encoded signal tuples (signal-tuple.ts) into `signals`, and their references into
 * signal_references, within the caller's transaction. The references go first: the unique key that
 * makes a re-sent reference fail lives there (a partitioned table cannot hold it), and failing on
 * the narrow rows spares copying the wide ones. False, with nothing copied and the transaction
 * still usable, when a reference among them is already stored (or another upload holding one of
 * them deadlocked with this one): the caller then finds which, and copies the rest.
 */
export async function copySignalTuples(trx: Transaction<DB>, tuples: readonly Uint8Array[], references: Uint8Array): Promise<boolean> {
  await sql`savepoint copy_signals`.execute(trx);
  try {
    await copyInto(trx, 'signal_references', ['sender_org_id', 'reference', 'signal_id'], [references]);
    await copyInto(trx, 'signals', SIGNAL_COPY_COLUMN_NAMES, tuples);
  } catch (e) {
    await sql`rollback to savepoint copy_signals`.execute(trx);
    const code = (e as { code?: string }).code;
    if (code === UNIQUE_VIOLATION || code === DEADLOCK) return false;
    throw e;
  }
  await sql`release savepoint copy_signals`.execute(trx);
  return true;
}
