import { requirePermission } from '../../domain/access/actor.ts';
import { computeCostBenefit, type CostBenefit } from '../../domain/statistics/costs.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { findContactAttemptsSource } from '../../db/repositories/contact-attempts-source.ts';
import { caseCells, countCreditors, signalCells, tuneForAggregation } from '../../db/repositories/evaluation.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { evaluationAudit } from './compute-evaluation.ts';
import { getCostParameters } from './cost-parameters.ts';
import { resolveEvaluationFilter, type EvaluationQuery } from './scope.ts';

/**
 * Costs and benefits of an experiment over a period, with its own parameters. "Handled" is a
 * household whose case was picked up (the notes' € 179 is the handling of one signal by debt
 * assistance, which works per household).
 */
export async function computeExperimentCostBenefit(deps: AppDeps, ctx: CallContext, experimentId: string, q: EvaluationQuery): Promise<CostBenefit & { experimentId: string; defaults: boolean }> {
  requirePermission(ctx.actor, 'evaluation:read');
  const filter = resolveEvaluationFilter(ctx, q, deps.now(), deps.rules);
  const params = await getCostParameters(deps, ctx, experimentId);
  const inputs = await deps.db.transaction().execute(async (trx) => {
    await tuneForAggregation(trx);
    const signals = await signalCells(trx, filter);
    const cases = await caseCells(trx, filter, await findContactAttemptsSource(trx));
    const creditorOrganisations = await countCreditors(trx, filter);
    await appendAudit(trx, evaluationAudit(ctx, 'evaluation.cost-benefit', { experimentId, filter: { ...filter } }));
    return {
      signalsDelivered: signals.reduce((s, c) => s + c.signals, 0),
      signalsHandled: cases.reduce((s, c) => s + c.pickedUp, 0),
      creditorOrganisations,
    };
  });
  return { experimentId, defaults: params.defaults, ...computeCostBenefit(inputs, params.parameters) };
}
