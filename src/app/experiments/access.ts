import { requirePermission, type Actor } from '../../domain/access/actor.ts';
import type { ParticipantRow } from '../../db/repositories/experiments.ts';
import { ExperimentNotFound } from './errors.ts';

export type Standing = 'ministry' | 'participant' | 'other';

/**
 * The ministry (and the platform itself, for seeding) sees and may steer every experiment; a
 * municipality, creditor or processor only the experiments it takes part in. Whether a stage
 * change is the ministry's or the participants' is the domain's call (stages.ts).
 */
export function standingOf(actor: Actor, participants: readonly ParticipantRow[]): Standing {
  if (actor.organisationKind === 'ministry' || actor.organisationKind === 'platform') return 'ministry';
  return participants.some((p) => p.organisation_id === actor.organisationId) ? 'participant' : 'other';
}

/** Read access; an experiment the actor may not see does not exist for them. */
export function requireSee(actor: Actor, experimentId: string, participants: readonly ParticipantRow[]): Standing {
  requirePermission(actor, 'experiments:read');
  const s = standingOf(actor, participants);
  if (s === 'other') throw new ExperimentNotFound(experimentId);
  return s;
}

export function requireManage(actor: Actor, experimentId: string, participants: readonly ParticipantRow[]): Standing {
  const s = requireSee(actor, experimentId, participants);
  requirePermission(actor, 'experiments:manage');
  return s;
}
