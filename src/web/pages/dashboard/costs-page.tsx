import type { ExperimentEvaluationScope } from '../../../app/evaluation/experiment-scope.ts';
import type { StoredCostParameters } from '../../../app/evaluation/cost-parameters.ts';
import type { CostBenefit } from '../../../domain/statistics/costs.ts';
import { Alert, Button, DataList, Form, FormField, Heading, ListItem, Paragraph, ProblemsAlert, Textbox, UnorderedList } from '../../components/index.ts';
import { formatDate, formatNumber } from '../../i18n/locale.ts';
import { useWeb } from '../../web-context.ts';
import { ChartFigure } from './chart-figure.tsx';
import { chartOfCosts } from './charts.ts';
import { DataTable } from './data-table.tsx';
import { costsTable } from './extra-tables.ts';
import { dashboardMessages, parameterLabels } from './messages.ts';
import { ReportDueBadge } from './report-due-badge.tsx';
import { DashboardShell, type DashboardFrame } from './shell.tsx';
import { textIn } from '../../../domain/i18n/index.ts';

export interface CostsView {
  scope: ExperimentEvaluationScope;
  costs: CostBenefit;
  parameters: StoredCostParameters;
  /** The form's values: the stored parameters, or what was sent when it was refused. */
  values: Record<string, string>;
  problems: string[];
  saved: boolean;
  csvHref: string;
  reportHref: { html: string; pdf: string };
  /** Hidden fields that bring the user back to the same selection after saving. */
  back: Record<string, string>;
}

function ParameterForm({ view }: { view: CostsView }) {
  const { locale } = useWeb();
  const t = dashboardMessages(locale);
  return (
    <section className="vs-section" aria-labelledby="h-params">
      <Heading level={3} id="h-params">
        {t('paramsTitle')}
      </Heading>
      <Paragraph>{t('paramsIntro')}</Paragraph>
      <ProblemsAlert lead={`${t('paramErrors')}:`} problems={view.problems} />
      <Form action={`/dashboard/kosten/${view.scope.id}`} label={t('paramsTitle')}>
        {Object.entries(view.back).map(([k, v]) => (
          <input type="hidden" name={k} value={v} key={k} />
        ))}
        <div className="vs-columns">
          {(Object.keys(parameterLabels) as Array<keyof typeof parameterLabels>).map((k) => (
            <FormField key={k} id={`p-${k}`} label={textIn(parameterLabels[k], locale)} error={view.problems.find((p) => p.startsWith(`${k}:`))}>
              <Textbox id={`p-${k}`} name={k} value={view.values[k] ?? ''} inputMode="decimal" size={10} error={view.problems.find((p) => p.startsWith(`${k}:`))} />
            </FormField>
          ))}
        </div>
        <Button type="submit">{t('save')}</Button>
      </Form>
    </section>
  );
}

function Report({ view }: { view: CostsView }) {
  const { locale } = useWeb();
  const t = dashboardMessages(locale);
  const due = view.scope.due;
  return (
    <section className="vs-section" aria-labelledby="h-report">
      <Heading level={2} id="h-report">
        {t('reportTitle')}
      </Heading>
      <Paragraph>{t('reportIntro')}</Paragraph>
      {due?.warning ? <Alert type={due.status === 'overdue' ? 'error' : 'warning'}>{textIn(due.warning, locale)}</Alert> : null}
      {due ? (
        <DataList
          items={[
            { key: t('regulation'), value: due.regulationTitle },
            { key: t('inForce'), value: formatDate(locale, due.inForceFrom) },
            { key: t('due'), value: <ReportDueBadge due={due} /> },
            // Past the due date the warning says how long ago; "days left" would be negative.
            ...(due.daysLeft >= 0 ? [{ key: t('daysLeft'), value: formatNumber(locale, due.daysLeft) }] : []),
          ]}
        />
      ) : (
        <Paragraph>{t('noDue')}</Paragraph>
      )}
      <UnorderedList>
        <ListItem>
          <a className="utrecht-link utrecht-link--html-a" href={view.reportHref.html}>
            {t('reportHtml')}
          </a>
        </ListItem>
        <ListItem>
          <a className="utrecht-link utrecht-link--html-a" href={view.reportHref.pdf} download>
            {t('reportPdf')}
          </a>
        </ListItem>
      </UnorderedList>
    </section>
  );
}

/**
 * Costs and benefits of one experiment (issue 7, point 3) with its parameters, editable by those
 * who manage experiments, and the art. 1.3 report (point 4): due date, warning, HTML and PDF.
 */
export function CostsPage({ frame, view, canEdit }: { frame: DashboardFrame; view: CostsView | null; canEdit: boolean }) {
  const { locale } = useWeb();
  const t = dashboardMessages(locale);
  if (!view)
    return (
      <DashboardShell tab="costs" frame={frame}>
        <Heading level={2}>{t('tabCosts')}</Heading>
        <Alert type="info">{t('chooseExperiment')}</Alert>
      </DashboardShell>
    );
  const name = textIn(view.scope.name, locale);
  return (
    <DashboardShell tab="costs" frame={frame}>
      <Heading level={2}>{t('costsCaption', { name })}</Heading>
      <Paragraph>{t('costsIntro')}</Paragraph>
      {view.saved ? <Alert type="ok">{t('saved')}</Alert> : null}
      <Heading level={3}>{t('inputs')}</Heading>
      <DataList
        items={[
          { key: t('signalsDelivered'), value: formatNumber(locale, view.costs.inputs.signalsDelivered) },
          { key: t('signalsHandled'), value: formatNumber(locale, view.costs.inputs.signalsHandled) },
          { key: t('creditorOrganisations'), value: formatNumber(locale, view.costs.inputs.creditorOrganisations) },
        ]}
      />
      <ChartFigure id="chart-costs" title={t('costsChartTitle')} data={chartOfCosts(view.costs, locale)} />
      <DataTable table={costsTable(view.costs, locale)} csvHref={view.csvHref} />
      <Paragraph small>{view.parameters.defaults ? t('defaults') : t('edited', { date: formatDate(locale, view.parameters.updatedAt) })}</Paragraph>
      <Paragraph small>{t('source', { source: view.parameters.source })}</Paragraph>
      {canEdit ? <ParameterForm view={view} /> : null}
      <Report view={view} />
    </DashboardShell>
  );
}
