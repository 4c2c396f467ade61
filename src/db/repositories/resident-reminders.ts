import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import type { ResidentChoice } from '../../domain/resident/choice.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export interface NewReminder {
  sender_org_id: string;
  reference: string;
  code_hash: string;
  postcode: string;
  house_number: string | null;
  expires_at: Date;
}

/** Inserts the reminders whose reference has no code yet; returns the references inserted. */
export async function insertReminders(db: Executor, rows: readonly NewReminder[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const r = await db
    .insertInto('resident_reminders')
    .values(rows.map((x) => ({ ...x })))
    .onConflict((oc) => oc.columns(['sender_org_id', 'reference']).doNothing())
    .returning('reference')
    .execute();
  return new Set(r.map((x) => x.reference));
}

export async function findReminderByCode(db: Executor, codeHash: string) {
  return db.selectFrom('resident_reminders').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
}

export async function findReminderById(db: Executor, id: string) {
  return db.selectFrom('resident_reminders').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Records a choice while the reminder runs and its signal has not arrived; false when it could not be changed any more. */
export async function setChoice(trx: Transaction<DB>, id: string, choice: ResidentChoice | null, via: 'code' | 'digid', now: Date): Promise<boolean> {
  const r = await trx
    .updateTable('resident_reminders')
    .set({ choice, chosen_at: choice ? now : null, chosen_via: choice ? via : null })
    .where('id', '=', id)
    .where('signal_received_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Whether the sender asked for any codes (most do not: then intake does not look further). */
export async function senderHasReminders(db: Executor, senderOrgId: string): Promise<boolean> {
  const r = await db.selectFrom('resident_reminders').select('id').where('sender_org_id', '=', senderOrgId).limit(1).executeTakeFirst();
  return r !== undefined;
}

/** The choices recorded for these references of one sender (open reminders only). */
export async function choicesFor(db: Executor, senderOrgId: string, references: readonly string[]): Promise<Map<string, ResidentChoice | null>> {
  if (references.length === 0) return new Map();
  const r = await db
    .selectFrom('resident_reminders')
    .select(['reference', 'choice'])
    .where('sender_org_id', '=', senderOrgId)
    .where('reference', 'in', [...new Set(references)])
    .where('signal_received_at', 'is', null)
    .execute();
  return new Map(r.map((x) => [x.reference, x.choice]));
}

/** What intake needs of signals just stored to apply the residents' choices: the signal's facts and its reminder's choice. */
export async function storedSignalChoices(trx: Transaction<DB>, ids: readonly number[]) {
  if (ids.length === 0) return [];
  const r = await sql<{ id: string; reference: string; municipality_code: string; rule_id: string | null; sender_org_id: string; creditor_org_id: string; address_key: string; choice: ResidentChoice | null }>`
    select s.id::text as id, s.reference, s.municipality_code, s.rule_id, s.sender_org_id, s.creditor_org_id, s.address_key, r.choice
      from signals s left join resident_reminders r on r.sender_org_id = s.sender_org_id and r.reference = s.reference and r.signal_received_at is null
     where s.id = any(${ids as number[]}::bigint[])`.execute(trx);
  return r.rows;
}

export async function deleteSignals(trx: Transaction<DB>, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await sql`delete from signals where id = any(${ids}::bigint[])`.execute(trx);
}

/** The signals just stored close their reminders: the choice is final from now on. */
export async function closeReminders(db: Executor, signalIds: readonly string[], now: Date): Promise<void> {
  if (signalIds.length === 0) return;
  await sql`update resident_reminders r set signal_id = s.id, signal_received_at = ${now}
      from signals s
     where s.id = any(${signalIds}::bigint[]) and r.sender_org_id = s.sender_org_id and r.reference = s.reference and r.signal_received_at is null`.execute(db);
}

/** Which of these signals arrived after the resident asked to be contacted now (DDAS warmeOverdracht). */
export async function warmTransfers(db: Executor, signalIds: readonly string[]): Promise<Set<string>> {
  if (signalIds.length === 0) return new Set();
  const r = await sql<{ id: string }>`select signal_id::text as id from resident_reminders where signal_id = any(${signalIds}::bigint[]) and choice = 'help'`.execute(db);
  return new Set(r.rows.map((x) => x.id));
}

/** Which of these cases hold a signal that arrived after the resident asked to be contacted now (the worklist's flag). */
export async function warmTransferCases(db: Executor, caseIds: readonly string[]): Promise<Set<string>> {
  if (caseIds.length === 0) return new Set();
  const r = await sql<{ id: string }>`select distinct st.case_id::text as id from signal_states st join resident_reminders r on r.signal_id = st.signal_id
     where st.case_id = any(${caseIds}::bigint[]) and r.choice = 'help'`.execute(db);
  return new Set(r.rows.map((x) => x.id));
}


/** The signals about one person (the BSN's keyed pseudonym), for their own page after DigiD: newest first, at most 50. */
export async function signalsByBsnPseudonym(db: Executor, pseudonym: string) {
  return db
    .selectFrom('signals as s')
    .innerJoin('organisations as c', 'c.id', 's.creditor_org_id')
    .leftJoin('organisations as m', 'm.municipality_code', 's.municipality_code')
    .select(['s.id', 'c.name as creditor', 'm.name as municipality', 's.municipality_code', 's.received_at', 's.amount_cents', 's.arrear_start_date', 's.supply_end_date', 's.customer_number', 's.bsn'])
    .where('s.bsn_pseudonym', '=', pseudonym)
    .orderBy('s.received_at', 'desc')
    .limit(50)
    .execute();
}

/** Reminders whose period ended before `before`, with what retention needs to place them in a municipality. */
export async function expiredReminders(db: Executor, before: Date, afterId: string, limit: number) {
  return db
    .selectFrom('resident_reminders as r')
    .leftJoin('signals as s', 's.id', 'r.signal_id')
    .select(['r.id', 'r.postcode', 'r.house_number', 'r.expires_at', 's.id as live_signal'])
    .where('r.expires_at', '<', before)
    .where('r.id', '>', afterId)
    .orderBy('r.id')
    .limit(limit)
    .execute();
}

export async function deleteReminders(db: Executor, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await db.deleteFrom('resident_reminders').where('id', 'in', [...ids]).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * The residents' recorded choices, made in the period (dates inclusive, by the day they chose): what
 * the evaluation counts per arm — no codes, no references; the household's key and municipality of
 * the signal that arrived after the choice, if one did.
 */
export async function recordedChoices(db: Executor, period: { from: string; to: string }) {
  return db
    .selectFrom('resident_reminders as r')
    .leftJoin('signals as s', 's.id', 'r.signal_id')
    .select(['r.postcode', 'r.house_number', 'r.choice', 's.address_key', 's.municipality_code'])
    .where('r.choice', 'is not', null)
    .where(sql<boolean>`r.chosen_at::date between ${period.from}::date and ${period.to}::date`)
    .execute();
}
