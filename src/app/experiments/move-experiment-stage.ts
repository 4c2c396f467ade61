import { updateExperiment } from '../../db/repositories/experiments.ts';
import { checkTransition } from '../../domain/experiments/gate.ts';
import type { Stage } from '../../domain/experiments/stages.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { freezeAnalysisPlan } from '../../db/repositories/experiment-plans.ts';
import { changeExperiment } from './change-experiment.ts';
import { ExperimentRefused } from './errors.ts';
import { gateInputOf, loadExperimentView } from './experiment-view.ts';

export interface StageTransition {
  to: Stage;
  reason: string;
  /** With 'approved': SZW approved after changes to the plan. */
  approvedWithChanges?: boolean;
}

/**
 * Moves an experiment to another stage when the gate allows it; otherwise refuses with every
 * problem (unmet ground rules, a designation missing from the rule book, no AP advice…).
 */
export async function moveExperimentStage(deps: AppDeps, ctx: CallContext, id: string, t: StageTransition): Promise<void> {
  const today = deps.now().toISOString().slice(0, 10);
  await changeExperiment(deps, ctx, id, { kind: 'stage', reason: t.reason }, async ({ trx, standing }) => {
    const { view } = (await loadExperimentView(trx, deps.experiments.ruleBook, id))!;
    const problems = checkTransition(gateInputOf(view), { to: t.to, reason: t.reason, actorIs: standing, on: today });
    if (problems.length > 0) {
      const first = problems[0]!.code;
      const status = first === 'TRANSITION_NOT_ALLOWED' ? 409 : first === 'NOT_YOUR_TRANSITION' ? 403 : 422;
      throw new ExperimentRefused(status, problems.length === 1 ? first : 'TRANSITION_REFUSED', problems);
    }
    await updateExperiment(trx, id, {
      stage: t.to,
      ...(t.to === 'stopped' ? { stop_reason: t.reason.trim(), ended_on: today } : {}),
      ...(t.to === 'approved' ? { approved_with_changes: t.approvedWithChanges === true } : {}),
      ...(t.to === 'running' ? { started_on: today } : {}),
      ...(t.to === 'evaluated' ? { ended_on: view.dates.endedOn ?? today } : {}),
    });
    // Pre-registration: from the start on the analysis plan cannot change (record-analysis-plan.ts).
    if (t.to === 'running') await freezeAnalysisPlan(trx, id);
    return { fromStage: view.stage, toStage: t.to, changes: t.to === 'approved' ? { approvedWithChanges: t.approvedWithChanges === true } : null };
  });
}
