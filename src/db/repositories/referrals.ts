import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export async function referralEndpointOf(db: Executor, municipality: string) {
  return db.selectFrom('referral_endpoints').selectAll().where('municipality_code', '=', municipality).executeTakeFirst();
}

export async function saveReferralEndpoint(db: Executor, row: { municipality: string; url: string; secretSealed: string; updatedBy: string | null; at: Date }): Promise<void> {
  await db
    .insertInto('referral_endpoints')
    .values({ municipality_code: row.municipality, url: row.url, secret_sealed: row.secretSealed, updated_by: row.updatedBy, updated_at: row.at })
    .onConflict((oc) => oc.column('municipality_code').doUpdateSet({ url: row.url, secret_sealed: row.secretSealed, updated_by: row.updatedBy, updated_at: row.at }))
    .execute();
}

const REFERRAL_COLUMNS = [
  'id',
  'case_id',
  'municipality_code',
  'result',
  'consent_recorded_by',
  'consent_recorded_at',
  'status',
  'attempts',
  'next_attempt_at',
  'last_attempt_at',
  'last_http_status',
  'delivered_at',
  'payload',
] as const;

export async function referralOfCase(db: Executor, municipality: string, caseId: string) {
  return db.selectFrom('referrals').select(REFERRAL_COLUMNS).where('municipality_code', '=', municipality).where('case_id', '=', caseId).executeTakeFirst();
}
export type ReferralRecord = NonNullable<Awaited<ReturnType<typeof referralOfCase>>>;

export async function insertReferral(db: Executor, row: { id: string; caseId: string; municipality: string; result: string; consentBy: string; at: Date; payload: unknown }): Promise<void> {
  await db
    .insertInto('referrals')
    .values({
      id: row.id,
      case_id: row.caseId,
      municipality_code: row.municipality,
      result: row.result,
      consent_recorded_by: row.consentBy,
      consent_recorded_at: row.at,
      next_attempt_at: row.at,
      payload: JSON.stringify(row.payload),
    })
    .execute();
}

/** Ids of referrals whose next attempt is due, oldest first. */
export async function dueReferralIds(db: Executor, now: Date, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('referrals').select('id').where('status', '=', 'pending').where('next_attempt_at', '<=', now).orderBy('next_attempt_at').limit(limit).execute();
  return rows.map((r) => r.id);
}

/**
 * Takes a due referral for one attempt: moves its next attempt past the lease, so another process
 * (or a run after a crash) leaves it alone while this one sends. Undefined when someone else took it.
 */
export async function claimReferral(db: Executor, id: string, now: Date, leaseUntil: Date) {
  return db
    .updateTable('referrals')
    .set({ next_attempt_at: leaseUntil })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .returning(REFERRAL_COLUMNS)
    .executeTakeFirst();
}

export async function recordDeliveryAttempt(
  db: Executor,
  id: string,
  r: { at: Date; httpStatus: number | null; status: 'pending' | 'delivered' | 'failed'; nextAttemptAt: Date | null },
): Promise<void> {
  await db
    .updateTable('referrals')
    .set({
      attempts: sql<number>`attempts + 1`,
      last_attempt_at: r.at,
      last_http_status: r.httpStatus,
      status: r.status,
      next_attempt_at: r.nextAttemptAt,
      ...(r.status === 'delivered' ? { delivered_at: r.at } : {}),
    })
    .where('id', '=', id)
    .execute();
}
