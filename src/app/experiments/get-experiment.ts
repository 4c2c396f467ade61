import { appendAudit } from '../../db/repositories/audit.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { requireSee } from './access.ts';
import { ExperimentNotFound } from './errors.ts';
import { loadExperimentView, type ExperimentView } from './experiment-view.ts';

/** One experiment in full. Its contact persons are personal data of staff: the read is audited. */
export async function getExperimentView(deps: AppDeps, ctx: CallContext, id: string): Promise<ExperimentView> {
  const loaded = await loadExperimentView(deps.db, deps.experiments.ruleBook, id);
  if (!loaded) throw new ExperimentNotFound(id);
  requireSee(ctx.actor, id, loaded.participants);
  await appendAudit(deps.db, {
    traceId: ctx.traceId,
    spanId: ctx.spanId,
    activity: 'experiment.read',
    actorType: ctx.actor.type,
    actorId: ctx.actor.id,
    organisationId: ctx.actor.organisationId,
    objectType: 'experiment',
    objectIds: [id],
    outcome: 'success',
  });
  return loaded.view;
}
