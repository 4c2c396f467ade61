import { ROLES_BY_ORGANISATION_KIND, type Role } from '../access/roles.ts';
import { claimString, claimValues } from './claims.ts';
import { eherkenningLevelOf, type EherkenningLevel } from './eherkenning-level.ts';

/** What an organisation's provider settings say about who may come in, and as what. */
export interface SsoPolicy {
  organisationKind: string;
  roleClaim: string;
  /** Claim value → platform role. */
  roleMap: Readonly<Record<string, string>>;
  /** Lower-case domains; empty: any. */
  allowedEmailDomains: readonly string[];
}

export type SsoRefusal =
  | 'no-email' // the provider did not say who this is in a way the platform can show and reach
  | 'email-not-verified'
  | 'email-domain' // an address outside the organisation's domains: the provider speaks for someone it should not
  | 'no-role' // none of the person's groups maps to a role the organisation may hand out
  | 'no-kvk'
  | 'unknown-kvk'
  | 'no-level';

export interface Admitted {
  email: string;
  displayName: string;
  roles: Role[];
}

function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

function displayNameOf(claims: Record<string, unknown>, fallback: string): string {
  const given = claimString(claims, 'given_name');
  const family = claimString(claims, 'family_name');
  return claimString(claims, 'name') ?? ([given, family].filter(Boolean).join(' ') || fallback);
}

/**
 * Who a municipal (or other organisation's) provider lets in: a verified address in one of the
 * organisation's domains, and the roles its groups map to — only roles this kind of organisation
 * may hold, so a mapping can never make a creditor's person a municipal worker. No mapped role, no
 * entry: just-in-time accounts exist only for people the organisation meant to let in.
 */
export function admitOrganisationUser(policy: SsoPolicy, claims: Record<string, unknown>): Admitted | { refused: SsoRefusal } {
  const email = claimString(claims, 'email')?.toLowerCase();
  if (!email || !email.includes('@')) return { refused: 'no-email' };
  if (claims.email_verified === false) return { refused: 'email-not-verified' };
  if (policy.allowedEmailDomains.length > 0 && !policy.allowedEmailDomains.includes(emailDomain(email))) return { refused: 'email-domain' };
  const possible = new Set<string>(ROLES_BY_ORGANISATION_KIND[policy.organisationKind] ?? []);
  const roles = [...new Set(claimValues(claims, policy.roleClaim).map((g) => policy.roleMap[g]).filter((r): r is Role => !!r && possible.has(r)))].sort();
  if (roles.length === 0) return { refused: 'no-role' };
  return { email, displayName: displayNameOf(claims, email), roles };
}

export interface EherkenningClaimNames {
  kvk: string;
  level: string;
}

export interface EherkenningPerson {
  kvk: string;
  level: EherkenningLevel;
  displayName: string;
  email: string | undefined;
}

/** A KvK number as eHerkenning sends it: eight digits, sometimes with the branch (vestiging) after it. */
export function kvkOf(value: string | undefined): string | undefined {
  const digits = value?.match(/\d{8}/)?.[0];
  return digits;
}

/** Reads the represented company and the level from a broker's claims. */
export function readEherkenning(names: EherkenningClaimNames, claims: Record<string, unknown>): EherkenningPerson | { refused: SsoRefusal } {
  const kvk = kvkOf(claimString(claims, names.kvk));
  if (!kvk) return { refused: 'no-kvk' };
  const level = eherkenningLevelOf(claims[names.level] ?? claims.acr);
  if (!level) return { refused: 'no-level' };
  const email = claimString(claims, 'email')?.toLowerCase();
  return { kvk, level, email, displayName: displayNameOf(claims, `eHerkenning ${kvk}`) };
}
