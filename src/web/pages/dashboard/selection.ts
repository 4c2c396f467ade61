import type { AppDeps, CallContext } from '../../../app/context.ts';
import { ReportSubjectNotFound } from '../../../app/evaluation/build-article-report.ts';
import { experimentEvaluationScope, type ExperimentEvaluationScope } from '../../../app/evaluation/experiment-scope.ts';
import { armNames } from '../../../app/evaluation/arm-names.ts';
import { EvaluationInputError, resolveEvaluationFilter, type EvaluationQuery } from '../../../app/evaluation/scope.ts';
import { listExperimentSummaries } from '../../../app/experiments/list-experiments.ts';
import { AccessDenied } from '../../../domain/access/actor.ts';
import { dateKey } from '../../../domain/rules/input-checks.ts';
import type { RuleBook } from '../../../domain/rules/rule-book.ts';
import type { Locale } from '../../i18n/locale.ts';
import type { GroupNames } from './labels.ts';
import { dashboardMessages } from './messages.ts';
import { evaluationQueryOf, formOf, isDimension, withDefaults, type RawQuery } from './query.ts';
import type { DashboardFrame } from './shell.tsx';

export interface Selection {
  frame: DashboardFrame;
  scope: ExperimentEvaluationScope | null;
  query: EvaluationQuery;
  names: GroupNames;
}

/** The municipalities of the register that exist today, by name (the ministry's choice). */
function currentMunicipalities(book: RuleBook, today: string) {
  const day = dateKey(today);
  return [...book.municipalities.values()]
    .filter((m) => m.from <= day && day <= m.until)
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'))
    .map((m) => ({ value: m.code, label: `${m.name} (${m.code})` }));
}

/**
 * The dashboard's selection from the query string: the experiment as the caller may see it, the
 * period's defaults, and what is wrong with it (shown on the page, 400). Which municipalities a
 * caller may see is the use cases' call (a municipality: its own only, else 403).
 */
export async function readSelection(deps: AppDeps, ctx: CallContext, book: RuleBook, locale: Locale, raw: RawQuery): Promise<Selection> {
  const t = dashboardMessages(locale);
  const today = deps.now().toISOString().slice(0, 10);
  const asked = formOf(raw);
  const problems: string[] = [];
  let scope: ExperimentEvaluationScope | null = null;
  if (asked.experiment)
    try {
      scope = await experimentEvaluationScope(deps, ctx, asked.experiment);
    } catch (e) {
      if (!(e instanceof ReportSubjectNotFound)) throw e;
      problems.push(t('unknownExperiment'));
    }
  const form = withDefaults(asked, today, scope);
  if (!isDimension(form.groupBy)) problems.push(t('unknownGroupBy'));
  let experiments: DashboardFrame['experiments'] = [];
  try {
    experiments = (await listExperimentSummaries(deps, ctx)).map((e) => ({ id: e.id, name: e.name }));
  } catch (e) {
    if (!(e instanceof AccessDenied)) throw e;
  }
  const query = evaluationQueryOf(form, scope);
  // Checked here too, not only in the use cases: a part without figures (costs, no experiment) must refuse
  // another municipality (403) and a wrong period (400) just the same.
  if (problems.length === 0)
    try {
      resolveEvaluationFilter(ctx, query, deps.now(), deps.rules);
    } catch (e) {
      if (!(e instanceof EvaluationInputError)) throw e;
      problems.push(e.message);
    }
  const own = ctx.actor.organisationKind === 'municipality' ? ctx.actor.organisationId : null;
  const municipalityNames = Object.fromEntries([...book.municipalities.values()].map((m) => [m.code, m.name]));
  return {
    frame: {
      form,
      experiments,
      municipalities: own ? null : currentMunicipalities(book, today),
      ownMunicipality: own ? `${municipalityNames[own] ?? own} (${own})` : null,
      problems,
    },
    scope,
    query,
    names: { municipalities: municipalityNames, arms: scope ? Object.fromEntries(scope.arms.map((a) => [a.key, a.name])) : await armNames(deps.db, { withExperiment: true }) },
  };
}

/** Runs a use case; a selection it refuses (EvaluationInputError) becomes a problem on the page. */
export async function orProblem<T>(s: Selection, run: () => Promise<T>): Promise<T | null> {
  if (s.frame.problems.length > 0) return null;
  try {
    return await run();
  } catch (e) {
    if (!(e instanceof EvaluationInputError)) throw e;
    s.frame.problems.push(e.message);
    return null;
  }
}
