import { listExperiments, listParticipants } from '../../db/repositories/experiments.ts';
import { requirePermission } from '../../domain/access/actor.ts';
import { isStage, STAGE_LABELS, type Stage } from '../../domain/experiments/stages.ts';
import type { LocalizedText } from '../../domain/rules/judgement.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { standingOf } from './access.ts';

export interface ExperimentSummary {
  id: string;
  name: LocalizedText;
  signalType: string | null;
  /** The rule ids of its designation (the art. 1.3 report's due date follows from their regulation). */
  ruleIds: string[];
  stage: Stage;
  stageLabel: LocalizedText;
  stopReason: string | null;
  participants: Array<{ name: string; role: string }>;
  plannedStart: string | null;
  plannedEnd: string | null;
  updatedAt: string;
}

/** The register: every experiment for the ministry, the own ones for a participant. No contact details. */
export async function listExperimentSummaries(deps: AppDeps, ctx: CallContext, filter: { stage?: Stage } = {}): Promise<ExperimentSummary[]> {
  requirePermission(ctx.actor, 'experiments:read');
  const all = standingOf(ctx.actor, []) === 'ministry';
  const rows = await listExperiments(deps.db, { ...(all ? {} : { participantOrg: ctx.actor.organisationId }), ...(filter.stage ? { stage: filter.stage } : {}) });
  const participants = await listParticipants(deps.db, rows.map((r) => r.id));
  return rows.map((r) => {
    const stage: Stage = isStage(r.stage) ? r.stage : 'initiative';
    return {
      id: r.id,
      name: { nl: r.name_nl, en: r.name_en },
      signalType: r.signal_type,
      ruleIds: r.rule_ids,
      stage,
      stageLabel: STAGE_LABELS[stage],
      stopReason: r.stop_reason,
      participants: participants.filter((p) => p.experiment_id === r.id).map((p) => ({ name: p.name, role: p.role })),
      plannedStart: r.planned_start,
      plannedEnd: r.planned_end,
      updatedAt: new Date(r.updated_at).toISOString(),
    };
  });
}
