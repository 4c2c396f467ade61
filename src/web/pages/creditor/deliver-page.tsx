import type { listOwnBatches } from '../../../app/creditor/list-own-batches.ts';
import { ButtonLink, FormField, Heading, Link, Paragraph, Select, Table, type Column } from '../../components/index.ts';
import { formatDateTime, formatNumber } from '../../i18n/locale.ts';
import { useWeb } from '../../web-context.ts';
import { creditorMessages } from './messages.ts';
import { BatchStatusBadge } from './parts.tsx';

/** Native <progress> (accessible by itself), sized here: web.css belongs to the shell. */
const BAR = { display: 'block', width: '100%', maxWidth: '32rem', height: '1.25rem' } as const;

type Batch = Awaited<ReturnType<typeof listOwnBatches>>[number];

/** The script's texts in the page's language ({placeholders} filled in by the script). */
const SCRIPT_TEXTS = ['uploading', 'processing', 'processingRows', 'completed', 'viewResults', 'uploadFailed', 'chooseFile', 'networkError'] as const;

/**
 * Upload with progress: /assets/web/creditor-upload.js sends the file to POST /v1/batches (session
 * cookie + X-CSRF-Token) with upload progress, follows the batch's processing through the API and
 * links to its results. Without JavaScript the page says how to deliver through the API instead.
 */
export function DeliverPage({ batches }: { batches: Batch[] }) {
  const { locale, csrfToken } = useWeb();
  const t = creditorMessages(locale);
  const columns: Column<Batch>[] = [
    { key: 'file', header: t('colFile'), cell: (b) => <Link href={`/aanleveren/batches/${b.id}`}>{b.filename ?? t('noFilename')}</Link> },
    { key: 'received', header: t('colReceived'), cell: (b) => formatDateTime(locale, b.created_at) },
    { key: 'status', header: t('colStatus'), cell: (b) => <BatchStatusBadge status={b.status} t={t} /> },
    { key: 'rows', header: t('colRows'), numeric: true, cell: (b) => formatNumber(locale, b.rows_total) },
    { key: 'accepted', header: t('colAccepted'), numeric: true, cell: (b) => formatNumber(locale, b.rows_accepted) },
    { key: 'refused', header: t('colRefused'), numeric: true, cell: (b) => formatNumber(locale, b.rows_refused) },
    { key: 'duplicate', header: t('colDuplicate'), numeric: true, cell: (b) => formatNumber(locale, b.rows_duplicate) },
  ];
  const texts = Object.fromEntries(SCRIPT_TEXTS.map((k) => [`data-text-${k.toLowerCase()}`, t(k)]));
  return (
    <>
      <Heading level={1}>{t('deliverTitle')}</Heading>
      <Paragraph lead>{t('deliverIntro')}</Paragraph>
      <section aria-labelledby="upload-heading" className="vs-section">
        <Heading level={2} id="upload-heading">
          {t('uploadHeading')}
        </Heading>
        <noscript>
          <div className="utrecht-alert utrecht-alert--warning">
            <div className="utrecht-alert__content">
              <div className="utrecht-alert__message">{t('noScript')}</div>
            </div>
          </div>
        </noscript>
        {/* Enhanced by creditor-upload.js; data-* carry the CSRF token for the API header and the texts it shows. */}
        <form className="utrecht-form" id="upload-form" action="/aanleveren" method="get" data-csrf={csrfToken} data-lang={locale} aria-labelledby="upload-heading" {...texts}>
          <FormField id="upload-file" label={t('file')} description={t('fileHelp')}>
            <input
              className="utrecht-textbox utrecht-textbox--html-input"
              type="file"
              id="upload-file"
              name="file"
              accept=".csv,.jsonl,.ndjson,text/csv,application/x-ndjson"
              required
              aria-required="true"
              aria-describedby="upload-file-description"
            />
          </FormField>
          <FormField id="upload-format" label={t('format')}>
            <Select
              id="upload-format"
              name="format"
              value="auto"
              options={[
                { value: 'auto', label: t('formatAuto') },
                { value: 'csv', label: t('formatCsv') },
                { value: 'jsonl', label: t('formatJsonl') },
              ]}
            />
          </FormField>
          <button className="utrecht-button utrecht-button--primary-action" type="submit" id="upload-button">
            {t('uploadButton')}
          </button>
        </form>
        <div id="upload-progress" hidden>
          <div className="utrecht-form-field utrecht-form-field--distanced">
            <label className="utrecht-form-label" htmlFor="upload-bar">
              {t('progressUpload')}
            </label>
            <progress id="upload-bar" style={BAR} max={100} value={0} />
          </div>
          <div className="utrecht-form-field utrecht-form-field--distanced">
            <label className="utrecht-form-label" htmlFor="process-bar">
              {t('progressProcess')}
            </label>
            <progress id="process-bar" style={BAR} max={100} value={0} />
          </div>
        </div>
        {/* Announced to screen readers as the upload goes on; filled by the script. */}
        <div id="upload-status" role="status" aria-live="polite" />
      </section>
      <section aria-labelledby="template-heading" className="vs-section">
        <Heading level={2} id="template-heading">
          {t('templateHeading')}
        </Heading>
        <Paragraph>{t('templateIntro')}</Paragraph>
        <div className="vs-actions">
          <ButtonLink href="/v1/templates/signals.csv">{t('downloadTemplate')}</ButtonLink>
          <Link href="/aanleveren/kolommen">{t('columnsLink')}</Link>
          <Link href="/wat-mag-ik-aanleveren">{t('maySendLink')}</Link>
        </div>
      </section>
      <section aria-labelledby="recent-heading" className="vs-section">
        <Heading level={2} id="recent-heading">
          {t('recentHeading')}
        </Heading>
        <Table caption={t('batchesCaption', { n: batches.length })} columns={columns} rows={batches} rowKey={(b) => b.id} empty={t('noBatches')} />
      </section>
    </>
  );
}
