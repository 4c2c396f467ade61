import { requirePermission } from '../../domain/access/actor.ts';
import { requireManage } from '../experiments/access.ts';
import { listParticipants } from '../../db/repositories/experiments.ts';
import { checkCostParameters, COST_PARAMETER_SOURCE, DEFAULT_COST_PARAMETERS, type CostParameters } from '../../domain/statistics/costs.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { getEvaluationParameters, putEvaluationParameters } from '../../db/repositories/evaluation-parameters.ts';
import type { AppDeps, CallContext } from '../context.ts';

export interface StoredCostParameters {
  experimentId: string;
  parameters: CostParameters;
  /** True while the notes' defaults apply (nothing edited yet). */
  defaults: boolean;
  source: string;
  updatedAt: string | null;
}

export class CostParameterError extends Error {
  constructor(public readonly errors: Array<{ name: string; reason: string }>) {
    super(errors.map((e) => `${e.name}: ${e.reason}`).join('; '));
  }
}

/** The cost-benefit parameters of an experiment: as edited, else the notes' figures. */
export async function getCostParameters(deps: AppDeps, ctx: CallContext, experimentId: string): Promise<StoredCostParameters> {
  requirePermission(ctx.actor, 'evaluation:read');
  const stored = await getEvaluationParameters(deps.db, experimentId);
  // A stored set from an older version may lack newer keys: the defaults fill them in.
  const checked = stored ? checkCostParameters(stored.parameters as Record<string, unknown>) : undefined;
  return {
    experimentId,
    parameters: checked?.parameters ?? { ...DEFAULT_COST_PARAMETERS },
    defaults: !checked?.parameters,
    source: COST_PARAMETER_SOURCE,
    updatedAt: stored ? new Date(stored.updatedAt).toISOString() : null,
  };
}

/**
 * Edits an experiment's parameters — the ministry, or a participant with experiments:manage; an
 * experiment the actor does not take part in does not exist for them. Recorded in the audit trail
 * with the old and new values.
 */
export async function setCostParameters(deps: AppDeps, ctx: CallContext, experimentId: string, input: Record<string, unknown>): Promise<StoredCostParameters> {
  requireManage(ctx.actor, experimentId, await listParticipants(deps.db, [experimentId]));
  const checked = checkCostParameters(input);
  if (!checked.parameters) throw new CostParameterError(checked.errors);
  const parameters = checked.parameters;
  await deps.db.transaction().execute(async (trx) => {
    const before = await getEvaluationParameters(trx, experimentId);
    await putEvaluationParameters(trx, experimentId, parameters, ctx.actor.id);
    await appendAudit(trx, {
      traceId: ctx.traceId,
      spanId: ctx.spanId,
      activity: 'evaluation.cost-parameters.update',
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      organisationId: ctx.actor.organisationId,
      objectType: 'evaluation_parameters',
      objectIds: [experimentId],
      outcome: 'success',
      detail: { before: before?.parameters ?? null, after: parameters },
    });
  });
  return { experimentId, parameters, defaults: false, source: COST_PARAMETER_SOURCE, updatedAt: deps.now().toISOString() };
}
