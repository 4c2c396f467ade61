import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { findIdentity, findOrganisationByKvk, linkIdentity, touchIdentity, updateUserFromProvider } from '../../db/repositories/identity-providers.ts';
import { findUserByEmail, insertUser } from '../../db/repositories/users.ts';
import { admitOrganisationUser, readEherkenning, type SsoRefusal } from '../../domain/identity/admit.ts';
import type { EherkenningLevel } from '../../domain/identity/eherkenning-level.ts';
import { NO_PASSWORD } from '../auth/passwords.ts';
import type { ResolvedProvider } from './sso-provider.ts';

export type AdmissionRefusal = SsoRefusal | 'other-organisation' | 'disabled' | 'unknown-kvk';

export interface AdmittedUser {
  userId: string;
  organisationId: string;
  created: boolean;
  level?: EherkenningLevel;
}

/**
 * The platform's user for a person a provider vouched for, found by issuer and subject, else by
 * address within the provider's own organisation, else created (just in time). Never a user of
 * another organisation: an address that belongs to one refuses the login instead of moving it.
 */
async function admitInto(
  trx: Transaction<DB>,
  now: Date,
  p: { issuer: string; subject: string; organisationId: string; email: string; displayName: string; roles: string[]; rolesFromProvider: boolean },
): Promise<AdmittedUser | { refused: AdmissionRefusal }> {
  const known = await findIdentity(trx, p.issuer, p.subject);
  if (known) {
    if (known.organisation_id !== p.organisationId) return { refused: 'other-organisation' };
    if (known.disabled_at) return { refused: 'disabled' };
    if (p.rolesFromProvider) await updateUserFromProvider(trx, known.id, { displayName: p.displayName, roles: p.roles });
    await touchIdentity(trx, p.issuer, p.subject, now);
    return { userId: known.id, organisationId: p.organisationId, created: false };
  }
  const byEmail = await findUserByEmail(trx, p.email);
  if (byEmail && byEmail.organisation_id !== p.organisationId) return { refused: 'other-organisation' };
  if (byEmail?.disabled_at) return { refused: 'disabled' };
  const userId = byEmail?.id ?? (await insertUser(trx, { organisationId: p.organisationId, email: p.email, displayName: p.displayName, passwordHash: NO_PASSWORD, roles: p.roles }));
  if (byEmail && p.rolesFromProvider) await updateUserFromProvider(trx, userId, { displayName: p.displayName, roles: p.roles });
  await linkIdentity(trx, p.issuer, p.subject, userId);
  return { userId, organisationId: p.organisationId, created: !byEmail };
}

/**
 * eHerkenning usually gives no e-mail address; the account then gets one that can never receive
 * mail (RFC 2606 .invalid), derived from the pseudonym so it is stable and reveals nothing.
 */
const placeholderEmail = (issuer: string, subject: string) => `eh-${createHash('sha256').update(`${issuer} ${subject}`).digest('hex').slice(0, 20)}@eherkenning.invalid`;

/** Admits the person the provider's claims describe, per the provider's kind. */
export async function admitUser(
  trx: Transaction<DB>,
  now: Date,
  provider: ResolvedProvider,
  subject: string,
  claims: Record<string, unknown>,
): Promise<AdmittedUser | { refused: AdmissionRefusal }> {
  if (provider.kind === 'organisation') {
    const row = provider.row;
    const who = admitOrganisationUser(
      { organisationKind: row.organisation_kind, roleClaim: row.role_claim, roleMap: row.role_map, allowedEmailDomains: row.allowed_email_domains },
      claims,
    );
    if ('refused' in who) return who;
    return admitInto(trx, now, { issuer: row.issuer, subject, organisationId: row.organisation_id, ...who, rolesFromProvider: true });
  }
  const person = readEherkenning(provider.broker.claims, claims);
  if ('refused' in person) return person;
  const org = await findOrganisationByKvk(trx, person.kvk);
  if (!org || (org.kind !== 'creditor' && org.kind !== 'processor')) return { refused: 'unknown-kvk' };
  // One person may act for several companies, with one pseudonym: an account per company they act for.
  const companySubject = `${person.kvk}:${subject}`;
  const admitted = await admitInto(trx, now, {
    issuer: provider.settings.issuer,
    subject: companySubject,
    organisationId: org.id,
    email: person.email ?? placeholderEmail(provider.settings.issuer, companySubject),
    displayName: person.displayName,
    // An eHerkenning authorisation (machtiging) is for delivering to this service: a new account
    // gets the sender role; more (sender_admin) is the creditor's admin's to give, and stays.
    roles: ['sender'],
    rolesFromProvider: false,
  });
  return 'refused' in admitted ? admitted : { ...admitted, level: person.level };
}
