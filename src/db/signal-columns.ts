import { SIGNAL_FIELDS, type StoredAs } from '../domain/signals/signal-fields.ts';

/**
 * The `signals` columns intake writes, derived from the field table (the delivered fields) plus the
 * columns the platform adds (who sent it, pseudonyms, matching keys, the rule applied). The insert
 * statement and the binary COPY both take their column lists from here; a test holds the list equal
 * to the table's columns in the database.
 */

export type PgType = 'text' | 'date' | 'int8' | 'int4' | 'jsonb' | 'bool' | 'uuid' | 'text[]';

export interface StoredColumn {
  name: string;
  pg: PgType;
}

const PG_OF: Record<StoredAs, PgType> = {
  text: 'text',
  postcode: 'text',
  date: 'date',
  cents: 'int8',
  components_cents: 'jsonb',
  bool: 'bool',
  text_array: 'text[]',
};

/** Written by the platform, not delivered. id and row_no lead: COPY tuples carry them as placeholders at fixed offsets. */
const PLATFORM_LEADING: readonly StoredColumn[] = [
  { name: 'id', pg: 'int8' },
  { name: 'row_no', pg: 'int4' },
  { name: 'sender_org_id', pg: 'text' },
  { name: 'content_hash', pg: 'text' },
  { name: 'batch_id', pg: 'uuid' },
  { name: 'creditor_org_id', pg: 'text' },
  { name: 'bsn_pseudonym', pg: 'text' },
  { name: 'subject_pseudonym', pg: 'text' },
];

const PLATFORM_TRAILING: readonly StoredColumn[] = [
  { name: 'address_key', pg: 'text' },
  { name: 'surname_key', pg: 'text' },
  { name: 'regulation_version', pg: 'text' },
  { name: 'rule_id', pg: 'text' },
  { name: 'routing', pg: 'text' },
  { name: 'routed_from', pg: 'text' },
];

const FIELD_COLUMNS: readonly StoredColumn[] = SIGNAL_FIELDS.flatMap((f) => (f.column === null ? [] : [{ name: f.column, pg: PG_OF[f.stored] }]));

/** Every column intake writes, in COPY tuple order (id first, then row_no). */
export const SIGNAL_COPY_COLUMNS: readonly StoredColumn[] = Object.freeze([...PLATFORM_LEADING, ...FIELD_COLUMNS, ...PLATFORM_TRAILING]);

/** The columns of the bulk insert (the database assigns the id). */
export const SIGNAL_INSERT_COLUMNS: readonly StoredColumn[] = Object.freeze(SIGNAL_COPY_COLUMNS.filter((c) => c.name !== 'id'));

/** Columns the database fills itself (defaults), which intake never writes. */
export const SIGNAL_DEFAULT_COLUMNS: readonly string[] = ['received_at'];
