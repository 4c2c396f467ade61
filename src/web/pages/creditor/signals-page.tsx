import type { listOwnSignals, OwnSignalView } from '../../../app/creditor/list-own-signals.ts';
import { CREDITOR_VISIBLE_STATUSES } from '../../../domain/feedback/creditor-status-filter.ts';
import { Button, Form, FormField, Heading, Link, Paragraph, Select, Table, Textbox, type Column } from '../../components/index.ts';
import { formatDate, formatDateTime, formatNumber } from '../../i18n/locale.ts';
import { useWeb } from '../../web-context.ts';
import { creditorMessages } from './messages.ts';
import { FeedbackBadge } from './feedback-badge.tsx';
import { Pager, withQuery } from './parts.tsx';

export interface SignalFilters {
  status: string;
  type: string;
  from: string;
  until: string;
  reference: string;
}

type View = Awaited<ReturnType<typeof listOwnSignals>>;

/** The organisation's signals with the feedback it may see; filters are a GET form (bookmarkable, no JavaScript). */
export function SignalsPage({ view, filters, types, errors }: { view: View; filters: SignalFilters; types: Array<{ value: string; label: string }>; errors: { from?: string; until?: string } }) {
  const { locale } = useWeb();
  const t = creditorMessages(locale);
  const typeLabel = new Map(types.map((x) => [x.value, x.label]));
  const columns: Column<OwnSignalView>[] = [
    { key: 'reference', header: t('colReference'), cell: (s) => <Link href={`/signalen/${s.id}`}>{s.reference}</Link> },
    { key: 'type', header: t('signalType'), cell: (s) => typeLabel.get(s.signalType) ?? s.signalType },
    { key: 'date', header: t('colSignalDate'), cell: (s) => formatDate(locale, s.signalDate) },
    { key: 'municipality', header: t('colMunicipality'), cell: (s) => s.municipalityCode },
    { key: 'received', header: t('colReceived'), cell: (s) => formatDateTime(locale, s.receivedAt) },
    { key: 'feedback', header: t('colFeedback'), cell: (s) => <FeedbackBadge status={s.status} /> },
  ];
  return (
    <>
      <Heading level={1}>{t('signalsTitle')}</Heading>
      <Paragraph lead>{t('signalsIntro')}</Paragraph>
      <section aria-labelledby="filters-heading" className="vs-section">
        <Heading level={2} id="filters-heading">
          {t('filters')}
        </Heading>
        <Form action="/signalen" method="get" label={t('filters')}>
          <div className="vs-filters">
            <FormField id="reference" label={t('reference')} description={t('referenceHelp')}>
              <Textbox id="reference" name="kenmerk" type="search" value={filters.reference} hasDescription />
            </FormField>
            <FormField id="status" label={t('status')}>
              <Select id="status" name="status" value={filters.status} options={[{ value: '', label: t('allStatuses') }, ...CREDITOR_VISIBLE_STATUSES.map((s) => ({ value: s, label: s }))]} />
            </FormField>
            <FormField id="type" label={t('signalType')}>
              <Select id="type" name="soort" value={filters.type} options={[{ value: '', label: t('allTypes') }, ...types]} />
            </FormField>
            <FormField id="from" label={t('dateFrom')} error={errors.from}>
              <Textbox id="from" name="van" type="date" value={filters.from} error={errors.from} />
            </FormField>
            <FormField id="until" label={t('dateUntil')} error={errors.until}>
              <Textbox id="until" name="tot" type="date" value={filters.until} error={errors.until} />
            </FormField>
            <Button appearance="secondary-action">{t('filter')}</Button>
          </div>
        </Form>
      </section>
      <Table
        caption={view.total === 1 ? t('signalsCaptionOne') : t('signalsCaption', { total: formatNumber(locale, view.total), page: view.page, pages: view.pages })}
        columns={columns}
        rows={view.rows}
        rowKey={(s) => s.id}
        empty={t('noSignals')}
      />
      <Pager page={view.page} pages={view.pages} t={t} href={(page) => withQuery('/signalen', { kenmerk: filters.reference, status: filters.status, soort: filters.type, van: filters.from, tot: filters.until, page })} />
    </>
  );
}
