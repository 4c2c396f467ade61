import { BinaryCopyWriter } from '../../db/copy/binary-copy-writer.ts';
import { SIGNAL_COPY_COLUMNS, type PgType } from '../../db/signal-columns.ts';
import type { SignalRow } from './signal-row.ts';

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

const NAMES = SIGNAL_COPY_COLUMNS.slice(2).map((c) => c.name);
const TYPES: readonly PgType[] = SIGNAL_COPY_COLUMNS.slice(2).map((c) => c.pg);

/** Writes one accepted signal as a COPY tuple with placeholder id and row number; returns where the tuple starts. */
export function writeSignalTuple(w: BinaryCopyWriter, r: SignalRow): number {
  const row = r as unknown as Record<string, unknown>;
  const start = w.row(SIGNAL_COPY_COLUMNS.length);
  w.int8(0);
  w.int4(0);
  for (let i = 0; i < NAMES.length; i++) {
    const v = row[NAMES[i]!];
    switch (TYPES[i]) {
      case 'text':
        w.text(v as string | null | undefined);
        break;
      case 'date':
        w.date(v as string | null | undefined);
        break;
      case 'int8':
        w.int8(v as string | number | null | undefined);
        break;
      case 'int4':
        w.int4(v as number | null | undefined);
        break;
      case 'bool':
        w.bool(v as boolean | null | undefined);
        break;
      case 'uuid':
        w.uuid(v as string | null | undefined);
        break;
      case 'jsonb':
        w.jsonb(v === null || v === undefined ? null : JSON.stringify(v));
        break;
      case 'text[]':
        w.textArray(v as readonly string[] | null | undefined);
        break;
    }
  }
  return start;
}

/** Fills in a tuple's id and row number (big-endian, as COPY wants them). */
export function patchSignalTuple(view: DataView, start: number, id: number, rowNo: number): void {
  const hi = Math.floor(id / 0x1_0000_0000);
  view.setUint32(start + ID_AT, hi);
  view.setUint32(start + ID_AT + 4, id - hi * 0x1_0000_0000);
  view.setInt32(start + ROW_NO_AT, rowNo);
}
