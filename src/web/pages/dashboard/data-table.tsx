import type { Column, EvaluationTable } from '../../../domain/evaluation/tables.ts';
import { MIN_CELL } from '../../../domain/statistics/suppress.ts';
import { Paragraph } from '../../components/index.ts';
import type { Locale } from '../../i18n/locale.ts';
import { useWeb } from '../../web-context.ts';
import { dashboardMessages } from './messages.ts';
import { textIn } from '../../../domain/i18n/index.ts';

type Row = EvaluationTable['rows'][number];
const SUPPRESSED = `<${MIN_CELL}`;
const isNumeric = (c: Column) => c.type !== 'dimension';

/** One figure for people: counts with thousands separators, shares as percentages, amounts with cents. */
function formatValue(v: string | number | null | undefined, c: Column, locale: Locale): string {
  if (v === null || v === undefined || v === '') return '–';
  if (typeof v === 'string') return v;
  const loc = locale === 'nl' ? 'nl-NL' : 'en-GB';
  switch (c.type) {
    case 'share':
      return `${(v * 100).toLocaleString(loc, { maximumFractionDigits: 1 })}%`;
    case 'amount':
      return v.toLocaleString(loc, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    case 'count':
      return v.toLocaleString(loc, { maximumFractionDigits: 0 });
    default:
      return v.toLocaleString(loc, { maximumFractionDigits: 4 });
  }
}

/**
 * An evaluation table as an accessible HTML table: caption, column headers, the first column as
 * row headers, "<10" where a cell is suppressed (the CSV writes the same), the table's notes and a
 * link to download it as CSV. The container scrolls sideways on narrow screens and can take focus
 * for that (WCAG 2.1.1).
 */
export function DataTable({
  table,
  csvHref,
  groupLabel,
  hide = [],
  textOf,
}: {
  table: EvaluationTable;
  csvHref?: string | undefined;
  groupLabel?: (r: Row) => string;
  hide?: string[];
  /** Words for a code in a text column (a refusal's code), so no raw code is shown; the CSV keeps the code. */
  textOf?: (column: string, value: string) => string;
}) {
  const { locale } = useWeb();
  const t = dashboardMessages(locale);
  const cols = table.columns.filter((c) => !hide.includes(c.key));
  const title = textIn(table.title, locale);
  const cell = (r: Row, c: Column, i: number) => {
    if (r.suppressed.includes(c.key)) return SUPPRESSED;
    if (i === 0 && groupLabel) return groupLabel(r);
    const v = r[c.key];
    return textOf && typeof v === 'string' ? textOf(c.key, v) : formatValue(v, c, locale);
  };
  return (
    <div className="vs-data-table">
      <div className="utrecht-table-container utrecht-table-container--overflow-inline vs-scroll" tabIndex={0} role="region" aria-label={title}>
        <table className="utrecht-table utrecht-table--html-table">
          <caption className="utrecht-table__caption">{title}</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              {cols.map((c) => (
                <th key={c.key} scope="col" className={`utrecht-table__header-cell${isNumeric(c) ? ' utrecht-table__header-cell--numeric-column' : ''}`}>
                  {textIn(c.label, locale)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {table.rows.length === 0 ? (
              <tr className="utrecht-table__row">
                <td className="utrecht-table__cell" colSpan={cols.length}>
                  {t('noRows')}
                </td>
              </tr>
            ) : (
              table.rows.map((r, ri) => (
                <tr className="utrecht-table__row" key={ri}>
                  {cols.map((c, i) =>
                    i === 0 ? (
                      <th key={c.key} scope="row" className="utrecht-table__header-cell">
                        {cell(r, c, i)}
                      </th>
                    ) : (
                      <td key={c.key} className={`utrecht-table__cell${isNumeric(c) ? ' utrecht-table__cell--numeric-data' : ''}`}>
                        {cell(r, c, i)}
                      </td>
                    ),
                  )}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {table.notes.map((n) => (
        <Paragraph small key={n.nl}>
          {textIn(n, locale)}
        </Paragraph>
      ))}
      {csvHref ? (
        <Paragraph small>
          <a className="utrecht-link utrecht-link--html-a" href={csvHref} download>
            {t('csv')}
            <span className="vs-visually-hidden">{t('csvOf', { title })}</span>
          </a>
        </Paragraph>
      ) : null}
    </div>
  );
}
