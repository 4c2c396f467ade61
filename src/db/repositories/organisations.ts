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

export async function listOrganisations(db: Executor) {
  return db.selectFrom('organisations').selectAll().orderBy('name').execute();
}
