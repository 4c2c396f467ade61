import { listHistory, listParticipants, getExperiment } from '../../db/repositories/experiments.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { requireSee } from './access.ts';
import { ExperimentNotFound } from './errors.ts';

export interface HistoryEntry {
  occurredAt: string;
  actor: { type: string; id: string; label: string; organisationId: string | null };
  kind: string;
  fromStage: string | null;
  toStage: string | null;
  reason: string;
  changes: unknown;
}

/** Every change to the experiment: who, when, why, and for stage changes from and to. */
export async function getExperimentHistory(deps: AppDeps, ctx: CallContext, id: string): Promise<HistoryEntry[]> {
  if (!(await getExperiment(deps.db, id))) throw new ExperimentNotFound(id);
  requireSee(ctx.actor, id, await listParticipants(deps.db, [id]));
  return (await listHistory(deps.db, id)).map((h) => ({
    occurredAt: new Date(h.occurred_at).toISOString(),
    actor: { type: h.actor_type, id: h.actor_id, label: h.actor_label, organisationId: h.organisation_id },
    kind: h.kind,
    fromStage: h.from_stage,
    toStage: h.to_stage,
    reason: h.reason,
    changes: h.changes,
  }));
}
