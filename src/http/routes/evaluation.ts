import { Type, type Static, type TSchema, type TString } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app/context.ts';
import { computeEvaluation } from '../../app/evaluation/compute-evaluation.ts';
import { compareExperimentArms } from '../../app/evaluation/compare-experiment-arms.ts';
import { computeExperimentCostBenefit } from '../../app/evaluation/compute-cost-benefit.ts';
import { CostParameterError, getCostParameters, setCostParameters } from '../../app/evaluation/cost-parameters.ts';
import { ExperimentNotFound } from '../../app/experiments/errors.ts';
import { buildArticleReport, ReportSubjectNotFound } from '../../app/evaluation/build-article-report.ts';
import { renderReportHtml } from '../../app/evaluation/report/render-html.ts';
import { renderReportPdf } from '../../app/evaluation/report/render-pdf.ts';
import { EvaluationInputError, type EvaluationQuery } from '../../app/evaluation/scope.ts';
import { DIMENSIONS, TABLE_KEYS, type Dimension } from '../../domain/evaluation/tables.ts';
import { SIGNAL_PARTNER_TYPES } from '../../domain/ddas/vocabulary.ts';
import { DEFAULT_COST_PARAMETERS } from '../../domain/statistics/costs.ts';
import { callContext } from '../plugins/auth.ts';
import { requestLang } from '../language.ts';
import { untranslated } from '../../domain/i18n/index.ts';
import { HttpProblem, problemDetail } from '../problem.ts';
import { responses } from '../openapi-helpers.ts';
import { tableCsv } from './evaluation-csv.ts';

const Day = (description: string) => Type.String({ format: 'date', description });
const List = <T extends TSchema = TString>(description: string, items?: T) => Type.Optional(Type.Array((items ?? Type.String({ maxLength: 100 })) as T, { maxItems: 50, description }));

const FilterQuery = {
  from: Day('First day of the period (signal date; for cases the first signal date)'),
  to: Day('Last day of the period, inclusive'),
  municipality: List('CBS municipality codes (GM0363); a municipality’s own staff always see their own only'),
  creditorType: List('DDAS signal-partner types', Type.Union(SIGNAL_PARTNER_TYPES.map((t) => Type.Literal(t)))),
  signalType: List('Signal types of the rule data (municipal_tax, mortgage, …)'),
  arm: List('Experiment arms as stored on cases (<experiment>/<arm>)'),
  experiment: Type.Optional(Type.String({ maxLength: 100, description: 'Only the cases (and their signals) of this experiment' })),
  lang: Type.Optional(Type.Union([Type.Literal('nl'), Type.Literal('en')], { description: 'Language of labels (CSV headers); default Accept-Language' })),
};
const TablesQuery = Type.Object({ ...FilterQuery, groupBy: Type.Optional(Type.Union(DIMENSIONS.map((d) => Type.Literal(d)), { default: 'total' })) }, { additionalProperties: false });
const TableQuery = Type.Object(
  { ...FilterQuery, groupBy: Type.Optional(Type.Union(DIMENSIONS.map((d) => Type.Literal(d)), { default: 'total' })), format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')], { description: 'csv: download (also with Accept: text/csv)' })) },
  { additionalProperties: false },
);
const ComparisonQuery = Type.Object({ ...FilterQuery, reference: Type.Optional(Type.String({ maxLength: 100, description: 'The reference arm; default the first' })) }, { additionalProperties: false });
const ReportQuery = Type.Object(
  {
    from: Type.Optional(Day('First day covered; default the experiment’s start or the regulation’s entry into force')),
    to: Type.Optional(Day('Last day covered; default today or the experiment’s end')),
    signalType: List('The signal type(s) reported on, when the subject is a regulation rather than a registered experiment'),
    format: Type.Optional(Type.Union([Type.Literal('html'), Type.Literal('pdf'), Type.Literal('json')], { default: 'html' })),
    lang: Type.Optional(Type.Union([Type.Literal('nl'), Type.Literal('en')])),
  },
  { additionalProperties: false },
);
const SubjectParams = Type.Object({ experimentId: Type.String({ minLength: 1, maxLength: 100, pattern: '^[a-z0-9][a-z0-9-]*$', description: 'Experiment id, or a regulation id of the rule data' }) });
const TableParams = Type.Object({ tableKey: Type.Union(TABLE_KEYS.map((k) => Type.Literal(k))) });

const Localized = Type.Object({ nl: Type.String(), en: Type.String() });
const TableSchema = Type.Object(
  {
    key: Type.String(),
    title: Localized,
    dimension: Type.String(),
    columns: Type.Array(Type.Object({ key: Type.String(), label: Localized, type: Type.String() })),
    rows: Type.Array(Type.Record(Type.String(), Type.Unknown()), { description: 'One object per group; null where suppressed (listed in "suppressed") or not available' }),
    notes: Type.Array(Localized),
  },
  { $id: 'EvaluationTable', title: 'EvaluationTable' },
);
const FilterSchema = Type.Record(Type.String(), Type.Unknown(), { description: 'The filter as applied (within the caller’s own scope)' });
const ParametersSchema = Type.Object(
  Object.fromEntries(Object.keys(DEFAULT_COST_PARAMETERS).map((k) => [k, Type.Optional(Type.Number({ minimum: 0 }))])),
  { additionalProperties: false, $id: 'CostParameters', title: 'CostParameters' },
);

type FilterQ = Static<typeof ComparisonQuery>;
const toQuery = (q: Partial<FilterQ> & { from: string; to: string }): EvaluationQuery => ({
  from: q.from,
  to: q.to,
  municipalities: q.municipality,
  creditorTypes: q.creditorType,
  signalTypes: q.signalType,
  arms: q.arm,
  experiment: q.experiment,
});

/** Known failures of the evaluation use cases as problem+json. */
function asProblem(e: unknown): never {
  if (e instanceof EvaluationInputError) throw new HttpProblem(400, 'invalidInput', untranslated(e.message), 'INVALID_INPUT', [{ name: e.field, in: 'query', reason: e.message }]);
  if (e instanceof CostParameterError) throw new HttpProblem(400, 'invalidInput', untranslated(e.message), 'INVALID_PARAMETERS', e.errors.map((x) => ({ ...x, in: 'body' })));
  if (e instanceof ReportSubjectNotFound) throw new HttpProblem(404, 'notFound', untranslated(`${e.message}.`), 'NOT_FOUND');
  if (e instanceof ExperimentNotFound) throw new HttpProblem(404, 'notFound', problemDetail('experimentNotParticipating', { experimentId: e.experimentId }), 'NOT_FOUND');
  throw e;
}
const guard = async <T>(f: () => Promise<T>): Promise<T> => {
  try {
    return await f();
  } catch (e) {
    return asProblem(e);
  }
};

const wantsCsv = (req: FastifyRequest, format: string | undefined) => format === 'csv' || (format === undefined && /\btext\/csv\b/.test(req.headers.accept ?? ''));

function sendCsv(reply: FastifyReply, name: string, body: string) {
  return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(body);
}

/**
 * Monitoring and evaluation (TR art. 1.3): aggregate tables (JSON and CSV), experiment arms
 * compared, costs and benefits, and the report to the Minister. Permission evaluation:read; the
 * evaluator never sees a person, only suppressed aggregates.
 */
export function registerEvaluationRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.addSchema(TableSchema);
  app.addSchema(ParametersSchema);
  const tags = ['Evaluation'];

  app.get<{ Querystring: Static<typeof TablesQuery> }>(
    '/v1/evaluation/tables',
    {
      schema: {
        operationId: 'listEvaluationTables',
        tags,
        summary: 'Every evaluation table for a period, grouped by one dimension (aggregates only, cells under 10 suppressed)',
        querystring: TablesQuery,
        response: responses({ 200: { description: 'The evaluation', schema: Type.Object({ filter: FilterSchema, groupBy: Type.String(), generatedAt: Type.String({ format: 'date-time' }), tables: Type.Array(Type.Ref(TableSchema)) }) } }),
      },
    },
    async (req) => {
      const ctx = callContext(req, 'evaluation:read');
      return guard(() => computeEvaluation(deps, ctx, { ...toQuery(req.query), groupBy: (req.query.groupBy ?? 'total') as Dimension }));
    },
  );

  app.get<{ Params: Static<typeof TableParams>; Querystring: Static<typeof TableQuery> }>(
    '/v1/evaluation/tables/:tableKey',
    {
      schema: {
        operationId: 'getEvaluationTable',
        tags,
        summary: 'One evaluation table, as JSON or as a CSV download',
        params: TableParams,
        querystring: TableQuery,
        response: responses({ 200: { description: 'The table (application/json), or text/csv with format=csv or Accept: text/csv', schema: Type.Ref(TableSchema), alsoAs: ['text/csv'] } }),
      },
    },
    async (req, reply) => {
      const ctx = callContext(req, 'evaluation:read');
      const ev = await guard(() => computeEvaluation(deps, ctx, { ...toQuery(req.query), groupBy: (req.query.groupBy ?? 'total') as Dimension }));
      const t = ev.tables.find((x) => x.key === req.params.tableKey)!;
      if (wantsCsv(req, req.query.format)) return sendCsv(reply, `${t.key}-${t.dimension}-${ev.filter.from}-${ev.filter.to}`, tableCsv(t, requestLang(req)));
      return t;
    },
  );

  app.get<{ Querystring: Static<typeof ComparisonQuery> }>(
    '/v1/evaluation/arm-comparisons',
    {
      schema: {
        operationId: 'compareExperimentArms',
        tags,
        summary: 'Outcome rates per experiment arm with 95% Wilson intervals, a significance test and a plain-language reading',
        querystring: ComparisonQuery,
        response: responses({
          200: {
            description: 'Comparisons',
            schema: Type.Object({
              arms: Type.Array(Type.String()),
              reference: Type.Union([Type.String(), Type.Null()]),
              outcomes: Type.Array(Type.Record(Type.String(), Type.Unknown())),
              residentChoices: Type.Array(
                Type.Object({ arm: Type.String(), objected: Type.Union([Type.Integer(), Type.Null()]), consented: Type.Union([Type.Integer(), Type.Null()]), help: Type.Union([Type.Integer(), Type.Null()]) }),
                {
                description: "Objections, consents and help requests residents made on /mijn-signaal in the period, per arm (the arm of the reminder's municipality, or of the household where arms are drawn per household); null: fewer than 10 (suppressed)",
              }),
            }),
          },
        }),
      },
    },
    async (req) => {
      const ctx = callContext(req, 'evaluation:read');
      return guard(() => compareExperimentArms(deps, ctx, { ...toQuery(req.query), reference: req.query.reference }));
    },
  );

  app.get<{ Params: Static<typeof SubjectParams> }>(
    '/v1/evaluation/cost-parameters/:experimentId',
    {
      schema: {
        operationId: 'getCostParameters',
        tags,
        summary: 'The cost-benefit parameters of an experiment (the explanatory notes’ figures unless edited)',
        params: SubjectParams,
        response: responses({ 200: { description: 'Parameters', schema: Type.Object({ experimentId: Type.String(), parameters: Type.Ref(ParametersSchema), defaults: Type.Boolean(), source: Type.String(), updatedAt: Type.Union([Type.String(), Type.Null()]) }) } }),
      },
    },
    async (req) => getCostParameters(deps, callContext(req, 'evaluation:read'), req.params.experimentId),
  );

  app.put<{ Params: Static<typeof SubjectParams>; Body: Record<string, number> }>(
    '/v1/evaluation/cost-parameters/:experimentId',
    {
      schema: {
        operationId: 'putCostParameters',
        tags,
        summary: 'Edit an experiment’s cost-benefit parameters (omitted ones take the notes’ figures)',
        params: SubjectParams,
        body: Type.Ref(ParametersSchema),
        response: responses({ 200: { description: 'Stored', schema: Type.Object({ experimentId: Type.String(), parameters: Type.Ref(ParametersSchema), defaults: Type.Boolean(), source: Type.String(), updatedAt: Type.Union([Type.String(), Type.Null()]) }) } }),
      },
    },
    async (req) => {
      const ctx = callContext(req, 'experiments:manage');
      return guard(() => setCostParameters(deps, ctx, req.params.experimentId, req.body));
    },
  );

  app.get<{ Params: Static<typeof SubjectParams>; Querystring: Static<typeof ComparisonQuery> }>(
    '/v1/evaluation/cost-benefits/:experimentId',
    {
      schema: {
        operationId: 'getCostBenefit',
        tags,
        summary: 'Costs and benefits of an experiment over a period, with its parameters',
        params: SubjectParams,
        querystring: ComparisonQuery,
        response: responses({ 200: { description: 'The account', schema: Type.Record(Type.String(), Type.Unknown()) } }),
      },
    },
    async (req) => {
      const ctx = callContext(req, 'evaluation:read');
      return guard(() => computeExperimentCostBenefit(deps, ctx, req.params.experimentId, toQuery(req.query)));
    },
  );

  app.get<{ Params: Static<typeof SubjectParams>; Querystring: Static<typeof ReportQuery> }>(
    '/v1/evaluation/reports/:experimentId',
    {
      schema: {
        operationId: 'getArticleReport',
        tags,
        summary: 'The art. 1.3 report to the Minister for an experiment (or a regulation’s signal): HTML, PDF or its content as JSON',
        params: SubjectParams,
        querystring: ReportQuery,
        response: responses({ 200: { description: 'text/html, application/pdf or application/json (format)', schema: Type.Record(Type.String(), Type.Unknown()), alsoAs: ['text/html', 'application/pdf'] } }),
      },
    },
    async (req, reply) => {
      const ctx = callContext(req, 'evaluation:read');
      const report = await guard(() => buildArticleReport(deps, ctx, { subjectId: req.params.experimentId, from: req.query.from, to: req.query.to, signalTypes: req.query.signalType }));
      const lang = requestLang(req);
      const format = req.query.format ?? 'html';
      if (format === 'json') return report;
      const name = `rapportage-art-1.3-${req.params.experimentId}-${report.period.to}`;
      if (format === 'pdf')
        return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}.pdf"`).send(await renderReportPdf(report, lang));
      return reply.type('text/html; charset=utf-8').send(renderReportHtml(report, lang));
    },
  );
}
