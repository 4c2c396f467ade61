import { requirePermission } from '../../domain/access/actor.ts';
import type { RuleBook } from '../../domain/rules/rule-book.ts';
import type { LocalizedText } from '../../domain/rules/judgement.ts';
import { reportDue, type ReportDue } from '../../domain/evaluation/report-due.ts';
import { buildEvaluationTables, type EvaluationTable } from '../../domain/evaluation/tables.ts';
import { computeCostBenefit, type CostBenefit } from '../../domain/statistics/costs.ts';
import { compareArms, type OutcomeComparison } from '../../domain/statistics/compare-arms.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { countCreditors } from '../../db/repositories/evaluation.ts';
import { findExperimentSubject } from '../../db/repositories/report-subjects.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { loadRules } from '../rules/load-rules.ts';
import { evaluationAudit, readEvaluationCells } from './compute-evaluation.ts';
import { armNamer } from './arm-names.ts';
import { ARM_OUTCOMES } from './compare-experiment-arms.ts';
import { getCostParameters } from './cost-parameters.ts';
import { getAnalysisPlan } from '../../db/repositories/experiment-plans.ts';
import { judgeAgainstPlan, type AnalysisPlan } from '../../domain/experiments/analysis-plan.ts';
import { planReading } from '../../domain/experiments/plan-reading.ts';
import type { CaseCell } from '../../domain/evaluation/cells.ts';
import { EvaluationInputError, resolveEvaluationFilter } from './scope.ts';

export interface ArticleReport {
  subject: { id: string; name: LocalizedText; signalTypes: string[]; municipalities: string[]; arms: Array<{ code: string; name: LocalizedText }> };
  regulation: { id: string; title: string; url: string; inForceFrom: string };
  due: ReportDue;
  period: { from: string; to: string };
  generatedAt: string;
  tables: EvaluationTable[];
  byMunicipality: EvaluationTable[];
  comparisons: OutcomeComparison[];
  costs: CostBenefit;
  costsAreDefaults: boolean;
  /** The pre-registered analysis plan against the result, per deck question (absent: no plan recorded). */
  preRegistration?: LocalizedText[];
}

/** The frozen plan read against the primary outcome per arm (experiments/plan-reading.ts). */
async function preRegistrationOf(deps: AppDeps, experimentId: string, cases: readonly CaseCell[]): Promise<LocalizedText[] | undefined> {
  const row = await getAnalysisPlan(deps.db, experimentId);
  if (!row) return undefined;
  const plan = row.plan as AnalysisPlan;
  const outcome = ARM_OUTCOMES.find((o) => o.key === plan.primaryOutcome)!;
  const observed = plan.arms.map(({ code }) => {
    const mine = cases.filter((c) => c.arm === code);
    return { arm: code, n: mine.reduce((s, c) => s + outcome.n(c), 0), successes: mine.reduce((s, c) => s + outcome.successes(c), 0) };
  });
  return planReading(plan, row.frozen_at ? new Date(row.frozen_at).toISOString().slice(0, 10) : null, judgeAgainstPlan(plan, observed));
}

export class ReportSubjectNotFound extends Error {}

/** The rule book the platform runs with (held by the experiments runtime or the judge); else loaded from rules/. */
async function ruleBookOf(deps: AppDeps): Promise<RuleBook> {
  const held = (deps as { experiments?: { ruleBook?: RuleBook } }).experiments?.ruleBook ?? (deps.judge as { ruleBook?: RuleBook }).ruleBook;
  return held ?? (await loadRules()).book;
}

/** The regulation a set of rules belongs to and the day its first version came into force. */
export function regulationOf(book: RuleBook, regulationId: string | undefined, ruleIds: readonly string[]) {
  const id = regulationId ?? book.versions.find((v) => v.rules.some((r) => ruleIds.includes(r.id)))?.id;
  const versions = book.versions.filter((v) => v.id === id).sort((a, b) => a.valid_from.localeCompare(b.valid_from));
  const first = versions[0];
  return first ? { id: first.id, title: first.title, url: first.url, inForceFrom: first.valid_from } : undefined;
}

/**
 * The content of the joint monitoring and evaluation report to the Minister (TR art. 1.3) for one
 * experiment — or, where the experiment register does not hold it, for a regulation's signal types:
 * reach of new residents, several signals at one address, severity, the funnel, the arms compared,
 * costs and benefits, over the period covered, with the due date. Aggregates only.
 */
export async function buildArticleReport(
  deps: AppDeps,
  ctx: CallContext,
  input: { subjectId: string; from?: string | undefined; to?: string | undefined; signalTypes?: readonly string[] | undefined },
): Promise<ArticleReport> {
  requirePermission(ctx.actor, 'evaluation:read');
  const book = await ruleBookOf(deps);
  const today = deps.now().toISOString().slice(0, 10);
  const experiment = await findExperimentSubject(deps.db, input.subjectId);
  const regulation = experiment ? regulationOf(book, undefined, experiment.ruleIds) : regulationOf(book, input.subjectId, []);
  if (!regulation) throw new ReportSubjectNotFound(`no experiment or regulation '${input.subjectId}'`);
  const signalTypes = experiment?.signalType ? [experiment.signalType] : [...(input.signalTypes ?? [])];
  if (!experiment && signalTypes.length === 0) throw new EvaluationInputError('name the signal type(s) the report is about (signalType)', 'signalType');
  const from = input.from ?? experiment?.start ?? regulation.inForceFrom;
  const to = input.to ?? (experiment?.end && experiment.end < today ? experiment.end : today);
  const filter = resolveEvaluationFilter(ctx, { from, to, signalTypes, experiment: experiment && experiment.arms.length ? experiment.id : undefined }, deps.now(), deps.rules);
  const params = await getCostParameters(deps, ctx, input.subjectId);

  const cells = await readEvaluationCells(deps.db, filter);
  const creditors = await countCreditors(deps.db, filter);
  await appendAudit(deps.db, evaluationAudit(ctx, 'evaluation.report', { subject: input.subjectId, filter: { ...filter } }));

  const arms = [...new Set(cells.cases.map((c) => c.arm).filter((a) => a !== ''))].sort();
  const name = await armNamer(deps.db, { withExperiment: false });
  const comparisons = arms.length > 1
    ? ARM_OUTCOMES.map((o) =>
        compareArms(
          o.key,
          o.label,
          arms.map((arm) => {
            const mine = cells.cases.filter((c) => c.arm === arm);
            return { arm, n: mine.reduce((s, c) => s + o.n(c), 0), successes: mine.reduce((s, c) => s + o.successes(c), 0) };
          }),
          undefined,
          name,
        ),
      )
    : [];
  const preRegistration = experiment ? await preRegistrationOf(deps, experiment.id, cells.cases) : undefined;
  const costs = computeCostBenefit(
    { signalsDelivered: cells.signals.reduce((s, c) => s + c.signals, 0), signalsHandled: cells.cases.reduce((s, c) => s + c.pickedUp, 0), creditorOrganisations: creditors },
    params.parameters,
  );
  return {
    subject: {
      id: input.subjectId,
      name: experiment ? { nl: experiment.nameNl, en: experiment.nameEn } : { nl: regulation.title, en: regulation.title },
      signalTypes,
      municipalities: filter.municipalities ? [...filter.municipalities] : (experiment?.municipalities ?? []),
      arms: experiment?.arms.map((a) => ({ code: a.code, name: { nl: a.nameNl, en: a.nameEn } })) ?? [],
    },
    regulation,
    due: reportDue(regulation.inForceFrom, today),
    period: { from, to },
    generatedAt: deps.now().toISOString(),
    tables: buildEvaluationTables(cells, 'total', deps.rules.ddasPartnerOf),
    byMunicipality: buildEvaluationTables(cells, 'municipality', deps.rules.ddasPartnerOf).filter((t) => t.key === 'overlap' || t.key === 'funnel'),
    comparisons,
    costs,
    costsAreDefaults: params.defaults,
    ...(preRegistration ? { preRegistration } : {}),
  };
}
