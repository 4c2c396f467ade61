/**
 * What each kind of identity provider in the demo says about a person: the accounts it knows, the
 * scopes it offers and the claims each scope releases. The claim names follow what real providers
 * send (README.md in this folder says where each name comes from), so that the platform's
 * relying-party code is written against the real thing and not against this simulator.
 */

export type IdentityProfile = 'municipal' | 'eherkenning' | 'digid';

interface AccountBase {
  /** What the person types in the login form. */
  username: string;
  password: string;
  /** Stable subject identifier at this provider (the `sub` claim). */
  sub: string;
}

/** A municipal employee in the municipality's own identity provider (Entra ID, ADFS, Keycloak). */
export interface MunicipalAccount extends AccountBase {
  email: string;
  givenName: string;
  familyName: string;
  /** Group names as the directory has them; the platform maps groups to roles. */
  groups: readonly string[];
}

/** eHerkenning levels of assurance as the eToegang trust framework names them. */
export const EHERKENNING_LEVELS = {
  EH2: 'urn:etoegang:core:assurance-class:loa2',
  'EH2+': 'urn:etoegang:core:assurance-class:loa2plus',
  EH3: 'urn:etoegang:core:assurance-class:loa3',
  EH4: 'urn:etoegang:core:assurance-class:loa4',
} as const;
export type EherkenningLevel = keyof typeof EHERKENNING_LEVELS;

/** A person acting for a company, logged in through an eHerkenning broker. */
export interface EherkenningAccount extends AccountBase {
  /** The acting person's name, as brokers release it with the profile scope. */
  name: string;
  /** KvK number (8 digits) of the company the person acts for. */
  kvkNumber: string;
  companyName: string;
  level: EherkenningLevel;
}

/** DigiD levels of assurance as SAML authentication context classes, the values DigiD itself uses. */
export const DIGID_LEVELS = {
  basis: 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport',
  midden: 'urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract',
  substantieel: 'urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard',
  hoog: 'urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI',
} as const;
export type DigidLevel = keyof typeof DIGID_LEVELS;

/** A resident logged in through a DigiD broker. */
export interface DigidAccount extends AccountBase {
  bsn: string;
  level: DigidLevel;
}

export interface AccountsByProfile {
  municipal: MunicipalAccount;
  eherkenning: EherkenningAccount;
  digid: DigidAccount;
}
export type AccountOf<P extends IdentityProfile> = AccountsByProfile[P];
export type AnyAccount = AccountsByProfile[IdentityProfile];

/** Claim names, one place for the provider, the tests and the platform's configuration. */
export const CLAIMS = {
  groups: 'groups',
  /** KvK number of the represented company (eHerkenning attribute EntityConcernedID, type KvKnr). */
  kvkNumber: 'urn:etoegang:1.9:EntityConcernedID:KvKnr',
  /** Name of the represented company. */
  companyName: 'urn:etoegang:1.11:attribute-represented:CompanyName',
  /** Level of assurance besides the standard `acr` claim, for brokers' relying parties that read a claim. */
  eherkenningLevel: 'urn:etoegang:core:LevelOfAssurance',
  bsn: 'bsn',
  /** DigiD level besides `acr`. */
  digidLevel: 'urn:nl-eid-gdi:1.0:LevelOfAssurance',
} as const;

/** Scopes and the claims they release, per profile (OpenID Connect Core 5.4 for the standard ones). */
export const SCOPE_CLAIMS: Record<IdentityProfile, Record<string, readonly string[]>> = {
  municipal: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name'],
    groups: [CLAIMS.groups],
  },
  // acr and amr come from the login itself; oidc-provider adds them to the ID token only when a
  // scope names them (or the request asks), and brokers always send the level.
  eherkenning: {
    openid: ['sub', 'acr', 'amr'],
    profile: ['name'],
    eherkenning: [CLAIMS.kvkNumber, CLAIMS.companyName, CLAIMS.eherkenningLevel],
  },
  digid: {
    openid: ['sub', 'acr', 'amr'],
    bsn: [CLAIMS.bsn, CLAIMS.digidLevel],
  },
};

/** Authentication context class (the `acr` claim) of a login with this account. */
export function acrOf(profile: IdentityProfile, account: AnyAccount): string | undefined {
  if (profile === 'eherkenning') return EHERKENNING_LEVELS[(account as EherkenningAccount).level];
  if (profile === 'digid') return DIGID_LEVELS[(account as DigidAccount).level];
  return undefined;
}

export const ACR_VALUES: Record<IdentityProfile, readonly string[]> = {
  municipal: [],
  eherkenning: Object.values(EHERKENNING_LEVELS),
  digid: Object.values(DIGID_LEVELS),
};

/** Every claim the account has; oidc-provider releases only those the granted scopes name. */
export function claimsOf(profile: IdentityProfile, account: AnyAccount): Record<string, unknown> {
  if (profile === 'municipal') {
    const a = account as MunicipalAccount;
    return {
      sub: a.sub,
      email: a.email,
      email_verified: true,
      name: `${a.givenName} ${a.familyName}`,
      given_name: a.givenName,
      family_name: a.familyName,
      [CLAIMS.groups]: [...a.groups],
    };
  }
  if (profile === 'eherkenning') {
    const a = account as EherkenningAccount;
    return {
      sub: a.sub,
      name: a.name,
      [CLAIMS.kvkNumber]: a.kvkNumber,
      [CLAIMS.companyName]: a.companyName,
      [CLAIMS.eherkenningLevel]: EHERKENNING_LEVELS[a.level],
    };
  }
  const a = account as DigidAccount;
  return { sub: a.sub, [CLAIMS.bsn]: a.bsn, [CLAIMS.digidLevel]: DIGID_LEVELS[a.level] };
}

/** The scope a relying party asks for to get everything this profile offers. */
export function fullScope(profile: IdentityProfile): string {
  return Object.keys(SCOPE_CLAIMS[profile]).join(' ');
}
