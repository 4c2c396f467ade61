import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../schema.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/** What a log-in and a session lookup both read of a user and its organisation (in a query joining the two). */
export const USER_WITH_ORGANISATION = [
  'users.display_name',
  'users.roles',
  'users.locale',
  'users.disabled_at',
  'users.organisation_id',
  'organisations.kind as organisation_kind',
  'organisations.name as organisation_name',
] as const;

export async function insertUser(
  db: Executor,
  u: { organisationId: string; email: string; displayName: string; passwordHash: string; roles: string[]; locale?: string },
): Promise<string> {
  const row = await db
    .insertInto('users')
    .values({
      organisation_id: u.organisationId,
      email: u.email.toLowerCase(),
      display_name: u.displayName,
      password_hash: u.passwordHash,
      roles: u.roles,
      ...(u.locale ? { locale: u.locale } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findUserByEmail(db: Executor, email: string) {
  return db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select([
      'users.id',
      'users.email',
      'users.password_hash',
      ...USER_WITH_ORGANISATION,
    ])
    .where('users.email', '=', email.toLowerCase())
    .executeTakeFirst();
}

/** A user with what a mail to them needs (name, language, organisation), whether or not disabled. */
export async function findUserById(db: Executor, id: string) {
  return db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.id', 'users.email', 'users.password_hash', ...USER_WITH_ORGANISATION])
    .where('users.id', '=', id)
    .executeTakeFirst();
}

/** A new password (its hash) for the user. */
export async function setPasswordHash(db: Executor, userId: string, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}

export async function listUsers(db: Executor, organisationId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'roles', 'locale', 'disabled_at', 'created_at'])
    .where('organisation_id', '=', organisationId)
    .orderBy('display_name')
    .execute();
}

/** New roles for a user of the organisation, and disabled or enabled; false when no such user there. */
export async function updateUserAccess(db: Executor, organisationId: string, userId: string, access: { roles: string[]; disabledAt: Date | null }): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({ roles: access.roles, disabled_at: access.disabledAt })
    .where('id', '=', userId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function countUsers(db: Executor): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}
