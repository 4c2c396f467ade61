import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../schema.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/** What a login needs to know of a user's second factor: enrolled or not, and whether the organisation demands one. */
export async function secondFactorOf(db: Executor, userId: string) {
  return db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.id', 'users.email', 'users.organisation_id', 'users.totp_enrolled_at', 'organisations.mfa_required'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
}

/** The user's sealed seed and last accepted step, the row locked so that two uses of one code cannot both pass. */
export async function lockTotp(trx: Transaction<DB>, userId: string) {
  return trx.selectFrom('users').select(['totp_seed_sealed', 'totp_last_step', 'totp_enrolled_at']).where('id', '=', userId).forUpdate().executeTakeFirst();
}

export async function advanceTotpStep(db: Executor, userId: string, step: number): Promise<void> {
  await db.updateTable('users').set({ totp_last_step: step }).where('id', '=', userId).execute();
}

/** Stores a confirmed seed (its confirming code's step already used) and the user's new recovery codes. */
export async function enrolTotp(db: Executor, userId: string, e: { seedSealed: string; step: number; now: Date; recoveryCodeHashes: readonly string[] }): Promise<void> {
  await db.updateTable('users').set({ totp_seed_sealed: e.seedSealed, totp_last_step: e.step, totp_enrolled_at: e.now }).where('id', '=', userId).execute();
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  if (e.recoveryCodeHashes.length) await db.insertInto('recovery_codes').values(e.recoveryCodeHashes.map((h) => ({ user_id: userId, code_hash: h }))).execute();
}

/** A new set of recovery codes in place of the old ones, used or not. */
export async function replaceRecoveryCodes(db: Executor, userId: string, codeHashes: readonly string[]): Promise<void> {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  if (codeHashes.length) await db.insertInto('recovery_codes').values(codeHashes.map((h) => ({ user_id: userId, code_hash: h }))).execute();
}

export async function removeTotp(db: Executor, userId: string): Promise<void> {
  await db.updateTable('users').set({ totp_seed_sealed: null, totp_last_step: null, totp_enrolled_at: null }).where('id', '=', userId).execute();
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
}

/** Uses up an unused recovery code; false when the user has no such code or it was used. */
export async function useRecoveryCode(db: Executor, userId: string, codeHash: string, now: Date): Promise<boolean> {
  const r = await db.updateTable('recovery_codes').set({ used_at: now }).where('user_id', '=', userId).where('code_hash', '=', codeHash).where('used_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function unusedRecoveryCodes(db: Executor, userId: string): Promise<number> {
  const r = await db.selectFrom('recovery_codes').select((eb) => eb.fn.countAll<string>().as('n')).where('user_id', '=', userId).where('used_at', 'is', null).executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function mfaRequired(db: Executor, organisationId: string): Promise<boolean | undefined> {
  const r = await db.selectFrom('organisations').select('mfa_required').where('id', '=', organisationId).executeTakeFirst();
  return r?.mfa_required;
}

export async function setMfaRequired(db: Executor, organisationId: string, required: boolean): Promise<void> {
  await db.updateTable('organisations').set({ mfa_required: required }).where('id', '=', organisationId).execute();
}

/** The organisation's active users, and how many of them have a second factor. */
export async function secondFactorCounts(db: Executor, organisationId: string): Promise<{ active: number; enrolled: number }> {
  const r = await db
    .selectFrom('users')
    .select((eb) => [eb.fn.countAll<string>().as('active'), eb.fn.count<string>('totp_enrolled_at').as('enrolled')])
    .where('organisation_id', '=', organisationId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return { active: Number(r?.active ?? 0), enrolled: Number(r?.enrolled ?? 0) };
}

/** The organisation's active users with their second factor, by name. */
export async function usersWithSecondFactor(db: Executor, organisationId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'display_name', 'totp_enrolled_at'])
    .where('organisation_id', '=', organisationId)
    .where('disabled_at', 'is', null)
    .orderBy('display_name')
    .execute();
}

/** The user of the organisation, if it is; for an admin acting on their own organisation's users only. */
export async function userOfOrganisation(db: Executor, organisationId: string, userId: string) {
  return db.selectFrom('users').select(['id', 'totp_enrolled_at']).where('id', '=', userId).where('organisation_id', '=', organisationId).executeTakeFirst();
}
