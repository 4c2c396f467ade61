import { CSV_COLUMN_DOCS, CSV_COLUMNS, REQUIRED_CSV_COLUMNS, type CsvColumn } from '../../../domain/signals/csv-columns.ts';
import { ButtonLink, Heading, Link, Paragraph, Table, type Column } from '../../components/index.ts';
import { commonMessages } from '../../i18n/common.ts';
import { useWeb } from '../../web-context.ts';
import { creditorMessages } from './messages.ts';
import { textIn } from '../../../domain/i18n/index.ts';

/** The CSV template's columns, from the same list the parser and GET /v1/templates/signals-columns use. */
export function ColumnsPage() {
  const { locale } = useWeb();
  const t = creditorMessages(locale);
  const c = commonMessages(locale);
  const columns: Column<CsvColumn>[] = [
    { key: 'name', header: t('colColumn'), cell: (col) => <code>{col}</code> },
    { key: 'required', header: t('colRequired'), cell: (col) => (REQUIRED_CSV_COLUMNS.includes(col) ? c('yes') : c('no')) },
    { key: 'meaning', header: t('colMeaning'), cell: (col) => textIn(CSV_COLUMN_DOCS[col], locale) },
    { key: 'example', header: t('colExample'), cell: (col) => (CSV_COLUMN_DOCS[col].example ? <code>{CSV_COLUMN_DOCS[col].example}</code> : '—') },
  ];
  return (
    <>
      <Heading level={1}>{t('columnsTitle')}</Heading>
      <Paragraph lead>{t('columnsIntro')}</Paragraph>
      <div className="vs-actions">
        <ButtonLink href="/v1/templates/signals.csv">{t('downloadTemplate')}</ButtonLink>
        <Link href="/wat-mag-ik-aanleveren">{t('maySendLink')}</Link>
      </div>
      <Table caption={t('columnsCaption')} columns={columns} rows={[...CSV_COLUMNS]} rowKey={(col) => col} />
      <Paragraph>{t('jsonlNote')}</Paragraph>
      <Paragraph>
        <Link href="/aanleveren">{t('backToDeliver')}</Link>
      </Paragraph>
    </>
  );
}
