import { listPreselectionRules, replacePreselectionRules } from '../../db/repositories/experiments.ts';
import { preselectionRuleErrors, type PreselectionRule } from '../../domain/experiments/preselection.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { changeExperiment } from './change-experiment.ts';
import { ExperimentInputError, ExperimentRefused } from './errors.ts';
import { toPreselectionRule } from './mappers.ts';

/**
 * Declares how senders select before sending. It may be refined while the experiment runs (the
 * municipal-tax experiment started at € 300 and refines as it goes); every version is in the history.
 */
export async function setPreselectionRules(deps: AppDeps, ctx: CallContext, id: string, input: { rules: PreselectionRule[]; reason: string }): Promise<void> {
  const errors = input.rules.flatMap((r, i) => preselectionRuleErrors(r).map((reason) => ({ name: `rules.${i}`, reason })));
  if (errors.length > 0) throw new ExperimentInputError(errors);
  await changeExperiment(deps, ctx, id, { kind: 'preselection', reason: input.reason }, async ({ trx, row }) => {
    if (row.stage === 'evaluated' || row.stage === 'stopped')
      throw new ExperimentRefused(409, 'EXPERIMENT_CLOSED', [{ code: 'EXPERIMENT_CLOSED', message: { nl: 'Het experiment is afgelopen.', en: 'The experiment is over.' } }]);
    const before = (await listPreselectionRules(trx, [id])).map(toPreselectionRule);
    await replacePreselectionRules(
      trx,
      id,
      input.rules.map((r) => ({ kind: r.kind, amount: r.amount ?? null, months: r.months ?? null, mode: r.mode, selected_by: r.selectedBy ?? null, description: r.description })),
    );
    return { changes: { from: before, to: input.rules } };
  });
}
