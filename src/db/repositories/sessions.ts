import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import { USER_WITH_ORGANISATION } from './users.ts';

type Executor = Kysely<DB> | Transaction<DB>;

// Sessions are looked up by the hash of their token: the database never holds a token that works.

export async function insertSession(db: Executor, s: { tokenHash: string; userId: string; csrfToken: string; expiresAt: Date }): Promise<void> {
  await db.insertInto('sessions').values({ token_hash: s.tokenHash, user_id: s.userId, csrf_token: s.csrfToken, expires_at: s.expiresAt }).execute();
}

export async function deleteExpiredSessions(db: Executor, now: Date): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
}

export async function deleteSession(db: Executor, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteSessionsOfUser(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** The session with its user and organisation, whether or not it has expired or the user is disabled. */
export async function findSession(db: Executor, tokenHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select([
      'sessions.csrf_token',
      'sessions.expires_at',
      'users.id as user_id',
      ...USER_WITH_ORGANISATION,
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
}
