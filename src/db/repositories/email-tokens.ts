import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import type { EmailTokenPurpose, StoredEmailToken } from '../../domain/access/email-tokens.ts';

type Executor = Kysely<DB> | Transaction<DB>;

// Links are looked up by the hash of their token: the table never holds a link that works.

export async function insertEmailToken(db: Executor, t: { tokenHash: string; purpose: EmailTokenPurpose; userId: string; expiresAt: Date; createdAt: Date }): Promise<void> {
  await db.insertInto('email_tokens').values({ token_hash: t.tokenHash, purpose: t.purpose, user_id: t.userId, expires_at: t.expiresAt, created_at: t.createdAt }).execute();
}

/** The link with its row locked for the caller's transaction, so two uses at the same moment cannot both pass. */
export async function lockEmailToken(trx: Transaction<DB>, tokenHash: string): Promise<(StoredEmailToken & { userId: string }) | undefined> {
  const r = await trx.selectFrom('email_tokens').select(['purpose', 'user_id', 'expires_at', 'used_at']).where('token_hash', '=', tokenHash).forUpdate().executeTakeFirst();
  return r && { purpose: r.purpose, userId: r.user_id, expiresAt: new Date(r.expires_at), usedAt: r.used_at ? new Date(r.used_at) : null };
}

export async function findEmailToken(db: Executor, tokenHash: string): Promise<(StoredEmailToken & { userId: string }) | undefined> {
  const r = await db.selectFrom('email_tokens').select(['purpose', 'user_id', 'expires_at', 'used_at']).where('token_hash', '=', tokenHash).executeTakeFirst();
  return r && { purpose: r.purpose, userId: r.user_id, expiresAt: new Date(r.expires_at), usedAt: r.used_at ? new Date(r.used_at) : null };
}

export async function markEmailTokenUsed(db: Executor, tokenHash: string, at: Date): Promise<void> {
  await db.updateTable('email_tokens').set({ used_at: at }).where('token_hash', '=', tokenHash).execute();
}

/** Ends the user's links of this purpose that were not used yet (a new one replaces them; a password set ends them all). */
export async function retireEmailTokens(db: Executor, userId: string, purposes: readonly EmailTokenPurpose[], at: Date): Promise<void> {
  if (purposes.length === 0) return;
  await db.updateTable('email_tokens').set({ used_at: at }).where('user_id', '=', userId).where('purpose', 'in', purposes).where('used_at', 'is', null).execute();
}

/** Locks the user's row for the caller's transaction: links issued to one user at the same moment wait for one another. */
export async function lockUserForLinks(trx: Transaction<DB>, userId: string): Promise<void> {
  await trx.selectFrom('users').select('id').where('id', '=', userId).forUpdate().execute();
}

/** How many links of this purpose the user was sent since `since`. */
export async function countEmailTokensSince(db: Executor, userId: string, purpose: EmailTokenPurpose, since: Date): Promise<number> {
  const r = await db
    .selectFrom('email_tokens')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('created_at', '>=', since)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function deleteEmailTokensExpiredBefore(db: Executor, before: Date): Promise<void> {
  await db.deleteFrom('email_tokens').where('expires_at', '<', before).execute();
}

/**
 * The users of an organisation who were invited and have not chosen a password yet (their stored
 * hash is still `noPassword`), with the expiry of their newest invitation.
 */
export async function openInvitations(db: Executor, organisationId: string, noPassword: string): Promise<Map<string, Date>> {
  const rows = await db
    .selectFrom('email_tokens')
    .innerJoin('users', 'users.id', 'email_tokens.user_id')
    .select(['users.id', (eb) => eb.fn.max('email_tokens.expires_at').as('expires_at')])
    .where('users.organisation_id', '=', organisationId)
    .where('users.password_hash', '=', noPassword)
    .where('email_tokens.purpose', '=', 'invitation')
    .groupBy('users.id')
    .execute();
  return new Map(rows.map((r) => [r.id, new Date(r.expires_at as Date | string)]));
}
