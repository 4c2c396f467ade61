/**
 * The people the demo identity providers know, exported so that the platform's seed (organisation
 * bindings, group → role mappings, KvK numbers) and the tests use the same values. Everything here
 * is made up: the KvK numbers are not registered companies, the BSN is a test number.
 */
import type { DigidAccount, EherkenningAccount, MunicipalAccount } from './profiles.ts';

/** One password for every demo account of the demo identity providers. */
export const DEMO_IDP_PASSWORD = 'demo-idp-wachtwoord';

/** The municipality whose staff log in through the municipal demo provider (CBS code). */
export const DEMO_SSO_MUNICIPALITY = 'GM0363';

/** Directory groups of the municipal demo provider; the platform's SSO configuration maps them to roles. */
export const DEMO_MUNICIPAL_GROUPS = {
  worker: 'vroegsignalering-medewerkers',
  coordinator: 'vroegsignalering-coordinatoren',
  /** A group with no role in the platform: a member of only this group is refused. */
  unrelated: 'alle-medewerkers',
} as const;

export const DEMO_MUNICIPAL_ACCOUNTS: readonly MunicipalAccount[] = [
  {
    username: 'sso-medewerker@amsterdam.demo',
    password: DEMO_IDP_PASSWORD,
    sub: 'ams-3f6c1e0a-medewerker',
    email: 'sso-medewerker@amsterdam.demo',
    givenName: 'Noor',
    familyName: 'Visser',
    groups: [DEMO_MUNICIPAL_GROUPS.unrelated, DEMO_MUNICIPAL_GROUPS.worker],
  },
  {
    username: 'sso-coordinator@amsterdam.demo',
    password: DEMO_IDP_PASSWORD,
    sub: 'ams-8b2d4f71-coordinator',
    email: 'sso-coordinator@amsterdam.demo',
    givenName: 'Daan',
    familyName: 'Smit',
    groups: [DEMO_MUNICIPAL_GROUPS.unrelated, DEMO_MUNICIPAL_GROUPS.coordinator],
  },
  {
    username: 'sso-zonderrol@amsterdam.demo',
    password: DEMO_IDP_PASSWORD,
    sub: 'ams-c90a7d35-zonderrol',
    email: 'sso-zonderrol@amsterdam.demo',
    givenName: 'Eva',
    familyName: 'Mulder',
    groups: [DEMO_MUNICIPAL_GROUPS.unrelated],
  },
];

/**
 * KvK numbers for demo creditors (register ids). Fictional: eight digits in a range chosen to look
 * real; the platform's seed gives these organisations these numbers.
 */
export const DEMO_KVK_NUMBERS = {
  'demo-woningcorporatie': '90000011',
  'demo-energieleverancier': '90000012',
} as const;

/** A KvK number that belongs to no organisation on the platform. */
export const DEMO_UNKNOWN_KVK_NUMBER = '90000099';

export const DEMO_EHERKENNING_ACCOUNTS: readonly EherkenningAccount[] = [
  {
    username: 'eh3-woningcorporatie',
    password: DEMO_IDP_PASSWORD,
    sub: 'eh-pseudo-5a1f0c2e9d7b4e11',
    name: 'Ilse de Jong',
    kvkNumber: DEMO_KVK_NUMBERS['demo-woningcorporatie'],
    companyName: 'Demo Woningcorporatie',
    level: 'EH3',
  },
  {
    username: 'eh2-woningcorporatie',
    password: DEMO_IDP_PASSWORD,
    sub: 'eh-pseudo-7c3e8a9b1f2d4e22',
    name: 'Bram Jansen',
    kvkNumber: DEMO_KVK_NUMBERS['demo-woningcorporatie'],
    companyName: 'Demo Woningcorporatie',
    level: 'EH2',
  },
  {
    username: 'eh3-energieleverancier',
    password: DEMO_IDP_PASSWORD,
    sub: 'eh-pseudo-2b9d6f4a8c1e4e33',
    name: 'Lotte Bakker',
    kvkNumber: DEMO_KVK_NUMBERS['demo-energieleverancier'],
    companyName: 'Demo Energieleverancier',
    level: 'EH3',
  },
  {
    username: 'eh3-onbekend-bedrijf',
    password: DEMO_IDP_PASSWORD,
    sub: 'eh-pseudo-9e4a2c7d3b5f4e44',
    name: 'Tim Vos',
    kvkNumber: DEMO_UNKNOWN_KVK_NUMBER,
    companyName: 'Onbekend Bedrijf B.V.',
    level: 'EH3',
  },
];

export const DEMO_DIGID_ACCOUNTS: readonly DigidAccount[] = [
  {
    username: 'digid-inwoner',
    password: DEMO_IDP_PASSWORD,
    sub: 'digid-pseudo-1d8f3a6c',
    // A test BSN (passes the elfproef, from the 9999 range used for test persons).
    bsn: '999993653',
    level: 'midden',
  },
];

/** The platform as a client of the demo identity providers (first-party: no consent page). */
export const DEMO_IDP_CLIENT = {
  clientId: 'vroegsignaal-demo',
  clientSecret: 'demo-only-idp-client-secret',
  clientName: 'Vroegsignaal (demo)',
} as const;
