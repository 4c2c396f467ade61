import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import { BinaryCopyWriter } from '../../infra/copy/binary-copy-writer.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * The rows of a binary COPY, travelling through Kysely as the one parameter of a `copy … from
 * stdin` statement. Kysely has no COPY; both drivers (database.ts for PostgreSQL, pglite-dialect.ts
 * for PGlite) recognise this parameter and stream the data in instead of binding it, so COPY runs
 * on the caller's connection — inside its transaction — on both engines with the same SQL.
 */
export class CopyPayload {
  constructor(
    /** Tuples in binary COPY format, without header and trailer (see BinaryCopyWriter). */
    readonly tuples: readonly Uint8Array[],
  ) {}

  /** The whole COPY stream: header, tuples, trailer. */
  stream(): Uint8Array[] {
    return [BinaryCopyWriter.HEADER, ...this.tuples, BinaryCopyWriter.TRAILER];
  }
}

/** SQL of a COPY statement with a payload: the driver runs it without the trailing parameter. */
export function isCopy(text: string, parameters: readonly unknown[]): parameters is readonly [CopyPayload] {
  return parameters.length === 1 && parameters[0] instanceof CopyPayload && /^\s*copy\s/i.test(text);
}

/** The statement itself, without the placeholder of its payload. */
export function copyStatement(text: string): string {
  return text.replace(/\s*\$1\s*$/, '');
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

/**
 * Bulk-loads rows (binary COPY tuples, written with BinaryCopyWriter) into a table, on the
 * executor's connection: in a transaction, all or nothing with the rest of it. Returns nothing;
 * the caller knows how many rows it wrote.
 */
export async function copyInto(db: Executor, table: string, columns: readonly string[], tuples: readonly Uint8Array[]): Promise<void> {
  if (!IDENT.test(table) || !columns.every((c) => IDENT.test(c))) throw new Error('copyInto: table and column names must be plain identifiers');
  if (tuples.every((t) => t.length === 0)) return;
  await sql`copy ${sql.raw(table)} (${sql.raw(columns.join(', '))}) from stdin with (format binary) ${new CopyPayload(tuples)}`.execute(db);
}
