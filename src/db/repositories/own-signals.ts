import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import type { OwnSignalRow } from './creditor-portal.ts';
import { NOT_YET_PICKED_UP, signalsWithState } from './signal-state.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/** What a sender may read back of a signal it sent: what it was about, never who. */
export type OwnSignalState = Pick<
  OwnSignalRow,
  'id' | 'reference' | 'signal_type' | 'signal_date' | 'municipality_code' | 'regulation_version' | 'received_at' | 'status' | 'case_status'
>;

const COLUMNS = [
  'signals.id',
  'signals.reference',
  'signals.signal_type',
  'signals.signal_date',
  'signals.municipality_code',
  'signals.regulation_version',
  'signals.received_at',
  sql<string>`coalesce(signal_states.status, ${NOT_YET_PICKED_UP})`.as('status'),
  'cases.status as case_status',
] as const;

const withCase = (db: Executor) => signalsWithState(db).leftJoin('cases', 'cases.id', 'signal_states.case_id').select(COLUMNS);

/** A signal by id, if the organisation sent it or a processor sent it for the organisation. */
export async function findSignalSentByOrFor(db: Executor, organisationId: string, signalId: string): Promise<OwnSignalState | undefined> {
  return withCase(db)
    .where('signals.id', '=', signalId)
    .where((eb) => eb.or([eb('signals.sender_org_id', '=', organisationId), eb('signals.creditor_org_id', '=', organisationId)]))
    .executeTakeFirst();
}

/** A signal by the reference its sender gave it. */
export async function findSignalSentByReference(db: Executor, senderOrgId: string, reference: string): Promise<OwnSignalState | undefined> {
  // Through signal_references (migration 030): signals has no index on the reference.
  const ref = db.selectFrom('signal_references').select('signal_id').where('sender_org_id', '=', senderOrgId).where('reference', '=', reference);
  return withCase(db).where('signals.id', '=', ref).where('signals.sender_org_id', '=', senderOrgId).executeTakeFirst();
}
