import { MAX_REMINDER_FILE_BYTES, REMINDER_CSV_COLUMNS, type ReminderCodeResult, type ReminderCsvOutcome } from '../../../app/resident/reminder-codes-csv.ts';
import { MAX_REMINDERS_PER_CALL } from '../../../app/resident/issue-reminder-codes.ts';
import { REMINDER_PROBLEM_TEXT } from '../../../domain/resident/reminder-request.ts';
import { Alert, DataList, FormField, Heading, Paragraph, Table, type Column } from '../../components/index.ts';
import { formatDate, formatNumber, type Locale } from '../../i18n/locale.ts';
import { useWeb } from '../../web-context.ts';
import { reminderCodeMessages } from './reminder-codes-messages.ts';

type WithCode = Extract<ReminderCodeResult, { code: string }>;
type WithProblem = Extract<ReminderCodeResult, { problem: string }>;

export interface ReminderCodesPageProps {
  /** The address printed in the letter: PUBLIC_URL + /mijn-signaal. */
  pageUrl: string;
  outcome?: ReminderCsvOutcome | { fileProblem: 'NO_FILE' };
}

/**
 * The codes' only copy goes out as a data: link in this very answer: the platform keeps nothing it
 * could hand out again, so there is no later download to guard. CSP does not govern downloads.
 */
const dataUrl = (csv: string) => `data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`;

function FileProblem({ outcome, locale }: { outcome: Extract<NonNullable<ReminderCodesPageProps['outcome']>, { fileProblem: string }>; locale: Locale }) {
  const t = reminderCodeMessages(locale);
  const missing = 'missing' in outcome && outcome.missing ? outcome.missing.join(', ') : '';
  return <Alert type="error">{t(`file_${outcome.fileProblem}`, { columns: missing, max: formatNumber(locale, MAX_REMINDERS_PER_CALL), mb: MAX_REMINDER_FILE_BYTES / (1024 * 1024) })}</Alert>;
}

function Result({ rows, csv, locale }: { rows: ReminderCodeResult[]; csv: string; locale: Locale }) {
  const t = reminderCodeMessages(locale);
  const codes = rows.filter((r): r is WithCode => 'code' in r);
  const problems = rows.filter((r): r is WithProblem => 'problem' in r);
  const problemColumns: Column<WithProblem>[] = [
    { key: 'line', header: t('colLine'), numeric: true, cell: (r) => r.line },
    { key: 'reference', header: t('colReference'), cell: (r) => r.reference },
    { key: 'field', header: t('colField'), cell: (r) => <code>{r.field}</code> },
    { key: 'why', header: t('colWhy'), cell: (r) => REMINDER_PROBLEM_TEXT[r.problem][locale] },
  ];
  const codeColumns: Column<WithCode>[] = [
    { key: 'line', header: t('colLine'), numeric: true, cell: (r) => r.line },
    { key: 'reference', header: t('colReference'), cell: (r) => r.reference },
    { key: 'postcode', header: t('colPostcode'), cell: (r) => r.postcode },
    { key: 'house', header: t('colHouseNumber'), cell: (r) => r.houseNumber },
    { key: 'code', header: t('colCode'), cell: (r) => <code>{r.code}</code> },
    { key: 'until', header: t('colValidUntil'), cell: (r) => formatDate(locale, r.expiresOn) },
  ];
  return (
    <section aria-labelledby="result-heading" className="vs-section">
      <Heading level={2} id="result-heading">
        {t('resultHeading')}
      </Heading>
      <Alert type={problems.length ? 'warning' : 'ok'}>{t('summary', { issued: codes.length, rows: rows.length, problems: problems.length })}</Alert>
      {codes.length ? (
        <>
          <Paragraph>
            <strong>{t('onceWarning')}</strong>
          </Paragraph>
          <Paragraph>
            <a className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" id="download-codes" href={dataUrl(csv)} download="herinneringscodes.csv">
              {t('download')}
            </a>
          </Paragraph>
        </>
      ) : null}
      {problems.length ? <Table caption={t('problemsCaption', { n: problems.length })} columns={problemColumns} rows={problems} rowKey={(r) => String(r.line)} /> : null}
      <Table caption={t('codesCaption', { n: codes.length })} columns={codeColumns} rows={codes} rowKey={(r) => String(r.line)} empty={t('noCodes')} />
    </section>
  );
}

/** Reminder codes in bulk (issue 24 point 1): upload a CSV, get one code per reminder once, and the letter text. */
export function ReminderCodesPage({ pageUrl, outcome }: ReminderCodesPageProps) {
  const { locale, csrfToken } = useWeb();
  const t = reminderCodeMessages(locale);
  return (
    <>
      <Heading level={1}>{t('title')}</Heading>
      <Paragraph lead>{t('intro')}</Paragraph>
      {outcome && 'fileProblem' in outcome ? <FileProblem outcome={outcome} locale={locale} /> : null}
      {outcome && 'rows' in outcome ? <Result rows={outcome.rows} csv={outcome.csv} locale={locale} /> : null}
      <section aria-labelledby="upload-heading" className="vs-section">
        <Heading level={2} id="upload-heading">
          {t('uploadHeading')}
        </Heading>
        <form className="utrecht-form" action="/herinneringscodes" method="post" encType="multipart/form-data" aria-labelledby="upload-heading">
          <input type="hidden" name="_csrf" value={csrfToken} />
          <FormField id="codes-file" label={t('file')} description={t('fileHelp')}>
            <input
              className="utrecht-textbox utrecht-textbox--html-input"
              type="file"
              id="codes-file"
              name="file"
              accept=".csv,text/csv"
              required
              aria-required="true"
              aria-describedby="codes-file-description"
            />
          </FormField>
          <button className="utrecht-button utrecht-button--primary-action" type="submit">
            {t('upload')}
          </button>
        </form>
        <Heading level={3}>{t('columnsHeading')}</Heading>
        <DataList items={REMINDER_CSV_COLUMNS.map((c) => ({ key: <code>{c}</code>, value: t(`col_${c}`) }))} />
      </section>
      <section aria-labelledby="letter-heading" className="vs-section">
        <Heading level={2} id="letter-heading">
          {t('letterHeading')}
        </Heading>
        <Paragraph>{t('letterIntro')}</Paragraph>
        {(['nl', 'en'] as const).map((lang) => {
          const m = reminderCodeMessages(lang);
          return (
            <div key={lang} lang={lang} className="vs-letter-fragment">
              <Heading level={3}>{m('letterLanguage')}</Heading>
              <Paragraph>{m('letter', { url: pageUrl, code: m('codePlaceholder'), until: m('untilPlaceholder') })}</Paragraph>
            </div>
          );
        })}
      </section>
    </>
  );
}
