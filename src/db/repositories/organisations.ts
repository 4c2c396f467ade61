import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DB, OrganisationsTable } from '../schema.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export async function upsertOrganisation(db: Executor, org: Insertable<OrganisationsTable>): Promise<void> {
  await db
    .insertInto('organisations')
    .values(org)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        name: org.name,
        kind: org.kind,
        register_id: org.register_id ?? null,
        municipality_code: org.municipality_code ?? null,
        creditor_kinds: org.creditor_kinds ?? [],
      }),
    )
    .execute();
}

export async function getOrganisation(db: Executor, id: string) {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Creditors and processors added here rather than in the register (rules/registers), which can send. */
export async function listUnregisteredSenders(db: Executor) {
  return db
    .selectFrom('organisations')
    .select(['id', 'name', 'creditor_kinds'])
    .where('register_id', 'is', null)
    .where('kind', 'in', ['creditor', 'processor'])
    .execute();
}

export async function organisationNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The KvK number eHerkenning names this organisation by (creditors). */
export async function setKvkNumber(db: Executor, organisationId: string, kvk: string | null): Promise<void> {
  await db.updateTable('organisations').set({ kvk_number: kvk }).where('id', '=', organisationId).execute();
}
