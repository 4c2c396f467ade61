/**
 * Roles and what each may do. One table, so the authorisation matrix test and the screens read
 * the same truth. Organisation boundaries are checked separately: a permission never crosses them.
 */
export const PERMISSIONS = [
  'signals:submit', // deliver signals (API, files)
  'signals:read-own', // read the signals the organisation sent and the feedback it may see
  'batches:manage',
  'cases:read', // municipal worklist and case pages
  'cases:work', // contact attempts, outcomes, notes, assignment
  'municipality:configure', // weighing framework, queues, targets, retention
  'users:manage', // users and API keys of the own organisation
  'experiments:read', // the ministry every experiment, a participant its own (src/app/experiments/access.ts)
  'experiments:manage', // change and move an experiment; which stage step is whose: domain/experiments/stages.ts
  'evaluation:read', // aggregates only
  'ddas:export',
  'audit:read',
  'platform:operate',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = {
  sender: ['signals:submit', 'signals:read-own', 'batches:manage'],
  sender_admin: ['signals:submit', 'signals:read-own', 'batches:manage', 'users:manage', 'experiments:read'],
  municipal_worker: ['cases:read', 'cases:work', 'experiments:read'],
  municipal_coordinator: ['cases:read', 'cases:work', 'municipality:configure', 'experiments:read', 'experiments:manage', 'evaluation:read', 'ddas:export'],
  municipal_admin: ['cases:read', 'municipality:configure', 'users:manage', 'experiments:read', 'evaluation:read', 'ddas:export', 'audit:read'],
  ministry_evaluator: ['experiments:read', 'evaluation:read'],
  ministry_admin: ['experiments:read', 'experiments:manage', 'evaluation:read', 'users:manage'],
  operator_admin: ['platform:operate', 'users:manage', 'audit:read'],
} as const satisfies Record<string, readonly Permission[]>;
export type Role = keyof typeof ROLES;

/** Which roles an organisation of a given kind may hand out. */
export const ROLES_BY_ORGANISATION_KIND: Record<string, readonly Role[]> = {
  creditor: ['sender', 'sender_admin'],
  processor: ['sender', 'sender_admin'],
  municipality: ['municipal_worker', 'municipal_coordinator', 'municipal_admin'],
  ministry: ['ministry_evaluator', 'ministry_admin'],
  operator: ['operator_admin'],
};

/** API keys carry scopes, a subset of permissions meant for machine clients. */
export const API_KEY_SCOPES = ['signals:submit', 'signals:read-own', 'batches:manage', 'ddas:export'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export function isRole(value: string): value is Role {
  return Object.hasOwn(ROLES, value);
}

export function permissionsOf(roles: readonly string[]): Set<Permission> {
  const out = new Set<Permission>();
  for (const r of roles) if (isRole(r)) for (const p of ROLES[r]) out.add(p);
  return out;
}
