import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../schema.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export async function insertApiKey(
  db: Executor,
  k: { organisationId: string; name: string; prefix: string; secretHash: string; scopes: string[]; createdBy: string | null; expiresAt?: Date | null },
): Promise<string> {
  const row = await db
    .insertInto('api_keys')
    .values({
      organisation_id: k.organisationId,
      name: k.name,
      key_prefix: k.prefix,
      secret_hash: k.secretHash,
      scopes: k.scopes,
      created_by: k.createdBy,
      expires_at: k.expiresAt ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findApiKeyByPrefix(db: Executor, prefix: string) {
  return db
    .selectFrom('api_keys')
    .innerJoin('organisations', 'organisations.id', 'api_keys.organisation_id')
    .select([
      'api_keys.id',
      'api_keys.organisation_id',
      'api_keys.name',
      'api_keys.secret_hash',
      'api_keys.scopes',
      'api_keys.revoked_at',
      'api_keys.expires_at',
      'api_keys.last_used_at',
      'organisations.kind as organisation_kind',
      'organisations.name as organisation_name',
    ])
    .where('api_keys.key_prefix', '=', prefix)
    .executeTakeFirst();
}

export async function listApiKeys(db: Executor, organisationId: string) {
  return db
    .selectFrom('api_keys')
    .select(['id', 'name', 'key_prefix', 'scopes', 'created_at', 'expires_at', 'revoked_at', 'last_used_at'])
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function revokeApiKey(db: Executor, organisationId: string, id: string): Promise<boolean> {
  const res = await db
    .updateTable('api_keys')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('organisation_id', '=', organisationId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function touchApiKey(db: Executor, id: string): Promise<void> {
  await db.updateTable('api_keys').set({ last_used_at: new Date() }).where('id', '=', id).execute();
}
