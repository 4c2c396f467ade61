import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../schema.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/** The key to rotate, locked so two rotations of one key cannot both win. */
export async function lockRotatableKey(db: Executor, organisationId: string, id: string) {
  return db
    .selectFrom('api_keys')
    .select(['id', 'name', 'scopes', 'expires_at', 'revoked_at', 'replaced_by'])
    .where('id', '=', id)
    .where('organisation_id', '=', organisationId)
    .forUpdate()
    .executeTakeFirst();
}

/** Marks the old key as replaced and lets it run out at `until` (never later than it already would). */
export async function retireApiKey(db: Executor, id: string, replacedBy: string, until: Date): Promise<void> {
  await db
    .updateTable('api_keys')
    .set((eb) => ({
      replaced_by: replacedBy,
      expires_at: eb.fn('least', [eb.fn.coalesce('expires_at', eb.val(until)), eb.val(until)]),
    }))
    .where('id', '=', id)
    .execute();
}
