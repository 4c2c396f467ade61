import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import { USER_WITH_ORGANISATION } from './users.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/** A session opened through an identity provider: which one, its ID token (sealed) for logging out there, eHerkenning's level. */
export interface SessionIdentity {
  issuer: string;
  idTokenSealed: string;
  assuranceLevel?: string | undefined;
}

/** How a session was opened through an identity provider, for logging out there too. */
export async function findSessionIdentity(db: Executor, tokenHash: string) {
  return db.selectFrom('sessions').select(['identity_issuer', 'id_token_sealed']).where('token_hash', '=', tokenHash).executeTakeFirst();
}

// Sessions are looked up by the hash of their token: the database never holds a token that works.

export async function insertSession(
  db: Executor,
  s: { tokenHash: string; userId: string; csrfToken: string; expiresAt: Date; via: string; userAgent: string | null; now: Date; identity?: SessionIdentity | undefined },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ token_hash: s.tokenHash, user_id: s.userId, csrf_token: s.csrfToken, expires_at: s.expiresAt, via: s.via, user_agent: s.userAgent, last_seen_at: s.now,
      ...(s.identity ? { identity_issuer: s.identity.issuer, id_token_sealed: s.identity.idTokenSealed, assurance_level: s.identity.assuranceLevel ?? null } : {}),
    })
    .execute();
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
      'sessions.id as session_id',
      'sessions.csrf_token',
      'sessions.expires_at',
      'sessions.last_seen_at',
      'sessions.assurance_level',
      'users.id as user_id',
      ...USER_WITH_ORGANISATION,
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Records that the session was used; the caller does so at most once a minute. */
export async function touchSession(db: Executor, tokenHash: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
}

/** A user's sessions that have not expired, the most recently used first. */
export async function listSessionsOfUser(db: Executor, userId: string, now: Date) {
  return db
    .selectFrom('sessions')
    .select(['id', 'via', 'user_agent', 'created_at', 'last_seen_at', 'expires_at'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

/** Ends one session of a user by its id; false when the user has no such session. */
export async function deleteSessionOfUser(db: Executor, userId: string, sessionId: string): Promise<boolean> {
  const r = await db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '=', sessionId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
