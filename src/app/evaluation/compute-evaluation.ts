import { requirePermission } from '../../domain/access/actor.ts';
import type { EvaluationCells, EvaluationFilter } from '../../domain/evaluation/cells.ts';
import { buildEvaluationTables, type Dimension, type EvaluationTable } from '../../domain/evaluation/tables.ts';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { appendAudit, type AuditEntry } from '../../db/repositories/audit.ts';
import { findContactAttemptsSource } from '../../db/repositories/contact-attempts-source.ts';
import { caseCells, refusalReasonCells, refusedCells, signalCells, tuneForAggregation } from '../../db/repositories/evaluation.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { resolveEvaluationFilter, type EvaluationQuery } from './scope.ts';

export interface Evaluation {
  filter: EvaluationFilter;
  groupBy: Dimension;
  generatedAt: string;
  tables: EvaluationTable[];
}

/** Reads the aggregate cells for a filter in the caller's transaction (shared by the evaluation use cases). */
export async function readEvaluationCells(trx: Transaction<DB>, filter: EvaluationFilter): Promise<EvaluationCells> {
  await tuneForAggregation(trx);
  const attempts = await findContactAttemptsSource(trx);
  const signals = await signalCells(trx, filter);
  const refused = await refusedCells(trx, filter);
  const reasons = await refusalReasonCells(trx, filter);
  const cases = await caseCells(trx, filter, attempts);
  return { signals, refused, reasons, cases, firstContactBasis: attempts ? 'contact_attempts' : 'picked_up_on' };
}

/** The audit record of reading aggregates: who, which filter; no data subject, as no person is in them. */
export function evaluationAudit(ctx: CallContext, activity: string, detail: Record<string, unknown>): AuditEntry {
  return {
    traceId: ctx.traceId,
    spanId: ctx.spanId,
    activity,
    actorType: ctx.actor.type,
    actorId: ctx.actor.id,
    organisationId: ctx.actor.organisationId,
    objectType: 'evaluation',
    outcome: 'success',
    detail: { ...detail, aggregatesOnly: true },
  };
}

/**
 * The monitoring and evaluation tables (TR art. 1.3) for a period, grouped by one dimension:
 * aggregates only, every cell under 10 suppressed. Reading them is recorded in the audit trail
 * (no data subject: no person is in them).
 */
export async function computeEvaluation(deps: AppDeps, ctx: CallContext, q: EvaluationQuery & { groupBy: Dimension }): Promise<Evaluation> {
  requirePermission(ctx.actor, 'evaluation:read');
  const filter = resolveEvaluationFilter(ctx, q, deps.now());
  const cells = await deps.db.transaction().execute(async (trx) => {
    const c = await readEvaluationCells(trx, filter);
    await appendAudit(trx, evaluationAudit(ctx, 'evaluation.read', { filter: { ...filter }, groupBy: q.groupBy }));
    return c;
  });
  const tables = buildEvaluationTables(cells, q.groupBy);
  return { filter, groupBy: q.groupBy, generatedAt: deps.now().toISOString(), tables };
}
