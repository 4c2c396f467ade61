import type { ExperimentSummary } from '../../../app/experiments/list-experiments.ts';
import { STAGES, STAGE_LABELS } from '../../../domain/experiments/stages.ts';
import { Button, ButtonLink, Form, FormField, Heading, Link, Paragraph, Select, Table } from '../../components/index.ts';
import { formatDate } from '../../i18n/locale.ts';
import { useWeb } from '../../web-context.ts';
import { experimentMessages } from './messages.ts';
import { formMessages } from './form-messages.ts';
import { StageBadge } from './stage-badge.tsx';
import { ReportDueAlert, reportDueColumn } from '../dashboard/report-due-column.tsx';
import type { ReportDue } from '../../../domain/evaluation/report-due.ts';
import { textIn } from '../../../domain/i18n/index.ts';

/** The register: every experiment the user may see, with its stage. */
export function RegisterPage({ experiments, stage, reportDues = {}, canCreate = false, typeName }: { experiments: ExperimentSummary[]; stage: string; reportDues?: Record<string, ReportDue | null>; canCreate?: boolean; typeName: (type: string) => string }) {
  const { locale } = useWeb();
  const t = experimentMessages(locale);
  return (
    <>
      <Heading level={1}>{t('registerTitle')}</Heading>
      <Paragraph lead>{t('registerIntro')}</Paragraph>
      {canCreate ? (
        <Paragraph>
          <ButtonLink href="/experimenten/nieuw" appearance="primary-action">
            {formMessages(locale)('newButton')}
          </ButtonLink>
        </Paragraph>
      ) : null}
      <ReportDueAlert experiments={experiments} dues={reportDues} />
      <Form action="/experimenten" method="get" label={t('filter')}>
        <FormField id="stage" label={t('filterStage')}>
          <Select id="stage" name="stage" value={stage} options={[{ value: '', label: t('allStages') }, ...STAGES.map((s) => ({ value: s, label: textIn(STAGE_LABELS[s], locale) }))]} />
        </FormField>
        <Button type="submit" appearance="secondary-action">
          {t('filter')}
        </Button>
      </Form>
      <Table
        caption={t('registerTitle')}
        rows={experiments}
        rowKey={(e) => e.id}
        empty={t('none')}
        columns={[
          { key: 'name', header: t('name'), cell: (e) => <Link href={`/experimenten/${e.id}`}>{textIn(e.name, locale)}</Link> },
          { key: 'signal', header: t('signal'), cell: (e) => (e.signalType ? typeName(e.signalType) : '—') },
          { key: 'stage', header: t('stage'), cell: (e) => <StageBadge stage={e.stage} /> },
          { key: 'participants', header: t('participants'), numeric: true, cell: (e) => e.participants.length },
          { key: 'period', header: t('period'), cell: (e) => (e.plannedStart ? `${formatDate(locale, e.plannedStart)} – ${formatDate(locale, e.plannedEnd)}` : '—') },
          reportDueColumn(locale, reportDues),
        ]}
      />
    </>
  );
}
