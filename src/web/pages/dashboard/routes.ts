import { createElement } from 'react';
import type { AppDeps, CallContext } from '../../../app/context.ts';
import { ReportSubjectNotFound } from '../../../app/evaluation/build-article-report.ts';
import { compareExperimentArms } from '../../../app/evaluation/compare-experiment-arms.ts';
import { computeEvaluation } from '../../../app/evaluation/compute-evaluation.ts';
import { computeExperimentCostBenefit } from '../../../app/evaluation/compute-cost-benefit.ts';
import { CostParameterError, getCostParameters, setCostParameters } from '../../../app/evaluation/cost-parameters.ts';
import { experimentEvaluationScope } from '../../../app/evaluation/experiment-scope.ts';
import { EvaluationInputError } from '../../../app/evaluation/scope.ts';
import { AccessDenied } from '../../../domain/access/actor.ts';
import type { Dimension, EvaluationTable } from '../../../domain/evaluation/tables.ts';
import { tableCsv } from '../../../http/routes/evaluation-csv.ts';
import type { Locale } from '../../i18n/locale.ts';
import { one, WebNotFound, type PageResult, type WebApp } from '../../web-app.ts';
import { webDownload, type FileDownload } from '../creditor/download-route.ts';
import { ArmsPage } from './arms-page.tsx';
import { CostsPage, type CostsView } from './costs-page.tsx';
import { armRatesTable, armTestsTable, costsTable, residentChoicesTable } from './extra-tables.ts';
import { dashboardMessages, parameterLabels } from './messages.ts';
import { OverviewPage } from './overview-page.tsx';
import { GlossaryPage } from './glossary-page.tsx';
import { apiSearchOf, formOf, searchOf, type RawQuery } from './query.ts';
import { orProblem, readSelection, type Selection } from './selection.ts';
import type { DashboardFrame } from './shell.tsx';
import { textIn } from '../../../domain/i18n/index.ts';

const SCRIPTS = ['/assets/chart.js/chart.umd.js', '/assets/web/dashboard-charts.js'];
const ACCESS = { permission: 'evaluation:read' as const };
/** Who may read aggregates (src/app/evaluation/scope.ts); the use cases narrow a municipality to its own. */
const DOWNLOAD = { permission: 'evaluation:read' as const, organisationKinds: ['ministry', 'municipality', 'operator', 'platform'] as const };
const EXPERIMENT_ID = /^[a-z0-9][a-z0-9-]{0,99}$/;

function respond(frame: DashboardFrame, title: string, body: ReturnType<typeof createElement>): PageResult {
  const page = { title, body, scripts: SCRIPTS };
  return frame.problems.length > 0 ? { status: 400, page } : page;
}

const armLabeller = (s: Selection, locale: Locale) => (arm: string) => textIn(s.names.arms[arm], locale) ?? arm;

async function costsView(deps: AppDeps, ctx: CallContext, s: Selection, locale: Locale, extra: Partial<CostsView> = {}): Promise<CostsView | null> {
  const scope = s.scope;
  if (!scope) return null;
  const costs = await orProblem(s, () => computeExperimentCostBenefit(deps, ctx, scope.id, s.query));
  if (!costs) return null;
  const parameters = await getCostParameters(deps, ctx, scope.id);
  const f = s.frame.form;
  const report = `/v1/evaluation/reports/${scope.id}?${new URLSearchParams({ from: f.from, to: f.to, lang: locale }).toString()}`;
  return {
    scope,
    costs,
    parameters,
    values: Object.fromEntries(Object.entries(parameters.parameters).map(([k, v]) => [k, String(v)])),
    problems: [],
    saved: false,
    csvHref: `/dashboard/kosten.csv${searchOf(f)}`,
    reportHref: { html: report, pdf: `${report}&format=pdf` },
    back: Object.fromEntries(Object.entries({ from: f.from, to: f.to, municipality: f.municipality, creditorType: f.creditorType, groupBy: f.groupBy }).filter(([, v]) => v !== '')),
    ...extra,
  };
}

/** A CSV of one of the dashboard's own tables (arms, costs); nothing (404) for a selection the caller may not make. */
async function csvOf(table: () => Promise<EvaluationTable | null>, name: string, locale: Locale): Promise<FileDownload | undefined> {
  try {
    const t = await table();
    return t ? { filename: `${name}.csv`, contentType: 'text/csv; charset=utf-8', body: tableCsv(t, locale) } : undefined;
  } catch (e) {
    if (e instanceof EvaluationInputError || e instanceof AccessDenied || e instanceof ReportSubjectNotFound) return undefined;
    throw e;
  }
}

/**
 * The monitoring and evaluation dashboard (issue 7): monitoring tables with charts, experiment arms
 * compared, costs and benefits with their parameters, the art. 1.3 report; every table also as
 * CSV. Permission evaluation:read: aggregates only, a municipality its own figures only.
 */
export function registerDashboardPages(web: WebApp): void {
  web.addNav({ href: '/dashboard', label: { nl: 'Dashboard', en: 'Dashboard' }, ...ACCESS, order: 44 });

  web.get<RawQuery>('/dashboard', ACCESS, async ({ deps, ctx, locale, query }) => {
    const s = await readSelection(deps, ctx, web.ruleBook, locale, query);
    const groupBy = s.frame.form.groupBy as Dimension;
    const evaluation = await orProblem(s, () => computeEvaluation(deps, ctx, { ...s.query, groupBy, compareWithPrevious: true }));
    const csvHref = (key: string) => `/v1/evaluation/tables/${key}${apiSearchOf(s.query, locale, { groupBy, format: 'csv' })}`;
    const names = { ...s.names, queues: evaluation?.groupNames };
    return respond(s.frame, dashboardMessages(locale)('title'), createElement(OverviewPage, { frame: s.frame, evaluation, names, csvHref }));
  });

  web.get('/dashboard/begrippen', ACCESS, async ({ locale }) => ({ title: dashboardMessages(locale)('glossaryTitle'), body: createElement(GlossaryPage) }));

  web.get<RawQuery>('/dashboard/groepen', ACCESS, async ({ deps, ctx, locale, query }) => {
    const s = await readSelection(deps, ctx, web.ruleBook, locale, query);
    const report = await orProblem(s, () => compareExperimentArms(deps, ctx, { ...s.query, reference: s.frame.form.reference || undefined }));
    const csvHref = (part: 'rates' | 'tests' | 'choices') => `/dashboard/groepen.csv${searchOf(s.frame.form, { part })}`;
    const t = dashboardMessages(locale);
    return respond(s.frame, `${t('armsTitle')} — ${t('title')}`, createElement(ArmsPage, { frame: s.frame, report, armLabel: armLabeller(s, locale), csvHref }));
  });

  web.get<RawQuery>('/dashboard/kosten', ACCESS, async ({ deps, ctx, locale, query }) => {
    const s = await readSelection(deps, ctx, web.ruleBook, locale, query);
    const view = await costsView(deps, ctx, s, locale, { saved: one(query.ok) === '1' });
    const t = dashboardMessages(locale);
    return respond(s.frame, `${t('tabCosts')} — ${t('title')}`, createElement(CostsPage, { frame: s.frame, view, canEdit: !!s.scope?.canEditCosts }));
  });

  web.post<RawQuery, { id: string }>('/dashboard/kosten/:id', { permission: 'experiments:manage' }, async ({ deps, ctx, locale, body, params }) => {
    if (!EXPERIMENT_ID.test(params.id)) throw new WebNotFound();
    try {
      await experimentEvaluationScope(deps, ctx, params.id);
    } catch (e) {
      if (e instanceof ReportSubjectNotFound) throw new WebNotFound();
      throw e;
    }
    const sent = Object.fromEntries(Object.keys(parameterLabels).map((k) => [k, one(body[k]).trim()]));
    // Empty: the notes' figure; anything else must be a number, and the use case says why when it is not.
    const input = Object.fromEntries(Object.entries(sent).filter(([, v]) => v !== '').map(([k, v]) => [k, Number(v.replace(',', '.'))]));
    const back = { ...formOf(body), experiment: params.id, reference: '' };
    try {
      await setCostParameters(deps, ctx, params.id, input);
      return { redirect: `/dashboard/kosten${searchOf(back, { ok: '1' })}` };
    } catch (e) {
      if (!(e instanceof CostParameterError)) throw e;
      const s = await readSelection(deps, ctx, web.ruleBook, locale, { ...back });
      const view = await costsView(deps, ctx, s, locale, { values: sent, problems: e.errors.map((x) => `${x.name}: ${x.reason}`) });
      const t = dashboardMessages(locale);
      return { status: 400, page: { title: `${t('tabCosts')} — ${t('title')}`, body: createElement(CostsPage, { frame: s.frame, view, canEdit: true }), scripts: SCRIPTS } };
    }
  });

  webDownload(web, '/dashboard/groepen.csv', DOWNLOAD, async ({ ctx, locale, query }) => {
    const asked = one(query.part);
    const part = asked === 'tests' || asked === 'choices' ? asked : 'rates';
    return csvOf(
      async () => {
        const s = await readSelection(web.deps, ctx, web.ruleBook, locale, query);
        const report = await orProblem(s, () => compareExperimentArms(web.deps, ctx, { ...s.query, reference: s.frame.form.reference || undefined }));
        if (!report) return null;
        const armLabel = armLabeller(s, locale);
        if (part === 'choices') return residentChoicesTable(report, armLabel);
        return part === 'tests' ? armTestsTable(report, locale, armLabel) : armRatesTable(report, locale, armLabel);
      },
      `experimentgroepen-${part}`,
      locale,
    );
  });

  webDownload(web, '/dashboard/kosten.csv', DOWNLOAD, async ({ ctx, locale, query }) =>
    csvOf(
      async () => {
        const s = await readSelection(web.deps, ctx, web.ruleBook, locale, query);
        const view = await costsView(web.deps, ctx, s, locale);
        return view ? costsTable(view.costs, locale) : null;
      },
      `kosten-baten-${one(query.experiment)}`,
      locale,
    ),
  );
}
