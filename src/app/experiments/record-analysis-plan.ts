import { getAnalysisPlan, saveAnalysisPlan } from '../../db/repositories/experiment-plans.ts';
import { listArms } from '../../db/repositories/experiments.ts';
import { buildPlan, planEditable, plannedMonths, type PlanInput } from '../../domain/experiments/analysis-plan.ts';
import { isStage } from '../../domain/experiments/stages.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { changeExperiment } from './change-experiment.ts';
import { ExperimentFieldErrors, ExperimentNotFound, ExperimentRefused } from './errors.ts';
import { expectedInflow } from './expected-inflow.ts';
import { toArmDesign } from './mappers.ts';
import { getExperiment } from '../../db/repositories/experiments.ts';

const PLAN_FROZEN = {
  code: 'PLAN_FROZEN',
  message: {
    nl: 'Het analyseplan ligt vast sinds het experiment loopt: vooraf geregistreerd betekent dat het na de start niet meer verandert.',
    en: 'The analysis plan is frozen since the experiment runs: pre-registered means it does not change after the start.',
  },
};

/**
 * Records (or, before the start, revises) the pre-registered analysis plan. Left empty, the
 * expected inflow comes from the what-if forecast or the senders' stated expectation. Refused once
 * the experiment runs or the plan was frozen; every version is in the history with its reason.
 */
export async function recordAnalysisPlan(deps: AppDeps, ctx: CallContext, id: string, input: PlanInput & { reason: string }): Promise<void> {
  const current = await getExperiment(deps.db, id);
  if (!current) throw new ExperimentNotFound(id);
  // The forecast reads outside the change's transaction (PGlite has one connection).
  const months = current.planned_start && current.planned_end ? plannedMonths(current.planned_start, current.planned_end) : 12;
  const inflow = input.inflowPerMonth === null ? await expectedInflow(deps, ctx, id, months) : { perMonth: input.inflowPerMonth, source: 'entered' as const };
  await changeExperiment(deps, ctx, id, { kind: 'analysis_plan', reason: input.reason }, async ({ trx, row }) => {
    const before = await getAnalysisPlan(trx, id);
    if (!isStage(row.stage) || !planEditable(row.stage) || before?.frozen_at) throw new ExperimentRefused(409, 'PLAN_FROZEN', [PLAN_FROZEN]);
    const arms = (await listArms(trx, [id])).map(toArmDesign);
    const { plan, problems } = buildPlan(
      { ...input, inflowPerMonth: inflow?.perMonth ?? null },
      { arms, plannedStart: row.planned_start, plannedEnd: row.planned_end, inflowSource: inflow?.source ?? 'entered' },
    );
    if (!plan) throw new ExperimentFieldErrors(problems.map((p) => ({ name: p.name, message: p.message })));
    await saveAnalysisPlan(trx, id, plan, ctx.actor.label);
    return { changes: { from: before?.plan ?? null, to: plan } };
  });
}
