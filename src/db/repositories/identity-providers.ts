import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../schema.ts';

type Executor = Kysely<DB> | Transaction<DB>;

const PROVIDER_COLUMNS = [
  'identity_providers.id',
  'identity_providers.organisation_id',
  'identity_providers.display_name',
  'identity_providers.issuer',
  'identity_providers.client_id',
  'identity_providers.client_auth',
  'identity_providers.client_credential_sealed',
  'identity_providers.scopes',
  'identity_providers.role_claim',
  'identity_providers.role_map',
  'identity_providers.allowed_email_domains',
  'identity_providers.enabled',
  'identity_providers.updated_at',
  'organisations.kind as organisation_kind',
  'organisations.name as organisation_name',
] as const;

const providers = (db: Executor) =>
  db.selectFrom('identity_providers').innerJoin('organisations', 'organisations.id', 'identity_providers.organisation_id').select(PROVIDER_COLUMNS);

export async function findProviderOfOrganisation(db: Executor, organisationId: string) {
  return providers(db).where('identity_providers.organisation_id', '=', organisationId).executeTakeFirst();
}

export async function findProvider(db: Executor, id: string) {
  return providers(db).where('identity_providers.id', '=', id).executeTakeFirst();
}

export type IdentityProviderRow = NonNullable<Awaited<ReturnType<typeof findProvider>>>;

/** The switched-on providers, for the login page's choice of organisation. */
export async function listEnabledProviders(db: Executor) {
  return db
    .selectFrom('identity_providers')
    .innerJoin('organisations', 'organisations.id', 'identity_providers.organisation_id')
    .select(['identity_providers.id', 'identity_providers.display_name', 'organisations.name as organisation_name'])
    .where('identity_providers.enabled', '=', true)
    .orderBy('organisations.name')
    .execute();
}

/** The provider row of an issuer, if any, and its organisation: one issuer speaks for one organisation only. */
export async function providerOfIssuer(db: Executor, issuer: string) {
  return db.selectFrom('identity_providers').select(['id', 'organisation_id']).where('issuer', '=', issuer).executeTakeFirst();
}

export interface ProviderValues {
  displayName: string;
  issuer: string;
  clientId: string;
  clientAuth: 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt';
  clientCredentialSealed: string;
  scopes: string;
  roleClaim: string;
  roleMap: Record<string, string>;
  allowedEmailDomains: string[];
  enabled: boolean;
}

export async function upsertProvider(db: Executor, organisationId: string, v: ProviderValues, by: string | null): Promise<string> {
  const values = {
    display_name: v.displayName,
    issuer: v.issuer,
    client_id: v.clientId,
    client_auth: v.clientAuth,
    client_credential_sealed: v.clientCredentialSealed,
    scopes: v.scopes,
    role_claim: v.roleClaim,
    role_map: JSON.stringify(v.roleMap),
    allowed_email_domains: v.allowedEmailDomains,
    enabled: v.enabled,
    updated_by: by,
  };
  const row = await db
    .insertInto('identity_providers')
    .values({ organisation_id: organisationId, ...values })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ ...values, updated_at: new Date() }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteProvider(db: Executor, organisationId: string): Promise<boolean> {
  const r = await db.deleteFrom('identity_providers').where('organisation_id', '=', organisationId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

// ---- identities ----

export async function findIdentity(db: Executor, issuer: string, subject: string) {
  return db
    .selectFrom('user_identities')
    .innerJoin('users', 'users.id', 'user_identities.user_id')
    .select(['users.id', 'users.organisation_id', 'users.disabled_at', 'users.email'])
    .where('user_identities.issuer', '=', issuer)
    .where('user_identities.subject', '=', subject)
    .executeTakeFirst();
}

export async function linkIdentity(db: Executor, issuer: string, subject: string, userId: string): Promise<void> {
  await db.insertInto('user_identities').values({ issuer, subject, user_id: userId }).execute();
}

export async function touchIdentity(db: Executor, issuer: string, subject: string, at: Date): Promise<void> {
  await db.updateTable('user_identities').set({ last_login_at: at }).where('issuer', '=', issuer).where('subject', '=', subject).execute();
}

/** The provider tells who the person is and what they may do: name and roles follow it at every login. */
export async function updateUserFromProvider(db: Executor, userId: string, u: { displayName: string; roles: string[] }): Promise<void> {
  await db.updateTable('users').set({ display_name: u.displayName, roles: u.roles }).where('id', '=', userId).execute();
}

export async function findOrganisationByKvk(db: Executor, kvk: string) {
  return db.selectFrom('organisations').select(['id', 'kind', 'name']).where('kvk_number', '=', kvk).executeTakeFirst();
}
