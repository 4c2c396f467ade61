import type { ReactNode } from 'react';

export interface Column<T> {
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  numeric?: boolean;
}

/**
 * NL Design System table with a caption (read out first by screen readers) and row headers left
 * to the caller's first column. rowClass lets a page make rows stand out (overdue). scrollLabel makes
 * the container a labelled, keyboard-focusable region that scrolls sideways on its own (a narrow
 * screen), so the page itself never does; give it only where one table's label is unique on the page.
 * captionHidden keeps the caption for screen readers only, where a visible heading right above says the same.
 */
export function Table<T>({ caption, columns, rows, rowKey, rowClass, empty, scrollLabel, captionHidden }: { caption: ReactNode; columns: Column<T>[]; rows: T[]; rowKey: (row: T) => string; rowClass?: (row: T) => string | undefined; empty?: ReactNode; scrollLabel?: string; captionHidden?: boolean }) {
  return (
    <div className={`utrecht-table-container utrecht-table-container--overflow-inline${scrollLabel ? ' vs-scroll' : ''}`} {...(scrollLabel ? { role: 'region', 'aria-label': scrollLabel, tabIndex: 0 } : {})}>
      <table className="utrecht-table utrecht-table--html-table utrecht-table--row-hover">
        <caption className={`utrecht-table__caption${captionHidden ? ' vs-visually-hidden' : ''}`}>{caption}</caption>
        <thead className="utrecht-table__header">
          <tr className="utrecht-table__row">
            {columns.map((c) => (
              <th key={c.key} scope="col" className={`utrecht-table__header-cell${c.numeric ? ' utrecht-table__header-cell--numeric-column' : ''}`}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="utrecht-table__body">
          {rows.length === 0 ? (
            <tr className="utrecht-table__row">
              <td className="utrecht-table__cell" colSpan={columns.length}>
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((r) => (
              <tr key={rowKey(r)} className={['utrecht-table__row', rowClass?.(r)].filter(Boolean).join(' ')}>
                {columns.map((c) => (
                  <td key={c.key} className={`utrecht-table__cell${c.numeric ? ' utrecht-table__cell--numeric-data' : ''}`}>
                    {c.cell(r)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
