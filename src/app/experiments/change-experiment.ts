import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { appendHistory, getExperiment, listParticipants, type ExperimentRow, type ParticipantRow } from '../../db/repositories/experiments.ts';
import { MIN_REASON_LENGTH } from '../../domain/experiments/gate.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { requireManage, type Standing } from './access.ts';
import { ExperimentInputError, ExperimentNotFound } from './errors.ts';

export interface ChangeScope {
  trx: Transaction<DB>;
  row: ExperimentRow;
  participants: ParticipantRow[];
  standing: Standing;
}

export interface ChangeRecord {
  /** What changed, for the history (no personal data of residents ever lives here). */
  changes: unknown;
  fromStage?: string;
  toStage?: string;
}

export function requireReason(reason: string): string {
  const r = reason.trim();
  if (r.length < MIN_REASON_LENGTH) throw new ExperimentInputError([{ name: 'reason', reason: 'give a reason for the change (who, when and why are recorded)' }]);
  return r;
}

/**
 * Every change to an experiment goes through here: one transaction that locks the experiment,
 * checks who may change it, applies the change, and records who, when and why in the experiment's
 * history and the audit trail. The in-memory configuration for intake is refreshed after commit.
 */
export async function changeExperiment(
  deps: AppDeps,
  ctx: CallContext,
  id: string,
  what: { kind: string; reason: string },
  apply: (scope: ChangeScope) => Promise<ChangeRecord>,
): Promise<void> {
  const reason = requireReason(what.reason);
  await deps.db.transaction().execute(async (trx) => {
    const row = await getExperiment(trx, id, { forUpdate: true });
    if (!row) throw new ExperimentNotFound(id);
    const participants = await listParticipants(trx, [id]);
    const standing = requireManage(ctx.actor, id, participants);
    const rec = await apply({ trx, row, participants, standing });
    await appendHistory(trx, {
      experiment_id: id,
      actor_type: ctx.actor.type,
      actor_id: ctx.actor.id,
      actor_label: ctx.actor.label,
      organisation_id: ctx.actor.organisationId,
      kind: what.kind,
      from_stage: rec.fromStage ?? null,
      to_stage: rec.toStage ?? null,
      reason,
      changes: rec.changes,
    });
    await appendAudit(trx, {
      traceId: ctx.traceId,
      spanId: ctx.spanId,
      activity: `experiment.${what.kind}`,
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      organisationId: ctx.actor.organisationId,
      objectType: 'experiment',
      objectIds: [id],
      outcome: 'success',
      detail: { kind: what.kind, ...(rec.toStage ? { from: rec.fromStage, to: rec.toStage } : {}) },
    });
  });
  await deps.experiments.reload(deps.db);
}
