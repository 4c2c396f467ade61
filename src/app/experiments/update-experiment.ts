import { updateExperiment } from '../../db/repositories/experiments.ts';
import { isStage } from '../../domain/experiments/stages.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { changeExperiment } from './change-experiment.ts';
import { ExperimentRefused } from './errors.ts';
import { checkFields, diff, toColumns, type ExperimentFields } from './experiment-fields.ts';

const DESIGNATED: readonly string[] = ['regulation_in_force', 'running', 'evaluated'];

/**
 * Changes an experiment's description and dates, with a reason. Once the regulation is in force
 * the signal and its rule ids are the rule book's (one source of truth): a change there is a new
 * dated regulation file, not an edit here.
 */
export async function updateExperimentFields(deps: AppDeps, ctx: CallContext, id: string, fields: ExperimentFields & { reason: string }): Promise<void> {
  const { reason, ...f } = fields;
  await changeExperiment(deps, ctx, id, { kind: 'updated', reason }, async ({ trx, row }) => {
    if (isStage(row.stage) && DESIGNATED.includes(row.stage) && (f.signalType !== undefined || f.ruleIds !== undefined)) {
      const same = (f.signalType === undefined || f.signalType === row.signal_type) && (f.ruleIds === undefined || JSON.stringify([...new Set(f.ruleIds)]) === JSON.stringify(row.rule_ids));
      if (!same)
        throw new ExperimentRefused(409, 'DESIGNATION_FIXED', [
          {
            code: 'DESIGNATION_FIXED',
            message: {
              nl: 'De regeling is in werking: signaal en regel-ids liggen vast in de regelgeving (rules/). Een wijziging is een nieuw gedateerd regelingsbestand.',
              en: 'The regulation is in force: the signal and rule ids are fixed by the rule data (rules/). A change is a new dated regulation file.',
            },
          },
        ]);
    }
    checkFields(f, { plannedStart: row.planned_start, plannedEnd: row.planned_end });
    const cols = toColumns(f);
    const changes = diff(row as unknown as Record<string, unknown>, cols);
    if (Object.keys(changes).length > 0) await updateExperiment(trx, id, cols);
    return { changes };
  });
}
