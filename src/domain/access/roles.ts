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
  'subjects:access', // answer a resident's right-of-access request (art. 15 AVG) for the own municipality
  'objections:register', // register a resident's objection (art. 21 AVG) and rectify a signal, for the own municipality
  'platform:operate',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = {
  sender: ['signals:submit', 'signals:read-own', 'batches:manage'],
  sender_admin: ['signals:submit', 'signals:read-own', 'batches:manage', 'users:manage', 'experiments:read'],
  // A worker on the phone with a resident who objects registers it there and then.
  municipal_worker: ['cases:read', 'cases:work', 'objections:register', 'experiments:read'],
  municipal_coordinator: ['cases:read', 'cases:work', 'objections:register', 'municipality:configure', 'experiments:read', 'experiments:manage', 'evaluation:read', 'ddas:export'],
  municipal_admin: ['cases:read', 'municipality:configure', 'users:manage', 'experiments:read', 'evaluation:read', 'ddas:export', 'audit:read'],
  // Access requests gather everything the municipality holds about one person, across every case
  // and sender: a task for the privacy officer (the FG's or AVG desk), not for every worker. The
  // officer also handles objections and reads the audit trail of the municipality's processing.
  municipal_privacy_officer: ['subjects:access', 'objections:register', 'audit:read'],
  // An internal or external auditor: reads the audit trail, and nothing else.
  municipal_auditor: ['audit:read'],
  ministry_evaluator: ['experiments:read', 'evaluation:read'],
  ministry_admin: ['experiments:read', 'experiments:manage', 'evaluation:read', 'users:manage'],
  operator_admin: ['platform:operate', 'users:manage', 'audit:read'],
  // The platform as CBS's data supplier: DDAS deliveries of every municipality. Not part of the
  // admin role: pulling every municipality's data is a right someone is given on purpose.
  operator_data_supplier: ['ddas:export'],
  operator_auditor: ['audit:read'],
} as const satisfies Record<string, readonly Permission[]>;
export type Role = keyof typeof ROLES;

/** Which roles an organisation of a given kind may hand out. */
export const ROLES_BY_ORGANISATION_KIND: Record<string, readonly Role[]> = {
  creditor: ['sender', 'sender_admin'],
  processor: ['sender', 'sender_admin'],
  municipality: ['municipal_worker', 'municipal_coordinator', 'municipal_admin', 'municipal_privacy_officer', 'municipal_auditor'],
  ministry: ['ministry_evaluator', 'ministry_admin'],
  operator: ['operator_admin', 'operator_data_supplier', 'operator_auditor'],
};

/** API keys carry scopes, a subset of permissions meant for machine clients. */
export const API_KEY_SCOPES = ['signals:submit', 'signals:read-own', 'batches:manage', 'ddas:export'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/**
 * Scopes a key may carry that its creator does not hold (empty: the key is within its creator's
 * rights). A key acts for its creator's organisation, so it never reaches further than the person
 * who made it: an admin cannot hand a machine a right they were not given.
 */
export function scopesBeyond(creator: ReadonlySet<Permission>, scopes: readonly string[]): string[] {
  return scopes.filter((s) => !creator.has(s as Permission));
}

/** Every permission some role of this kind of organisation holds: all a key of that organisation can ever use. */
function permissionsForKind(kind: string): Set<Permission> {
  return permissionsOf(ROLES_BY_ORGANISATION_KIND[kind] ?? []);
}

/**
 * What a key may do: its scopes, as far as its organisation's kind can hold them at all. Keys made
 * before creation was checked (a municipality's key to submit signals, a creditor's DDAS key) are
 * so held to their organisation whatever they say.
 */
export function keyPermissions(scopes: readonly string[], organisationKind: string): Set<Permission> {
  const possible = permissionsForKind(organisationKind);
  return new Set(scopes.filter((s): s is Permission => possible.has(s as Permission)));
}

function isRole(value: string): value is Role {
  return Object.hasOwn(ROLES, value);
}

export function permissionsOf(roles: readonly string[]): Set<Permission> {
  const out = new Set<Permission>();
  for (const r of roles) if (isRole(r)) for (const p of ROLES[r]) out.add(p);
  return out;
}
