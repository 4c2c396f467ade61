import path from 'node:path';
import type { Kysely } from 'kysely';
import { parseCbsHeader, parseCbsLine, type CbsAddressRow } from '../../domain/addresses/cbs-layout.ts';
import { readCbsRowBytes, type CbsRowBytes } from '../../domain/addresses/cbs-bytes.ts';
import { BinaryCopyWriter } from '../../infra/copy/binary-copy-writer.ts';
import { byteBatches } from '../../infra/files/byte-batches.ts';
import { firstLine } from '../../infra/files/first-line.ts';
import { sha256File } from '../../infra/files/sha256-file.ts';
import type { DB } from '../../db/schema.ts';
import {
  ADDRESS_ROW_COLUMNS,
  compareAddressVersion,
  completeAddressVersion,
  createAddressVersion,
  findAddressVersionBySha,
  firstDuplicateAddress,
  indexAddressVersion,
  storeAddressChunk,
  type AddressChanges,
  type AddressVersionRow,
} from '../../db/repositories/address-table.ts';

/** The file is not the accepted layout, or lists an address twice: nothing of it is used. */
export class AddressTableRefused extends Error {}

export interface ImportAddressTableInput {
  file: string;
  /** The day the version applies from; default 1 January of the header's year. */
  validFrom?: string;
  onProgress?: (p: { lines: number; bytes: number }) => void;
  /** Bytes of the file per transaction (the resume point moves this far at a time). */
  bytesPerChunk?: number;
}

export interface ImportAddressTableResult {
  outcome: 'imported' | 'resumed' | 'unchanged';
  version: AddressVersionRow;
  changes: AddressChanges | null;
}

/** About 300,000 lines per transaction. */
const BYTES_PER_CHUNK = 8 << 20;
const UNIQUE_VIOLATION = '23505';

/**
 * Imports the CBS address table as a dated version: streamed in chunks, each stored with its resume
 * point in one transaction (an interrupted import of the same file resumes), then indexed and
 * compared with the version before it. The same file imported again changes nothing. Refused lines
 * are counted with their reason; the rest of the file is kept.
 */
export async function importAddressTable(deps: { db: Kysely<DB> }, input: ImportAddressTableInput): Promise<ImportAddressTableResult> {
  const head = await firstLine(input.file);
  if (!head) throw new AddressTableRefused('the file is empty');
  const header = parseCbsHeader(head.line);
  if ('error' in header) throw new AddressTableRefused(`not the CBS address table layout: ${header.error}`);
  if (input.validFrom !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(input.validFrom)) throw new AddressTableRefused(`valid-from '${input.validFrom}' is not a date (YYYY-MM-DD)`);

  const sha = await sha256File(input.file);
  let version = await findAddressVersionBySha(deps.db, sha);
  if (version?.status === 'complete') return { outcome: 'unchanged', version, changes: version.changes };
  const resumed = version !== undefined;
  version ??= await createAddressVersion(deps.db, {
    validFrom: input.validFrom ?? `${header.year}-01-01`,
    sourceName: path.basename(input.file),
    sourceSha256: sha,
    referenceYear: header.year,
  });

  await loadRows(deps.db, version, input, head.endByte);
  try {
    await indexAddressVersion(deps.db, version.id);
  } catch (e) {
    if ((e as { code?: string }).code !== UNIQUE_VIOLATION) throw e;
    const dup = await firstDuplicateAddress(deps.db, version.id);
    throw new AddressTableRefused(`the file lists an address more than once (e.g. ${dup?.postcode} ${dup?.houseNumber}); it was not used`);
  }
  const changes = await compareAddressVersion(deps.db, version.id, version.validFrom);
  await completeAddressVersion(deps.db, version.id, changes);
  const done = (await findAddressVersionBySha(deps.db, sha))!;
  return { outcome: resumed ? 'resumed' : 'imported', version: done, changes };
}

/** Parses the next chunk while the previous one is being stored: the two cores work at once. */
async function loadRows(db: Kysely<DB>, version: AddressVersionRow, input: ImportAddressTableInput, headerEnd: number): Promise<void> {
  const writers = [new BinaryCopyWriter(16 << 20), new BinaryCopyWriter(16 << 20)];
  let turn = 0;
  let line = version.linesDone === 0 ? 1 : version.linesDone;
  let storing: Promise<void> = Promise.resolve();
  const start = version.bytesDone === 0 ? headerEnd : version.bytesDone;
  const row: CbsRowBytes = { postcodeAt: 0, houseNumber: 0, neighbourhood: 0, district: 0, municipality: 0 };
  for await (const batch of byteBatches(input.file, { start, bytesPerBatch: input.bytesPerChunk ?? BYTES_PER_CHUNK })) {
    const w = writers[turn]!;
    turn ^= 1;
    // The other writer's chunk may still be being stored; this one's store finished before it started.
    w.reset();
    const refused: Array<{ line: number; reason: string }> = [];
    let refusedCount = 0;
    let rows = 0;
    const bytes = batch.bytes;
    for (let from = 0; from < bytes.length; ) {
      const nl = bytes.indexOf(10, from);
      const next = nl === -1 ? bytes.length : nl + 1;
      const end = nl === -1 ? bytes.length : bytes[nl - 1] === 13 ? nl - 1 : nl;
      line++;
      if (end > from) {
        if (readCbsRowBytes(bytes, from, end, row)) {
          writeRow(w, version.id, bytes.subarray(row.postcodeAt, row.postcodeAt + 6), row);
          rows++;
        } else {
          const r = parseCbsLine(bytes.toString('latin1', from, end));
          if ('reason' in r) {
            refusedCount++;
            if (refused.length < 100) refused.push({ line, reason: r.reason });
          } else {
            writeRow(w, version.id, Buffer.from(r.postcode, 'latin1'), r);
            rows++;
          }
        }
      }
      from = next;
    }
    const progress = { linesDone: line, bytesDone: batch.endByte, rowsStored: rows, refused, refusedCount };
    await storing;
    storing = storeAddressChunk(db, version.id, [w.bytes()], progress).then(() => input.onProgress?.({ lines: line, bytes: batch.endByte }));
    // Awaited before the next store or at the end; until then a failure must not count as unhandled.
    storing.catch(() => undefined);
  }
  await storing;
}

/** One address as a COPY tuple; the postcode's ASCII bytes are its text value as they are. */
function writeRow(w: BinaryCopyWriter, versionId: number, postcode: Uint8Array, r: Omit<CbsAddressRow, 'postcode'>): void {
  w.row(ADDRESS_ROW_COLUMNS.length);
  w.int4(versionId);
  w.bytea(postcode);
  w.int4(r.houseNumber);
  w.int4(r.neighbourhood);
  w.int4(r.district);
  w.int4(r.municipality);
}
