import { permissionsOf, type Permission } from '../access/roles.ts';
import { eherkenningLevelOf, LEVEL_TO_DELIVER, meetsLevel } from './eherkenning-level.ts';

/** What delivering signals takes: the rights a session below LEVEL_TO_DELIVER does not get. */
const DELIVERING: readonly Permission[] = ['signals:submit', 'batches:manage'];

/**
 * A session's rights: its user's roles, less delivering when it was opened with eHerkenning below
 * EH3. The person keeps the account and may read feedback; to deliver they log in again at EH3.
 */
export function sessionPermissions(roles: readonly string[], assuranceLevel: string | null): Set<Permission> {
  const permissions = permissionsOf(roles);
  if (assuranceLevel !== null && !meetsLevel(eherkenningLevelOf(assuranceLevel), LEVEL_TO_DELIVER)) for (const p of DELIVERING) permissions.delete(p);
  return permissions;
}

/** Whether a refusal of this permission is for the session's eHerkenning level, not the person's roles. */
export function refusedForLevel(roles: readonly string[], assuranceLevel: string | null, permission: Permission): boolean {
  return assuranceLevel !== null && DELIVERING.includes(permission) && permissionsOf(roles).has(permission) && !sessionPermissions(roles, assuranceLevel).has(permission);
}
