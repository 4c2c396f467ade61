import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { CasesTable, DB, SignalsTable } from '../schema.ts';
import { foreignKeysTo, ident } from './dependents.ts';
import { refreshStateKeys, setStatusOutsideCase, signalsWithState, STATE_COLUMNS } from './signal-state.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/** How a data subject is found: by BSN (as its keyed pseudonym), or by household address and optionally surname. */
export type SubjectKey = { bsnPseudonym: string } | { addressKey: string; surnameKey?: string };

/** A stored signal with its state (009): status, case and repeat as matching left them. */
export type SignalRecord = Selectable<SignalsTable> & { status: string; case_id: string | null; repeat_of: string | null; matched_at: Date | null };
export type CaseRecord = Selectable<CasesTable>;

/** Every signal a municipality holds about the subject (personal data still present). */
export async function findSubjectSignals(db: Executor, municipality: string, key: SubjectKey): Promise<SignalRecord[]> {
  let q = signalsWithState(db).selectAll('signals').select(STATE_COLUMNS).where('signals.municipality_code', '=', municipality).where('signals.subject_pseudonym', '<>', '');
  if ('bsnPseudonym' in key) q = q.where('signals.bsn_pseudonym', '=', key.bsnPseudonym);
  else {
    q = q.where('signals.address_key', '=', key.addressKey);
    if (key.surnameKey) q = q.where('signals.surname_key', '=', key.surnameKey);
  }
  return q.orderBy('signals.id').execute();
}

export async function findSignalsById(db: Executor, municipality: string, ids: readonly string[]): Promise<SignalRecord[]> {
  if (ids.length === 0) return [];
  return signalsWithState(db)
    .selectAll('signals')
    .select(STATE_COLUMNS)
    .where('signals.municipality_code', '=', municipality)
    .where('signals.id', 'in', ids as string[])
    .orderBy('signals.id')
    .execute();
}

/** The subject's cases: the ones their signals are in, and any case keyed on their BSN pseudonym. */
export async function findSubjectCases(db: Executor, municipality: string, caseIds: readonly string[], bsnPseudonym: string | null): Promise<CaseRecord[]> {
  return db
    .selectFrom('cases')
    .selectAll()
    .where('municipality_code', '=', municipality)
    .where((eb) => {
      const ors = [eb('id', 'in', caseIds.length ? (caseIds as string[]) : ['0'])];
      if (bsnPseudonym) ors.push(eb('bsn_pseudonym', '=', bsnPseudonym));
      return eb.or(ors);
    })
    .orderBy('id')
    .execute();
}

/**
 * Rows other parts of the platform keep about these cases or signals (contact attempts, notes,
 * experiment assignments, …), found through the catalogue's foreign keys so new tables are
 * included without changing this code. Keyed by table name.
 */
export async function recordsAbout(db: Executor, parent: 'cases' | 'signals', ids: readonly string[], skip: readonly string[] = []): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  if (ids.length === 0) return out;
  for (const fk of await foreignKeysTo(db, parent, { includeDetached: true })) {
    if (skip.includes(fk.child) || fk.child === parent) continue;
    const r = await sql<{ row: unknown }>`
      select to_jsonb(c) as row from ${ident(fk.child)} c where c.${ident(fk.childColumn)}::text = any(${ids as string[]}::text[])`.execute(db);
    if (r.rows.length > 0) out[fk.child] = r.rows.map((x) => x.row);
  }
  return out;
}

/**
 * What one organisation did with the subject's data (Logboek Dataverwerkingen), newest first, at
 * most `limit`. Only that organisation's own records: a pseudonym is the same in every
 * municipality, so without this filter the records would tell which creditors and which other
 * municipalities processed the person.
 */
export async function processingRecordsAbout(
  db: Executor,
  q: { organisationId: string; pseudonyms: readonly string[]; signalIds: readonly string[]; caseIds: readonly string[]; limit: number },
) {
  const r = await sql<{ occurred_at: Date; activity: string; actor_type: string; organisation_id: string | null; object_type: string | null; outcome: string }>`
    select occurred_at, activity, actor_type, organisation_id, object_type, outcome from audit_log
    where organisation_id = ${q.organisationId}
      and (subject_pseudonyms && ${q.pseudonyms as string[]}::text[]
        or (object_type = 'signal' and object_ids && ${q.signalIds as string[]}::text[])
        or (object_type = 'case' and object_ids && ${q.caseIds as string[]}::text[]))
    order by id desc limit ${q.limit}`.execute(db);
  return r.rows;
}

/**
 * The columns that identify a resident or reach them; an objection empties all of them. What is
 * left (type, dates, amounts, the sender's reference) no longer points at anyone on the platform.
 */
const PERSONAL_SIGNAL_COLUMNS = [
  'bsn', 'bsn_pseudonym', 'initials', 'given_name', 'prefix', 'surname', 'street', 'house_number', 'house_number_addition',
  'postcode', 'city', 'phone', 'email', 'customer_number', 'surname_key',
] as const satisfies ReadonlyArray<keyof SignalsTable>;

/**
 * Takes the personal data out of signals and stops their processing: DDAS status "Niet opgepakt:
 * andere reden" (the creditor sees only "not picked up"), out of their case, out of matching. The
 * row stays, without anyone in it, so the sender's re-send of the same reference is a duplicate
 * rather than a new copy of the data; type, date and amount remain for the counts CBS receives.
 */
export async function anonymiseSignals(db: Executor, ids: readonly string[]): Promise<Array<{ id: string; case_id: string | null }>> {
  if (ids.length === 0) return [];
  const idArr = sql`${ids as string[]}::bigint[]`;
  const old = await sql<{ id: string; case_id: string | null }>`
    select s.id::text as id, st.case_id::text as case_id from signals s left join signal_states st on st.signal_id = s.id
    where s.id = any(${idArr}) order by s.id for update of s`.execute(db);
  const sets = sql.raw(PERSONAL_SIGNAL_COLUMNS.map((c) => `${c} = null`).join(', '));
  await sql`update signals s set ${sets}, subject_pseudonym = '', address_key = 'removed:' || s.id where s.id = any(${idArr})`.execute(db);
  // The state takes the emptied keys with it, so nothing about the resident is left to find.
  await setStatusOutsideCase(db, ids, 'Niet opgepakt: andere reden');
  return old.rows;
}

/** Cases among `ids` that have no signal left. */
export async function casesWithoutSignals(db: Executor, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const r = await sql<{ id: string }>`
    select c.id::text as id from cases c where c.id = any(${ids as string[]}::bigint[])
      and not exists (select 1 from signal_states s where s.case_id = c.id)`.execute(db);
  return r.rows.map((x) => x.id);
}

/** Recounts cases that lost signals, and forgets the subject's pseudonym on them. */
export async function recountCases(db: Executor, ids: readonly string[], forgetBsnPseudonym: string | null): Promise<void> {
  if (ids.length === 0) return;
  await sql`update cases c set signal_count = (select count(*) from signal_states s where s.case_id = c.id),
      signal_types = coalesce((select array_agg(distinct s.signal_type order by s.signal_type) from signal_states s where s.case_id = c.id), '{}'),
      bsn_pseudonym = case when c.bsn_pseudonym = ${forgetBsnPseudonym} then null else c.bsn_pseudonym end
    where c.id = any(${ids as string[]}::bigint[])`.execute(db);
}

/** The fields of a signal that can be rectified, and the column each lives in. */
export const RECTIFIABLE = {
  'person.initials': 'initials',
  'person.givenName': 'given_name',
  'person.prefix': 'prefix',
  'person.surname': 'surname',
  'address.street': 'street',
  'address.houseNumber': 'house_number',
  'address.houseNumberAddition': 'house_number_addition',
  'address.postcode': 'postcode',
  'address.city': 'city',
  phone: 'phone',
  email: 'email',
  bsn: 'bsn',
} as const satisfies Record<string, keyof SignalsTable>;
export type RectifiableField = keyof typeof RECTIFIABLE;

/** Writes a corrected field and the keys derived from it (pseudonyms, household and name keys). */
export async function updateSignalFields(
  db: Executor,
  id: string,
  values: Partial<Pick<SignalsTable, (typeof RECTIFIABLE)[RectifiableField] | 'bsn_pseudonym' | 'subject_pseudonym' | 'address_key' | 'surname_key'>>,
): Promise<void> {
  await db.updateTable('signals').set(values).where('id', '=', id).execute();
  await refreshStateKeys(db, [id]);
}

/** Signals without a BSN in these cases whose surname matches: the same person, delivered by a sender that may not pass a BSN. */
export async function sameNameSignalsInCases(db: Executor, caseIds: readonly string[], surnameKeys: readonly string[]): Promise<SignalRecord[]> {
  if (caseIds.length === 0 || surnameKeys.length === 0) return [];
  return signalsWithState(db)
    .selectAll('signals')
    .select(STATE_COLUMNS)
    .where('signal_states.case_id', 'in', caseIds as string[])
    .where('signals.bsn', 'is', null)
    .where('signals.surname_key', 'in', surnameKeys as string[])
    .where('signals.subject_pseudonym', '<>', '')
    .orderBy('signals.id')
    .execute();
}
