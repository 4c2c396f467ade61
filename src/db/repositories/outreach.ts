import { SIGNAL_CONTENT_COLUMNS } from './case-work.ts';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import type { Channel, Language } from '../../domain/outreach/templates.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export async function getOutreachTemplate(db: Executor, municipality: string, channel: Channel, language: Language) {
  return db
    .selectFrom('outreach_templates')
    .select(['subject', 'body', 'contact_person', 'contact_phone', 'updated_at'])
    .where('municipality_code', '=', municipality)
    .where('channel', '=', channel)
    .where('language', '=', language)
    .executeTakeFirst();
}

export async function upsertOutreachTemplate(
  db: Executor,
  t: { municipality: string; channel: Channel; language: Language; subject: string; body: string; contactPerson: string; contactPhone: string; updatedBy: string | null },
): Promise<void> {
  const values = { subject: t.subject, body: t.body, contact_person: t.contactPerson, contact_phone: t.contactPhone, updated_by: t.updatedBy, updated_at: new Date() };
  await db
    .insertInto('outreach_templates')
    .values({ municipality_code: t.municipality, channel: t.channel, language: t.language, ...values })
    .onConflict((oc) => oc.columns(['municipality_code', 'channel', 'language']).doUpdateSet(values))
    .execute();
}

export async function insertOutreachMessages(
  db: Executor,
  rows: ReadonlyArray<{ caseId: string; municipality: string; channel: Channel; language: Language; contactAttemptId: string | null; sentBy: string | null }>,
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('outreach_messages')
    .values(rows.map((r) => ({ case_id: r.caseId, municipality_code: r.municipality, channel: r.channel, language: r.language, contact_attempt_id: r.contactAttemptId, sent_by: r.sentBy })))
    .execute();
}

/** The signal fields a message may use (the use case cuts them to the rule's categories) of many cases at once. */
export async function messageSignalsOfCases(db: Executor, municipality: string, caseIds: readonly string[]) {
  if (caseIds.length === 0) return [];
  return db
    .selectFrom('signal_states')
    .innerJoin('signals', 'signals.id', 'signal_states.signal_id')
    .select([
      'signal_states.case_id',
      'signals.id',
      'signals.signal_type',
      'signals.signal_date',
      'signals.regulation_version',
      'signals.rule_id',
      ...SIGNAL_CONTENT_COLUMNS,
    ])
    .where('signal_states.municipality_code', '=', municipality)
    .where('signal_states.case_id', 'in', caseIds)
    .orderBy('signal_states.case_id')
    .orderBy('signals.signal_date')
    .orderBy('signals.id')
    .execute();
}

/** The facts a contact attempt needs of many cases at once (status, pick-up date, pseudonym). */
export async function casesForAttempts(db: Executor, municipality: string, caseIds: readonly string[]) {
  if (caseIds.length === 0) return [];
  const r = await db
    .selectFrom('cases')
    .select(['id', 'status', 'result', 'bsn_pseudonym', sql<string | null>`to_char(picked_up_on, 'YYYY-MM-DD')`.as('picked_up_on')])
    .where('municipality_code', '=', municipality)
    .where('id', 'in', caseIds)
    .execute();
  return r.map((c) => ({ ...c, id: String(c.id) }));
}

/** Many contact attempts of one kind in one statement; per case the new attempt's id. */
export async function insertContactAttempts(
  db: Executor,
  municipality: string,
  caseIds: readonly string[],
  a: { contactType: string; reached: boolean; date: string; partOfDay: string | null; createdBy: string | null },
): Promise<Map<string, string>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db
    .insertInto('contact_attempts')
    .values(caseIds.map((id) => ({ case_id: id, municipality_code: municipality, contact_type: a.contactType, reached: a.reached, attempted_on: a.date, part_of_day: a.partOfDay, created_by: a.createdBy })))
    .returning(['id', 'case_id'])
    .execute();
  return new Map(rows.map((r) => [String(r.case_id), String(r.id)]));
}

/** Marks cases picked up on a date (those that were open); the date never moves later. */
export async function markPickedUp(db: Executor, municipality: string, caseIds: readonly string[], date: string): Promise<void> {
  if (caseIds.length === 0) return;
  await db
    .updateTable('cases')
    .set({ status: 'picked_up', picked_up_on: sql<string>`least(coalesce(picked_up_on, ${date}::date), ${date}::date)` })
    .where('municipality_code', '=', municipality)
    .where('id', 'in', caseIds)
    .execute();
}

/** Of `caseIds`, those that already have a contact attempt of this kind (a letter printed here or recorded by hand). */
export async function casesWithAttemptOfType(db: Executor, municipality: string, caseIds: readonly string[], contactType: string): Promise<Set<string>> {
  if (caseIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('contact_attempts')
    .select('case_id')
    .distinct()
    .where('municipality_code', '=', municipality)
    .where('contact_type', '=', contactType)
    .where('case_id', 'in', caseIds)
    .execute();
  return new Set(rows.map((r) => String(r.case_id)));
}

/** Per queue, its open and picked-up cases that have no contact attempt of this kind yet. */
export async function activeCasesWithoutAttemptPerQueue(db: Executor, municipality: string, contactType: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('cases')
    .select(['queue_id', sql<number>`count(*)::int`.as('n')])
    .where('municipality_code', '=', municipality)
    .where('status', 'in', ['open', 'picked_up'])
    .where('queue_id', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('contact_attempts').select(sql`1`.as('x')).whereRef('contact_attempts.case_id', '=', 'cases.id').where('contact_attempts.contact_type', '=', contactType))),
    )
    .groupBy('queue_id')
    .execute();
  return new Map(rows.map((r) => [String(r.queue_id), r.n]));
}
