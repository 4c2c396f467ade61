import { PERMISSIONS } from '../../domain/access/roles.ts';
import type { Actor } from '../../domain/access/actor.ts';
import type { CallContext } from '../context.ts';
import { randomBytes } from 'node:crypto';

/** The actor for work the platform does itself (seeding, scheduled jobs), acting within one organisation. */
export function systemContext(organisationId: string, label = 'systeem', type: 'system' | 'job' = 'system'): CallContext {
  const actor: Actor = {
    type,
    id: label,
    organisationId,
    organisationKind: 'platform',
    permissions: new Set(PERMISSIONS),
    label,
  };
  return { actor, traceId: randomBytes(16).toString('hex'), spanId: randomBytes(8).toString('hex') };
}
