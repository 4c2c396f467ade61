import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import { NOT_YET_PICKED_UP } from './signal-state.ts';
import type { CaseStatus } from '../../domain/cases/case-status.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/** What a signal says about the arrear and the person: the case page and outreach read the same columns. */
export const SIGNAL_CONTENT_COLUMNS = [
  'signals.crisis',
  'signals.amount_cents',
  'signals.components',
  'signals.arrear_start_date',
  'signals.bsn',
  'signals.initials',
  'signals.given_name',
  'signals.prefix',
  'signals.surname',
  'signals.street',
  'signals.house_number',
  'signals.house_number_addition',
  'signals.postcode',
  'signals.city',
  'signals.phone',
  'signals.email',
  'signals.customer_number',
] as const;

/** One case of a municipality, or undefined when it does not exist there (another municipality's case looks absent). */
export async function getCaseOf(db: Executor, municipality: string, caseId: string) {
  if (!/^\d{1,18}$/.test(caseId)) return undefined;
  const r = await sql<{
    id: string;
    address_key: string;
    bsn_pseudonym: string | null;
    surname_key: string | null;
    status: CaseStatus;
    opened_at: Date;
    first_signal_date: string;
    last_signal_date: string;
    matching_date: string;
    matching_period_start: string;
    matching_period_end: string;
    signal_count: number;
    signal_types: string[];
    multiple: boolean;
    consecutive: boolean;
    crisis: boolean;
    known_via_standard_signals: boolean;
    has_experimental_signal: boolean;
    deadline: string;
    picked_up_on: string | null;
    result: string | null;
    closed_at: Date | null;
    assigned_to: string | null;
    assigned_name: string | null;
    queue_id: string | null;
    queue_name: string | null;
    queue_approach: string | null;
    amount_cents: string | null;
    district: string | null;
    age_group: string | null;
    experiment_arm: string | null;
    district_code: string | null;
    neighbourhood_code: string | null;
  }>`
    select c.id::text as id, c.address_key, c.bsn_pseudonym, c.surname_key, c.status, c.opened_at,
      to_char(c.first_signal_date, 'YYYY-MM-DD') as first_signal_date, to_char(c.last_signal_date, 'YYYY-MM-DD') as last_signal_date,
      to_char(c.matching_date, 'YYYY-MM-DD') as matching_date, to_char(c.matching_period_start, 'YYYY-MM-DD') as matching_period_start,
      to_char(c.matching_period_end, 'YYYY-MM-DD') as matching_period_end, c.signal_count, c.signal_types, c.multiple, c.consecutive, c.crisis,
      c.known_via_standard_signals, c.has_experimental_signal, to_char(c.deadline, 'YYYY-MM-DD') as deadline,
      to_char(c.picked_up_on, 'YYYY-MM-DD') as picked_up_on, c.result, c.closed_at, c.assigned_to::text as assigned_to, u.display_name as assigned_name,
      c.queue_id::text as queue_id, q.name as queue_name, q.approach as queue_approach, c.amount_cents::text as amount_cents, c.district, c.age_group, c.experiment_arm,
      c.district_code, c.neighbourhood_code
    from cases c
    left join users u on u.id = c.assigned_to
    left join worklist_queues q on q.id = c.queue_id
    where c.municipality_code = ${municipality} and c.id = ${caseId}::bigint`.execute(db);
  return r.rows[0];
}
export type CaseRecord = NonNullable<Awaited<ReturnType<typeof getCaseOf>>>;

/** The case's signals with every stored field; the use case shows only what the rule allowed. */
export async function signalsOfCase(db: Executor, municipality: string, caseId: string) {
  return db
    .selectFrom('signal_states')
    .innerJoin('signals', 'signals.id', 'signal_states.signal_id')
    .innerJoin('organisations', 'organisations.id', 'signals.creditor_org_id')
    .select([
      'signals.id',
      'signals.signal_type',
      'signals.signal_date',
      'signals.regulation_version',
      'signals.rule_id',
      'signal_states.status',
      'signals.received_at',
      ...SIGNAL_CONTENT_COLUMNS,
      'signals.subject_pseudonym',
      'signals.routing',
      'signals.routed_from',
      'signal_states.repeat_of',
      'organisations.name as creditor_name',
    ])
    .where('signal_states.municipality_code', '=', municipality)
    .where('signal_states.case_id', '=', caseId)
    .orderBy('signals.signal_date')
    .orderBy('signals.id')
    .execute();
}
export type CaseSignalRecord = Awaited<ReturnType<typeof signalsOfCase>>[number];

/** Other cases of the same household: same address, and the same resident where a BSN pseudonym is known. */
export async function householdCases(db: Executor, municipality: string, c: { id: string; address_key: string; bsn_pseudonym: string | null }) {
  const r = await sql<{ id: string; status: string; matching_date: string; signal_types: string[]; result: string | null; closed_at: Date | null }>`
    select c.id::text as id, c.status, to_char(c.matching_date, 'YYYY-MM-DD') as matching_date, c.signal_types, c.result, c.closed_at
    from cases c
    where c.municipality_code = ${municipality} and c.id <> ${c.id}::bigint
      and (c.address_key = ${c.address_key} ${c.bsn_pseudonym ? sql`or c.bsn_pseudonym = ${c.bsn_pseudonym}` : sql``})
    order by c.matching_date desc limit 50`.execute(db);
  return r.rows;
}

export async function contactAttemptsOf(db: Executor, caseId: string) {
  return db
    .selectFrom('contact_attempts')
    .leftJoin('users', 'users.id', 'contact_attempts.created_by')
    .select(['contact_attempts.id', 'contact_type', 'reached', 'attempted_on', 'part_of_day', 'contact_attempts.created_at', 'users.display_name as by_name'])
    .where('case_id', '=', caseId)
    .orderBy('attempted_on', 'desc')
    .orderBy('contact_attempts.id', 'desc')
    .execute();
}

export async function notesOf(db: Executor, caseId: string) {
  return db
    .selectFrom('case_notes')
    .leftJoin('users', 'users.id', 'case_notes.created_by')
    .select(['case_notes.id', 'body', 'case_notes.created_at', 'users.display_name as by_name'])
    .where('case_id', '=', caseId)
    .orderBy('case_notes.created_at', 'desc')
    .orderBy('case_notes.id', 'desc')
    .execute();
}

export async function eventsOf(db: Executor, caseId: string) {
  return db.selectFrom('case_events').select(['id', 'kind', 'detail', 'actor_label', 'occurred_at']).where('case_id', '=', caseId).orderBy('occurred_at').orderBy('id').execute();
}

export interface CaseEventInput {
  caseId: string;
  municipality: string;
  kind: string;
  detail?: Record<string, unknown>;
  actorType: string;
  actorId: string;
  actorLabel: string;
}

export async function appendCaseEvents(db: Executor, events: readonly CaseEventInput[]): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('case_events')
    .values(
      events.map((e) => ({
        case_id: e.caseId,
        municipality_code: e.municipality,
        kind: e.kind,
        detail: e.detail ? JSON.stringify(e.detail) : null,
        actor_type: e.actorType,
        actor_id: e.actorId,
        actor_label: e.actorLabel,
      })),
    )
    .execute();
}

export async function insertContactAttempt(
  db: Executor,
  a: { caseId: string; municipality: string; contactType: string; reached: boolean; date: string; partOfDay: string | null; createdBy: string | null },
): Promise<string> {
  const r = await db
    .insertInto('contact_attempts')
    .values({ case_id: a.caseId, municipality_code: a.municipality, contact_type: a.contactType, reached: a.reached, attempted_on: a.date, part_of_day: a.partOfDay, created_by: a.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return String(r.id);
}

export async function insertNote(db: Executor, n: { caseId: string; municipality: string; body: string; createdBy: string | null }): Promise<string> {
  const r = await db.insertInto('case_notes').values({ case_id: n.caseId, municipality_code: n.municipality, body: n.body, created_by: n.createdBy }).returning('id').executeTakeFirstOrThrow();
  return String(r.id);
}

export async function setCaseProgress(db: Executor, municipality: string, caseId: string, p: { status: CaseStatus; pickedUpOn: string | null }): Promise<void> {
  await db.updateTable('cases').set({ status: p.status, picked_up_on: p.pickedUpOn }).where('municipality_code', '=', municipality).where('id', '=', caseId).execute();
}

export async function closeCase(db: Executor, municipality: string, caseId: string, result: string, at: Date, pickedUpOn: string | null = null): Promise<void> {
  await db
    .updateTable('cases')
    .set({ status: 'closed', result, closed_at: at, ...(pickedUpOn ? { picked_up_on: pickedUpOn } : {}) })
    .where('municipality_code', '=', municipality)
    .where('id', '=', caseId)
    .execute();
}

export async function setAgeGroup(db: Executor, municipality: string, caseId: string, ageGroup: string | null): Promise<void> {
  // The stamp is cleared so the case is classified again with its age group.
  await db.updateTable('cases').set({ age_group: ageGroup, classified_stamp: null }).where('municipality_code', '=', municipality).where('id', '=', caseId).execute();
}

/** Is this user one of the organisation's active users (a case may only go to a colleague)? */
export async function isActiveColleague(db: Executor, organisationId: string, userId: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(userId)) return false;
  const r = await db.selectFrom('users').select('id').where('id', '=', userId).where('organisation_id', '=', organisationId).where('disabled_at', 'is', null).executeTakeFirst();
  return !!r;
}

/** Gives the case's signals that are still "Nog niet opgepakt" a DDAS signal status (e.g. "Niet opgepakt: andere reden"). */
export async function setStatusOfCaseSignals(db: Executor, caseId: string, status: string): Promise<void> {
  await db.updateTable('signal_states').set({ status }).where('case_id', '=', caseId).where('status', '=', NOT_YET_PICKED_UP).execute();
}

/**
 * Opens a closed case again (`to`: open, or picked up when it was): no result, not closed, classified afresh into a queue. The signals that took
 * the end result as their DDAS status (`result`, when it was one) read "Nog niet opgepakt" again.
 */
export async function reopenCase(db: Executor, municipality: string, caseId: string, to: 'open' | 'picked_up', result: string | null): Promise<void> {
  await db
    .updateTable('cases')
    .set({ status: to, result: null, closed_at: null, classified_stamp: null })
    .where('municipality_code', '=', municipality)
    .where('id', '=', caseId)
    .where('status', '=', 'closed')
    .execute();
  if (result !== null) await db.updateTable('signal_states').set({ status: NOT_YET_PICKED_UP }).where('case_id', '=', caseId).where('status', '=', result).execute();
}

/** The open cases at one address of a municipality, with what tells households apart. */
export async function openCasesAtAddress(db: Executor, municipality: string, addressKey: string) {
  const rows = await db
    .selectFrom('cases')
    .select(['id', 'bsn_pseudonym', 'surname_key'])
    .where('municipality_code', '=', municipality)
    .where('address_key', '=', addressKey)
    .where('status', '<>', 'closed')
    .execute();
  return rows.map((r) => ({ id: String(r.id), bsnPseudonym: r.bsn_pseudonym, surnameKey: r.surname_key ?? '' }));
}
