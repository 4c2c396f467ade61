import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/** The DDAS status of a signal matching has not taken in yet (it has no state row). */
export const NOT_YET_PICKED_UP = 'Nog niet opgepakt';

/**
 * Signals with what happened to them since intake (009): a signal matching has not taken in yet
 * has no state row and reads as "Nog niet opgepakt", in no case.
 */
export function signalsWithState(db: Executor) {
  return db.selectFrom('signals').leftJoin('signal_states', 'signal_states.signal_id', 'signals.id');
}

/** The state columns under their old names, for selects over signalsWithState(). */
export const STATE_COLUMNS = [
  sql<string>`coalesce(signal_states.status, ${NOT_YET_PICKED_UP})`.as('status'),
  'signal_states.case_id',
  'signal_states.repeat_of',
  'signal_states.matched_at',
] as const;

/**
 * Copies a signal's keys into its state row after they changed (hand-over, rectification,
 * objection), so matching and evaluation find it where it now is.
 */
export async function refreshStateKeys(db: Executor, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await sql`
    update signal_states st set municipality_code = s.municipality_code, address_key = s.address_key,
      surname_key = s.surname_key, bsn_pseudonym = s.bsn_pseudonym
    from signals s where s.id = st.signal_id and st.signal_id = any(${ids as string[]}::bigint[])`.execute(db);
}

/**
 * Gives signals a DDAS status outside any case (hand-over refused, objection), creating their
 * state row when matching has not taken them in yet, so matching will leave them alone.
 */
export async function setStatusOutsideCase(db: Executor, ids: readonly string[], status: string): Promise<void> {
  if (ids.length === 0) return;
  await sql`
    insert into signal_states (signal_id, municipality_code, address_key, signal_date, signal_type, creditor_org_id, amount_cents,
        crisis, surname_key, bsn_pseudonym, status)
      select s.id, s.municipality_code, s.address_key, s.signal_date, s.signal_type, s.creditor_org_id, s.amount_cents,
        s.crisis, s.surname_key, s.bsn_pseudonym, ${status}
      from signals s where s.id = any(${ids as string[]}::bigint[])
    on conflict (signal_id) do update set status = excluded.status, case_id = null, repeat_of = null,
      municipality_code = excluded.municipality_code, address_key = excluded.address_key,
      surname_key = excluded.surname_key, bsn_pseudonym = excluded.bsn_pseudonym`.execute(db);
}
