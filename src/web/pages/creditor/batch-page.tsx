import type { getBatchResultsPage, ResultRow } from '../../../app/creditor/batch-results-page.ts';
import { RESULT_OUTCOMES, RESULTS_PAGE_SIZE } from '../../../app/creditor/batch-results-page.ts';
import { Alert, Button, ButtonLink, DataList, Form, FormField, Heading, Link, Paragraph, Select, Table, type Column } from '../../components/index.ts';
import type { FileRefusal } from '../../../app/intake/file/file-refused.ts';
import { textIn } from '../../../domain/i18n/index.ts';
import { formatDateTime, formatNumber } from '../../i18n/locale.ts';
import { useWeb } from '../../web-context.ts';
import { creditorMessages } from './messages.ts';
import { BatchStatusBadge, CitationLink, OutcomeBadge, Pager, withQuery } from './parts.tsx';

type View = NonNullable<Awaited<ReturnType<typeof getBatchResultsPage>>>;

/** A delivery: its facts and counts, the results CSV, and the per-row results, paged, each refused row linked to its explanation. */
export function BatchPage({ view, outcome }: { view: View; outcome: string }) {
  const { locale } = useWeb();
  const t = creditorMessages(locale);
  const b = view.batch;
  const base = `/aanleveren/batches/${b.id}`;
  const err = b.error as FileRefusal | null;
  const rowsWithCheck = view.rows;
  const columns: Column<ResultRow>[] = [
    { key: 'row', header: t('colRow'), numeric: true, cell: (r) => formatNumber(locale, r.row) },
    { key: 'reference', header: t('colReference'), cell: (r) => r.reference ?? <span className="vs-muted">{t('noReference')}</span> },
    { key: 'outcome', header: t('colOutcome'), cell: (r) => <OutcomeBadge outcome={r.outcome} t={t} /> },
    {
      key: 'explanation',
      header: t('colExplanation'),
      cell: (r) =>
        r.outcome === 'accepted' ? (
          <>
            {t('acceptedBy', { version: r.regulationVersion ?? '—' })}
            {r.signalId ? (
              <>
                {' · '}
                <Link href={`/signalen/${r.signalId}`}>{t('signalLink', { id: r.signalId })}</Link>
              </>
            ) : null}
          </>
        ) : r.outcome === 'duplicate' ? (
          t('duplicateText')
        ) : (
          <ul className="utrecht-unordered-list vs-compact-list">
            {r.refusals.map((x, i) => (
              <li className="utrecht-unordered-list__item" key={i}>
                {textIn(x.message, locale)}
                {x.citation ? (
                  <>
                    {' ('}
                    <CitationLink c={x.citation} locale={locale} />
                    {')'}
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        ),
    },
    {
      key: 'why',
      header: t('colWhy'),
      cell: (r) => (r.outcome === 'refused' || r.outcome === 'conflict' ? <Link href={`${base}/rijen/${r.row}`}>{t('whyLink', { row: r.row })}</Link> : null),
    },
  ];
  const from = (view.page - 1) * RESULTS_PAGE_SIZE + 1;
  const to = Math.min(view.total, view.page * RESULTS_PAGE_SIZE);
  return (
    <>
      <Heading level={1}>{t('batchTitle', { name: b.filename ?? t('noFilename') })}</Heading>
      <Paragraph>
        <Link href="/aanleveren">{t('backToDeliver')}</Link>
      </Paragraph>
      {b.status === 'receiving' ? (
        <div id="batch-watch" data-batch-id={b.id}>
          <Alert type="info">{t('stillReceiving')}</Alert>
        </div>
      ) : null}
      {err ? <Alert type="error">{t('fileError', { message: textIn(err, locale) })}</Alert> : null}
      <section aria-labelledby="facts-heading" className="vs-section">
        <Heading level={2} id="facts-heading">
          {t('batchFacts')}
        </Heading>
        <DataList
          items={[
            { key: t('colStatus'), value: <BatchStatusBadge status={b.status} t={t} /> },
            { key: t('batchId'), value: <code>{b.id}</code> },
            { key: t('formatLabel'), value: b.format === 'csv' ? t('formatCsv') : t('formatJsonl') },
            { key: t('received'), value: formatDateTime(locale, b.created_at) },
            { key: t('completedAt'), value: formatDateTime(locale, b.completed_at) },
            {
              key: t('bytes'),
              value: b.bytes_expected === null ? formatNumber(locale, b.bytes_received) : t('bytesOf', { received: formatNumber(locale, b.bytes_received), expected: formatNumber(locale, b.bytes_expected) }),
            },
            {
              key: t('colRows'),
              value: t('rowsLine', {
                total: formatNumber(locale, b.rows_total),
                accepted: formatNumber(locale, view.counts.accepted),
                refused: formatNumber(locale, view.counts.refused),
                duplicate: formatNumber(locale, view.counts.duplicate),
                conflict: formatNumber(locale, view.counts.conflict),
              }),
            },
          ]}
        />
        <div className="vs-actions">
          <ButtonLink href={`${base}/resultaten.csv`}>{t('downloadResults')}</ButtonLink>
        </div>
      </section>
      <section aria-labelledby="results-heading" className="vs-section">
        <Heading level={2} id="results-heading">
          {t('resultsHeading')}
        </Heading>
        <Form action={base} method="get" label={t('filter')}>
          <div className="vs-filters">
            <FormField id="outcome" label={t('filterOutcome')}>
              <Select id="outcome" name="uitkomst" value={outcome} options={[{ value: '', label: t('allOutcomes') }, ...RESULT_OUTCOMES.map((o) => ({ value: o, label: t(`outcome_${o}`) }))]} />
            </FormField>
            <Button appearance="secondary-action">{t('filter')}</Button>
          </div>
        </Form>
        <Table
          caption={view.total === 0 ? t('resultsCaptionEmpty') : t('resultsCaption', { from: formatNumber(locale, from), to: formatNumber(locale, to), total: formatNumber(locale, view.total), page: view.page, pages: view.pages })}
          columns={columns}
          rows={rowsWithCheck}
          rowKey={(r) => String(r.row)}
          empty={t('resultsCaptionEmpty')}
        />
        <Pager page={view.page} pages={view.pages} t={t} href={(page) => withQuery(base, { uitkomst: outcome, page })} />
      </section>
    </>
  );
}
