import { sql, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import { copyInto } from '../copy/copy-in.ts';
import { SIGNAL_COPY_COLUMN_NAMES } from '../copy/signal-tuple.ts';

const UNIQUE_VIOLATION = '23505';
const DEADLOCK = '40P01';

/**
 * Copies encoded signal tuples (signal-tuple.ts) into `signals` within the caller's transaction.
 * False, with nothing copied and the transaction still usable, when a reference among them is
 * already stored (or another upload holding one of them deadlocked with this one): the caller then
 * finds which, and copies the rest.
 */
export async function copySignalTuples(trx: Transaction<DB>, tuples: readonly Uint8Array[]): Promise<boolean> {
  await sql`savepoint copy_signals`.execute(trx);
  try {
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
