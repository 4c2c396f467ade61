import type { Role } from '../../domain/access/roles.ts';

/**
 * Demo users per organisation, created on first start. Organisation ids are register ids
 * (rules/registers) so that the rules recognise them as senders.
 */
export interface DemoUser {
  organisationId: string;
  email: string;
  displayName: string;
  roles: Role[];
}

export const DEMO_PASSWORD = 'vroegsignaal-demo';

/** Organisations the platform needs that are not senders in the registers. */
export const PLATFORM_ORGANISATIONS = [
  { id: 'szw', name: 'Ministerie van Sociale Zaken en Werkgelegenheid', kind: 'ministry' as const },
  { id: 'platform-beheer', name: 'Beheer vroegsignaal-platform', kind: 'operator' as const },
];

/** Municipalities that get demo users (their CBS codes); all register municipalities become organisations. */
export const DEMO_USERS: DemoUser[] = [
  { organisationId: 'GM0363', email: 'medewerker@amsterdam.demo', displayName: 'Sanne de Wit (Amsterdam)', roles: ['municipal_worker'] },
  { organisationId: 'GM0363', email: 'coordinator@amsterdam.demo', displayName: 'Mohamed El Amrani (Amsterdam)', roles: ['municipal_coordinator'] },
  { organisationId: 'GM0363', email: 'beheer@amsterdam.demo', displayName: 'Beheer Amsterdam', roles: ['municipal_admin'] },
  { organisationId: 'GM0363', email: 'privacy@amsterdam.demo', displayName: 'Privacyfunctionaris Amsterdam', roles: ['municipal_privacy_officer'] },
  { organisationId: 'GM0599', email: 'medewerker@rotterdam.demo', displayName: 'Kees Bakker (Rotterdam)', roles: ['municipal_worker'] },
  { organisationId: 'szw', email: 'evaluator@szw.demo', displayName: 'Evaluator SZW', roles: ['ministry_evaluator'] },
  { organisationId: 'szw', email: 'beheer@szw.demo', displayName: 'Experimentbeheer SZW', roles: ['ministry_admin'] },
  { organisationId: 'platform-beheer', email: 'beheer@platform.demo', displayName: 'Platformbeheer', roles: ['operator_admin'] },
];

/** Creditors (register ids) that get a demo user and an API key. Filtered to those present in the registers. */
export const DEMO_SENDERS = [
  'belastingen-amsterdam',
  'aegon',
  'rabobank',
  'bsgw',
  'cak',
  'duo',
  'belastingdienst',
  'dienst-toeslagen',
  'demo-woningcorporatie',
  'demo-energieleverancier',
  'demo-zorgverzekeraar',
  'demo-drinkwaterbedrijf',
  'demo-verwerker',
];
