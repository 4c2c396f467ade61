import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import { refreshStateKeys, setStatusOutsideCase } from './signal-state.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export async function signalsById(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('signals').selectAll().where('id', 'in', ids as string[]).execute();
}

/**
 * Moves a signal to where its subject lives now, at the register's address; it is matched there as
 * any new signal (the caller queues it again). When the municipality changes, routed_from keeps the
 * one the sender addressed. Only a signal in no case moves.
 */
export async function handOverSignal(
  db: Executor,
  id: string,
  to: { municipality: string | undefined; addressKey: string; street: string | null; houseNumber: string; addition: string | null; postcode: string; city: string | null },
): Promise<void> {
  await db
    .updateTable('signals')
    .set((eb) => ({
      ...(to.municipality === undefined ? {} : { routed_from: eb.ref('municipality_code'), municipality_code: to.municipality }),
      address_key: to.addressKey,
      street: to.street,
      house_number: to.houseNumber,
      house_number_addition: to.addition,
      postcode: to.postcode,
      city: to.city,
    }))
    .where('id', '=', id)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('signal_states').select('signal_id').whereRef('signal_id', '=', 'signals.id').where('case_id', 'is not', null))))
    .execute();
  await refreshStateKeys(db, [id]);
}

/** The signal stays where it was sent, with a DDAS status that ends it: no case, nothing to pick up. */
export async function markSignalsStatus(db: Executor, ids: readonly string[], status: string): Promise<void> {
  await setStatusOutsideCase(db, ids, status);
}
