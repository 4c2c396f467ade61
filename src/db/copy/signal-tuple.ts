import { BinaryCopyWriter } from '../../infra/copy/binary-copy-writer.ts';
import { SIGNAL_COPY_COLUMNS, type PgType } from '../signal-columns.ts';
import type { SignalRow } from '../signal-row.ts';
import { compile, int, prop } from '../../domain/signals/field-code.ts';

/**
 * The columns intake COPYs into signals, in tuple order (signal-columns.ts). id and row_no come
 * first, as placeholders at fixed offsets: a worker thread encodes the row, the store fills in the
 * id it reserved and the row's number in the file once it knows them.
 */
export const SIGNAL_COPY_COLUMN_NAMES: readonly string[] = SIGNAL_COPY_COLUMNS.map((c) => c.name);

/** Offsets from a tuple's start: field count (2), then id's length word (4) and value (8), then row_no's length (4) and value. */
const ID_AT = 2 + 4;
const ROW_NO_AT = ID_AT + 8 + 4;

if (SIGNAL_COPY_COLUMNS[0]?.name !== 'id' || SIGNAL_COPY_COLUMNS[1]?.name !== 'row_no') throw new Error('signal COPY tuples must start with id and row_no');

/** The writer call for a column's value `v` by its PostgreSQL type. */
function write(pg: PgType, v: string): string {
  switch (pg) {
    case 'text':
      return `w.text(${v});`;
    case 'date':
      return `w.date(${v});`;
    case 'int8':
      return `w.int8(${v});`;
    case 'int4':
      return `w.int4(${v});`;
    case 'bool':
      return `w.bool(${v});`;
    case 'uuid':
      return `w.uuid(${v});`;
    case 'jsonb':
      return `w.jsonb(${v} === null || ${v} === undefined ? null : JSON.stringify(${v}));`;
    case 'text[]':
      return `w.textArray(${v});`;
  }
}

/**
 * Writes one accepted signal as a COPY tuple with placeholder id and row number; returns where the
 * tuple starts. Compiled from the column list (field-code.ts): one writer call per column, in order.
 */
export const writeSignalTuple = compile<(w: BinaryCopyWriter, r: SignalRow) => number>(
  ['w', 'r'],
  [
    `const start = w.row(${int(SIGNAL_COPY_COLUMNS.length)});`,
    'w.int8(0);',
    'w.int4(0);',
    ...SIGNAL_COPY_COLUMNS.slice(2).map((c) => write(c.pg, `r.${prop(c.name)}`)),
    'return start;',
  ].join('\n'),
);

/** Fills in a tuple's id and row number (big-endian, as COPY wants them). */
export function patchSignalTuple(view: DataView, start: number, id: number, rowNo: number): void {
  const hi = Math.floor(id / 0x1_0000_0000);
  view.setUint32(start + ID_AT, hi);
  view.setUint32(start + ID_AT + 4, id - hi * 0x1_0000_0000);
  view.setInt32(start + ROW_NO_AT, rowNo);
}
