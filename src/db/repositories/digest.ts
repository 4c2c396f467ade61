import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export interface DigestRecipient {
  id: string;
  email: string;
  displayName: string;
  locale: string;
  roles: string[];
  organisationId: string;
  municipality: string;
}

/** Active users of municipalities who want the digest by e-mail. */
export async function digestRecipients(db: Kysely<DB>): Promise<DigestRecipient[]> {
  const r = await sql<DigestRecipient>`
    select u.id, u.email, u.display_name as "displayName", u.locale, u.roles, u.organisation_id as "organisationId", o.municipality_code as municipality
    from users u join organisations o on o.id = u.organisation_id
    where o.kind = 'municipality' and o.municipality_code is not null and u.disabled_at is null and u.digest_email
    order by o.municipality_code, u.id`.execute(db);
  return r.rows;
}

export interface DigestCaseRow {
  id: string;
  crisis: boolean;
  openedOn: string;
  due: string;
  assignedTo: string | null;
}

/**
 * The open cases of a municipality a digest can mention: unassigned or assigned to one of `users`,
 * and either due by `dueBy` (overdue included) or a crisis case opened since `openedSince`
 * (an Amsterdam date). Cases not yet classified have no due_date: their legal deadline counts.
 */
export async function digestCases(db: Executor, q: { municipality: string; users: readonly string[]; openedSince: string; dueBy: string }): Promise<DigestCaseRow[]> {
  const r = await sql<DigestCaseRow>`
    select c.id::text as id, c.crisis,
      to_char(c.opened_at at time zone 'Europe/Amsterdam', 'YYYY-MM-DD') as "openedOn",
      to_char(coalesce(c.due_date, c.deadline), 'YYYY-MM-DD') as due,
      c.assigned_to::text as "assignedTo"
    from cases c
    where c.municipality_code = ${q.municipality} and c.status = 'open'
      and (c.assigned_to is null or c.assigned_to::text = any(${q.users as string[]}::text[]))
      and (coalesce(c.due_date, c.deadline) <= ${q.dueBy}::date
        or (c.crisis and c.opened_at >= (${q.openedSince}::timestamp at time zone 'Europe/Amsterdam')))`.execute(db);
  return r.rows;
}

/** Claims the day's digest for a user; false when it was already claimed (sent, or being sent). */
export async function claimDigestDelivery(db: Executor, userId: string, day: string): Promise<boolean> {
  const r = await db.insertInto('digest_deliveries').values({ user_id: userId, day }).onConflict((oc) => oc.doNothing()).returning('user_id').execute();
  return r.length === 1;
}

/** Gives the claim back when the mail could not be sent, so the next run tries again. */
export async function releaseDigestDelivery(db: Executor, userId: string, day: string): Promise<void> {
  await db.deleteFrom('digest_deliveries').where('user_id', '=', userId).where('day', '=', day).execute();
}
