import { upsertGroundRule } from '../../db/repositories/experiments.ts';
import { COMPUTED_GROUND_RULES, isGroundRuleCode } from '../../domain/experiments/ground-rules.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { changeExperiment } from './change-experiment.ts';
import { ExperimentInputError, ExperimentRefused } from './errors.ts';

/** Ticks (or unticks) one ground rule of the checklist, with a note on how it is met. */
export async function setGroundRule(deps: AppDeps, ctx: CallContext, id: string, input: { code: string; met: boolean; note: string; reason: string }): Promise<void> {
  if (!isGroundRuleCode(input.code)) throw new ExperimentInputError([{ name: 'code', reason: `unknown ground rule '${input.code}'` }]);
  if (COMPUTED_GROUND_RULES.has(input.code))
    throw new ExperimentInputError([{ name: 'code', reason: `'${input.code}' follows from the planned start and end dates; change those instead` }]);
  const code = input.code;
  await changeExperiment(deps, ctx, id, { kind: 'ground_rule', reason: input.reason }, async ({ trx, row }) => {
    if (row.stage === 'evaluated' || row.stage === 'stopped')
      throw new ExperimentRefused(409, 'EXPERIMENT_CLOSED', [{ code: 'EXPERIMENT_CLOSED', message: { nl: 'Het experiment is afgelopen; de checklist blijft zoals hij was.', en: 'The experiment is over; its checklist stays as it was.' } }]);
    await upsertGroundRule(trx, { experiment_id: id, code, met: input.met, note: input.note, confirmed_by: ctx.actor.label });
    return { changes: { code, met: input.met, note: input.note } };
  });
}
