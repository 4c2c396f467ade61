import { getOrganisation } from '../../db/repositories/organisations.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { appendHistory, insertExperiment, replaceParticipants } from '../../db/repositories/experiments.ts';
import { requirePermission } from '../../domain/access/actor.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { requireReason } from './change-experiment.ts';
import { ExperimentRefused } from './errors.ts';
import { checkFields, toColumns, type ExperimentFields } from './experiment-fields.ts';

export interface NewExperiment extends ExperimentFields {
  id: string;
  nameNl: string;
  nameEn: string;
  /** An experiment starts as an initiative, or as an idea when one is already on the table. */
  stage?: 'initiative' | 'idea';
  reason: string;
}

/**
 * Registers a new experiment. A municipality, creditor or processor that starts one takes part in
 * it from the start; the ministry may register one for others.
 */
export async function createExperiment(deps: AppDeps, ctx: CallContext, input: NewExperiment): Promise<void> {
  requirePermission(ctx.actor, 'experiments:manage');
  const reason = requireReason(input.reason);
  checkFields(input, { plannedStart: null, plannedEnd: null });
  await deps.db.transaction().execute(async (trx) => {
    const inserted = await insertExperiment(trx, {
      ...toColumns(input),
      id: input.id,
      name_nl: input.nameNl,
      name_en: input.nameEn,
      stage: input.stage ?? 'initiative',
      created_by: ctx.actor.id,
    });
    if (!inserted)
      throw new ExperimentRefused(409, 'EXPERIMENT_EXISTS', [
        { code: 'EXPERIMENT_EXISTS', message: { nl: `Er is al een experiment met id '${input.id}'.`, en: `An experiment with id '${input.id}' already exists.` } },
      ]);
    const kind = ctx.actor.organisationKind;
    if (kind === 'municipality' || kind === 'creditor' || kind === 'processor') {
      const org = await getOrganisation(trx, ctx.actor.organisationId);
      await replaceParticipants(trx, input.id, [
        { organisation_id: ctx.actor.organisationId, name: org?.name ?? ctx.actor.organisationId, role: kind, municipality_code: org?.municipality_code ?? null, contacts: '[]' },
      ]);
    }
    await appendHistory(trx, {
      experiment_id: input.id,
      actor_type: ctx.actor.type,
      actor_id: ctx.actor.id,
      actor_label: ctx.actor.label,
      organisation_id: ctx.actor.organisationId,
      kind: 'created',
      to_stage: input.stage ?? 'initiative',
      reason,
      changes: { name: input.nameNl },
    });
    await appendAudit(trx, {
      traceId: ctx.traceId,
      spanId: ctx.spanId,
      activity: 'experiment.created',
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      organisationId: ctx.actor.organisationId,
      objectType: 'experiment',
      objectIds: [input.id],
      outcome: 'success',
    });
  });
}
