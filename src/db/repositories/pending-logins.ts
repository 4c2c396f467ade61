import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../schema.ts';

type Executor = Kysely<DB> | Transaction<DB>;

// Looked up by the hash of their token, like sessions; nothing that authorises a request reads this table.

export async function insertPendingLogin(
  db: Executor,
  p: { tokenHash: string; userId: string; step: 'code' | 'enrol'; accountHash: string; csrfToken: string; userAgent: string | null; now: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('pending_logins')
    .values({ token_hash: p.tokenHash, user_id: p.userId, step: p.step, account_hash: p.accountHash, csrf_token: p.csrfToken, user_agent: p.userAgent, created_at: p.now, expires_at: p.expiresAt })
    .execute();
  await db.deleteFrom('pending_logins').where('expires_at', '<', p.now).execute();
}

/** The pending login with its user, when it has not expired and the user is not disabled. */
export async function findPendingLogin(db: Executor, tokenHash: string, now: Date) {
  return db
    .selectFrom('pending_logins')
    .innerJoin('users', 'users.id', 'pending_logins.user_id')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select([
      'pending_logins.step',
      'pending_logins.account_hash',
      'pending_logins.csrf_token',
      'pending_logins.user_agent',
      'users.id as user_id',
      'users.email',
      'users.display_name',
      'users.roles',
      'users.locale',
      'users.organisation_id',
      'organisations.name as organisation_name',
    ])
    .where('pending_logins.token_hash', '=', tokenHash)
    .where('pending_logins.expires_at', '>', now)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function deletePendingLogin(db: Executor, tokenHash: string): Promise<void> {
  await db.deleteFrom('pending_logins').where('token_hash', '=', tokenHash).execute();
}

export async function deletePendingLoginsOfUser(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('pending_logins').where('user_id', '=', userId).execute();
}
