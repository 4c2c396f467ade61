import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.ts';

export interface AuditFilter {
  /** Undefined: every organisation's records (the platform's own auditor). */
  organisationId: string | undefined;
  from: Date | undefined;
  /** Exclusive. */
  to: Date | undefined;
  /** A prefix of the activity, e.g. 'session.' or 'case.'. */
  activity: string | undefined;
  outcome: 'success' | 'refused' | 'error' | undefined;
  /** Who acted: an actor id (user, key, job) or part of a user's display name. */
  actor?: string | undefined;
  /** Records about one subject (a keyed pseudonym, as an access request shows it). */
  subject?: string | undefined;
  /**
   * Records older than this one (the next page): its time and id. The time is the record's exact
   * text (microseconds): a JavaScript Date keeps milliseconds only, and a cursor cut to them would
   * skip the records written within the same millisecond.
   */
  before: { at: string; id: string } | undefined;
  limit: number;
}

/** Audit records, newest first. Subject pseudonyms are left out: who the records concern is for access requests, not for browsing. */
export async function listAuditRecords(db: Kysely<DB>, f: AuditFilter) {
  let q = db
    .selectFrom('audit_log')
    .select(['id', 'occurred_at', 'activity', 'actor_type', 'actor_id', 'organisation_id', 'object_type', 'object_ids', 'outcome', 'detail', 'seq', 'trace_id'])
    .select(sql<string>`to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('cursor_at'))
    // By time first, so an organisation's newest records come off its (organisation_id, occurred_at) index.
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit);
  if (f.organisationId !== undefined) q = q.where('organisation_id', '=', f.organisationId);
  if (f.from) q = q.where('occurred_at', '>=', f.from);
  if (f.to) q = q.where('occurred_at', '<', f.to);
  if (f.activity) q = q.where('activity', 'like', `${f.activity.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (f.outcome) q = q.where('outcome', '=', f.outcome);
  if (f.actor) {
    const like = `%${f.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const actor = f.actor;
    q = q.where((eb) => eb.or([eb('actor_id', '=', actor), eb('actor_id', 'in', eb.selectFrom('users').select(sql<string>`id::text`.as('id')).where('display_name', 'ilike', like))]));
  }
  if (f.subject) q = q.where(sql<boolean>`subject_pseudonyms @> array[${f.subject}]::text[]`);
  if (f.before) {
    const { at, id } = f.before;
    q = q.where(sql<boolean>`(occurred_at, id) < (${at}::timestamptz, ${id}::bigint)`);
  }
  return q.execute();
}

/** Display names of the users among the actors, so the trail says who rather than a number. */
export async function userNames(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, string>> {
  const uuids = [...new Set(ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id)))];
  if (uuids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', uuids).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
