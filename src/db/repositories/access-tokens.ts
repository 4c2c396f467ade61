import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../schema.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export async function insertAccessToken(db: Executor, t: { tokenHash: string; apiKeyId: string; organisationId: string; scopes: string[]; expiresAt: Date }): Promise<void> {
  await db.insertInto('access_tokens').values({ token_hash: t.tokenHash, api_key_id: t.apiKeyId, organisation_id: t.organisationId, scopes: t.scopes, expires_at: t.expiresAt }).execute();
}

/** A token with its client key, which must itself still be valid. */
export async function findAccessToken(db: Executor, tokenHash: string) {
  return db
    .selectFrom('access_tokens')
    .innerJoin('api_keys', 'api_keys.id', 'access_tokens.api_key_id')
    .innerJoin('organisations', 'organisations.id', 'access_tokens.organisation_id')
    .select([
      'access_tokens.api_key_id',
      'access_tokens.organisation_id',
      'access_tokens.scopes',
      'access_tokens.expires_at',
      'api_keys.name',
      'api_keys.revoked_at',
      'api_keys.expires_at as key_expires_at',
      'organisations.kind as organisation_kind',
    ])
    .where('access_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Expired tokens are useless; dropping them keeps the table small. */
export async function deleteExpiredAccessTokens(db: Executor, now: Date): Promise<void> {
  await db.deleteFrom('access_tokens').where('expires_at', '<', now).execute();
}
