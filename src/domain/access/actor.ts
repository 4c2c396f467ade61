import type { Permission } from './roles.ts';

/** Who is acting: resolved by the HTTP/CLI adapter, passed to every use case. */
export interface Actor {
  type: 'user' | 'api_key' | 'job' | 'system';
  id: string;
  organisationId: string;
  organisationKind: 'creditor' | 'processor' | 'municipality' | 'ministry' | 'operator' | 'platform';
  permissions: ReadonlySet<Permission>;
  /** For display in timelines; never personal data of residents. */
  label: string;
}

export class AccessDenied extends Error {
  constructor(public readonly permission: string) {
    super(`missing permission ${permission}`);
  }
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!actor.permissions.has(permission)) throw new AccessDenied(permission);
}
