import { countAssignmentsOf, listArms, replaceArms, updateExperiment } from '../../db/repositories/experiments.ts';
import { armDesignErrors, type AssignmentMethod } from '../../domain/experiments/arms.ts';
import { designEditable, isStage } from '../../domain/experiments/stages.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { changeExperiment } from './change-experiment.ts';
import { ExperimentInputError, ExperimentRefused } from './errors.ts';

export interface ArmInput {
  code: string;
  nameNl: string;
  nameEn: string;
  description?: string;
  combineWithOtherSignals: boolean;
  withoutPriorConsent?: boolean | null;
  weight?: number;
  municipalities?: string[];
}

/**
 * Sets the experiment groups and how households are assigned to them. Fixed once the experiment
 * runs: changing arms or seed afterwards would make the recorded assignment irreproducible.
 */
export async function setArms(deps: AppDeps, ctx: CallContext, id: string, input: { method: AssignmentMethod; seed?: string | null; arms: ArmInput[]; reason: string }): Promise<void> {
  const design = {
    method: input.method,
    seed: input.seed ?? null,
    arms: input.arms.map((a) => ({ code: a.code, weight: a.weight ?? 1, municipalities: a.municipalities ?? [], combineWithOtherSignals: a.combineWithOtherSignals, withoutPriorConsent: a.withoutPriorConsent ?? null })),
  };
  const errors = armDesignErrors(design);
  if (errors.length > 0) throw new ExperimentInputError(errors.map((reason) => ({ name: 'arms', reason })));
  await changeExperiment(deps, ctx, id, { kind: 'arms', reason: input.reason }, async ({ trx, row }) => {
    if (!isStage(row.stage) || !designEditable(row.stage) || (await countAssignmentsOf(trx, id)) > 0)
      throw new ExperimentRefused(409, 'DESIGN_FIXED', [
        {
          code: 'DESIGN_FIXED',
          message: {
            nl: 'Het experiment loopt of liep al: de experimentgroepen en de seed liggen vast, zodat de toewijzing reproduceerbaar blijft.',
            en: 'The experiment runs or ran: its groups and seed are fixed so that the assignment stays reproducible.',
          },
        },
      ]);
    const before = await listArms(trx, [id]);
    await replaceArms(
      trx,
      id,
      input.arms.map((a) => ({
        code: a.code,
        name_nl: a.nameNl,
        name_en: a.nameEn,
        description: a.description ?? '',
        combine_with_other_signals: a.combineWithOtherSignals,
        without_prior_consent: a.withoutPriorConsent ?? null,
        weight: a.weight ?? 1,
        municipalities: a.municipalities ?? [],
      })),
    );
    await updateExperiment(trx, id, { assignment_method: input.method, assignment_seed: design.seed });
    return {
      changes: {
        from: { method: row.assignment_method, seed: row.assignment_seed, arms: before.map((a) => a.code) },
        to: { method: input.method, seed: design.seed, arms: input.arms.map((a) => a.code) },
      },
    };
  });
}
