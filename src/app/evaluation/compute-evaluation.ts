import { requirePermission } from '../../domain/access/actor.ts';
import type { EvaluationCells, EvaluationFilter } from '../../domain/evaluation/cells.ts';
import { comparePeriods, previousPeriod, type PeriodComparison } from '../../domain/evaluation/compare-periods.ts';
import { buildEvaluationTables, caseKeyOfDimension, type Dimension, type EvaluationTable } from '../../domain/evaluation/tables.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { appendAudit, type AuditEntry } from '../../db/repositories/audit.ts';
import { queueNames } from '../../db/repositories/worklist.ts';
import { findContactAttemptsSource } from '../../db/repositories/contact-attempts-source.ts';
import { caseCells, refusalReasonCells, refusedCells, signalCells, tuneForAggregation } from '../../db/repositories/evaluation.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { resolveEvaluationFilter, type EvaluationQuery } from './scope.ts';

export interface Evaluation {
  filter: EvaluationFilter;
  groupBy: Dimension;
  generatedAt: string;
  tables: EvaluationTable[];
  /** Names of group keys that are ids (queues). */
  groupNames: Record<string, string>;
  /** The funnel's total beside the previous period's (when asked for: the dashboard's trend line). */
  comparison?: PeriodComparison;
}

/**
 * Reads the aggregate cells for a filter (shared by the evaluation use cases): the pass over signals
 * and refusals and the pass over cases run at once, each in its own read transaction, so that on a
 * PostgreSQL server each gets a core (on PGlite they simply run one after the other). The two passes
 * may see the data a moment apart; for monthly aggregates that is immaterial.
 */
export async function readEvaluationCells(db: Kysely<DB>, filter: EvaluationFilter): Promise<EvaluationCells> {
  const [intake, work] = await Promise.all([
    db.transaction().execute(async (trx) => {
      await tuneForAggregation(trx);
      const signals = await signalCells(trx, filter);
      const refused = await refusedCells(trx, filter);
      const reasons = await refusalReasonCells(trx, filter);
      return { signals, refused, reasons };
    }),
    db.transaction().execute(async (trx) => {
      await tuneForAggregation(trx);
      const attempts = await findContactAttemptsSource(trx);
      return { cases: await caseCells(trx, filter, attempts), attempts };
    }),
  ]);
  return { ...intake, cases: work.cases, firstContactBasis: work.attempts ? 'contact_attempts' : 'picked_up_on' };
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
export async function computeEvaluation(deps: AppDeps, ctx: CallContext, q: EvaluationQuery & { groupBy: Dimension; compareWithPrevious?: boolean }): Promise<Evaluation> {
  requirePermission(ctx.actor, 'evaluation:read');
  const filter = { ...resolveEvaluationFilter(ctx, q, deps.now(), deps.rules), caseKey: caseKeyOfDimension(q.groupBy) };
  const before = q.compareWithPrevious ? previousPeriod(filter.from, filter.to) : null;
  const [cells, earlier] = await Promise.all([
    readEvaluationCells(deps.db, filter),
    before ? readEvaluationCells(deps.db, { ...filter, ...before, caseKey: undefined }) : null,
  ]);
  await appendAudit(deps.db, evaluationAudit(ctx, 'evaluation.read', { filter: { ...filter }, groupBy: q.groupBy, ...(before ? { previous: before } : {}) }));
  const tables = buildEvaluationTables(cells, q.groupBy, deps.rules.ddasPartnerOf);
  const funnelTotal = (c: EvaluationCells) => buildEvaluationTables(c, 'total', deps.rules.ddasPartnerOf).find((t) => t.key === 'funnel')!;
  const comparison = earlier && before ? comparePeriods(funnelTotal(cells), funnelTotal(earlier), before) : undefined;
  const groupNames = q.groupBy === 'queue' ? await queueNames(deps.db, [...new Set(cells.cases.map((c) => c.caseKey ?? ''))], (filter.municipalities?.length ?? 0) !== 1) : {};
  return { filter, groupBy: q.groupBy, generatedAt: deps.now().toISOString(), tables, groupNames, ...(comparison ? { comparison } : {}) };
}
