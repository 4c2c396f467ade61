import type { ArchiveResult } from '../../../app/worklist/search-archive.ts';
import { ARCHIVE_LIMIT } from '../../../app/worklist/search-archive.ts';
import { Alert, Button, Form, FormField, Heading, Link, Paragraph, Table, Textbox } from '../../components/index.ts';
import { formatDate } from '../../i18n/locale.ts';
import { useWeb } from '../../web-context.ts';
import { ddasLabel } from '../worklist/messages.ts';
import { addressOfKey } from '../worklist/parts.tsx';
import { archiveMessages } from './messages.ts';

export interface ArchiveFormValues {
  caseId: string;
  postcode: string;
  name: string;
  from: string;
  to: string;
}

/** The archive: a search form over closed cases and, once searched, what it found. */
export function ArchivePage({ values, result, errors }: { values: ArchiveFormValues; result?: ArchiveResult | undefined; errors: Record<string, string> }) {
  const { locale } = useWeb();
  const t = archiveMessages(locale);
  return (
    <>
      <Heading level={1}>{t('archiveTitle')}</Heading>
      <Paragraph>{t('archiveIntro')}</Paragraph>
      {errors.form ? <Alert type="error">{errors.form}</Alert> : null}
      <Form action="/archief" method="get" label={t('searchTitle')} id="archive-search">
        <div className="vs-columns">
          <FormField id="caseId" label={t('caseId')} error={errors.caseId}>
            <Textbox id="caseId" name="caseId" value={values.caseId} inputMode="numeric" error={errors.caseId} />
          </FormField>
          <FormField id="postcode" label={t('postcode')} error={errors.postcode}>
            <Textbox id="postcode" name="postcode" value={values.postcode} autoComplete="off" error={errors.postcode} />
          </FormField>
          <FormField id="name" label={t('name')} description={t('nameHelp')} error={errors.name}>
            <Textbox id="name" name="name" value={values.name} autoComplete="off" hasDescription error={errors.name} />
          </FormField>
        </div>
        <div className="vs-columns">
          <FormField id="from" label={t('closedFrom')} error={errors.from}>
            <Textbox id="from" name="from" type="date" value={values.from} error={errors.from} />
          </FormField>
          <FormField id="to" label={t('closedTo')} error={errors.to}>
            <Textbox id="to" name="to" type="date" value={values.to} error={errors.to} />
          </FormField>
        </div>
        <Button>{t('searchButton')}</Button>
      </Form>
      {result ? (
        <section aria-labelledby="archive-results" className="vs-section">
          <Heading level={2} id="archive-results">
            {t('results')}
          </Heading>
          {result.more ? <Alert type="warning">{t('more', { n: ARCHIVE_LIMIT })}</Alert> : null}
          <Table
            caption={t('results')}
            captionHidden
            rows={result.rows}
            rowKey={(r) => r.id}
            empty={t('none')}
            columns={[
              { key: 'case', header: t('colCase'), cell: (r) => <Link href={`/zaken/${r.id}`}>{r.id}</Link> },
              { key: 'address', header: t('colAddress'), cell: (r) => addressOfKey(r.address_key) },
              { key: 'signals', header: t('colSignals'), cell: (r) => r.signal_count, numeric: true },
              { key: 'result', header: t('colResult'), cell: (r) => ddasLabel(r.result ?? '', locale) },
              { key: 'closed', header: t('colClosed'), cell: (r) => formatDate(locale, r.closed_at) },
            ]}
          />
        </section>
      ) : null}
    </>
  );
}
