import type { Pseudonymizer } from '../../../domain/privacy/pseudonym.ts';
import type { AddressRouter } from '../../../domain/routing/address-router.ts';
import type { Refusal } from '../../../domain/rules/judgement.ts';
import { BinaryCopyWriter } from '../../../infra/copy/binary-copy-writer.ts';
import type { SignalJudge } from '../../rules/signal-judge.ts';
import { decodeRows, forEachChunkRow, type RowLayout, type ShapeCheck } from '../file/chunk-rows.ts';
import type { TextEncoding } from '../file/file-chunks.ts';
import { FileRefused, type FileRefusal } from '../file/file-refused.ts';
import { routeAndJudge } from './judge-signal.ts';
import { CandidateIndex, type OtherRow as ChunkOtherRow } from '../../../domain/intake/chunk-decision.ts';
import { isObjected, refusedRowFacts, toStoredRefusals, type StoredRefusal } from '../../../domain/intake/row-outcomes.ts';
import { writeSignalTuple } from '../../../db/copy/signal-tuple.ts';
import { toSignalRow } from '../../../db/signal-row.ts';

/** What judging a chunk needs: in a worker thread it is rebuilt from a snapshot (intake-workers.ts). */
export interface IntakeKit {
  judge: SignalJudge;
  router: AddressRouter;
  pseudonymize: Pseudonymizer;
  /** Needed for JSON Lines only. */
  checkShape?: ShapeCheck;
}

export interface ChunkJob {
  bytes: Uint8Array;
  /** Byte offset of the chunk in the file. */
  offset: number;
  layout: RowLayout;
  senderOrgId: string;
  /** The latest signal date that is not in the future when the chunk was read (signal-date-bound.ts). */
  latestSignalDate: string;
  batchId: string;
}

/** A row that is not stored as a new signal: refused, or a later copy (same reference) of a row earlier in the chunk. */
export type OtherRow = ChunkOtherRow<StoredRefusal>;

/**
 * A judged chunk, ready to store: binary COPY tuples of its accepted rows (their id and row number
 * are placeholders the store fills in) and what the store needs of every row. Plain data and one
 * transferable buffer, so it crosses from a worker thread without copying the tuples.
 */
export interface ProcessedChunk {
  rows: number;
  lines: number;
  /** How the chunk's bytes were read (a CSV file without a byte order mark may be Windows-1252). */
  encoding: TextEncoding;
  tuples: Uint8Array;
  accepted: {
    /** Row index within the chunk. */
    index: Int32Array;
    /** Where each tuple starts in `tuples`. */
    at: Int32Array;
    references: string[];
    contentHashes: string[];
    /** The subjects' pseudonyms, comma-separated (base64url: no commas), one string rather than thousands. */
    subjects: string;
  };
  others: OtherRow[];
  /** Broken CSV quoting from this line of the chunk on (the rows before it are here). */
  syntax?: { line: number; code: string };
  /** The chunk could not be read at all (not UTF-8, a NUL byte). */
  refused?: FileRefusal;
}

let sharedWriter: BinaryCopyWriter | undefined;

const UNSTORABLE: Refusal = {
  code: 'ROW_NOT_STORABLE',
  inputError: true,
  message: {
    nl: 'De regel bevat tekens die niet bewaard kunnen worden (een ongeldig Unicode-teken).',
    en: 'The row holds characters that cannot be stored (an invalid Unicode character).',
  },
};

/**
 * Reads, judges and encodes one chunk of a batch file: the CPU-heavy part of intake, with no I/O,
 * so it runs in worker threads in parallel with the database work. A reference repeated within the
 * chunk is stored once; its later rows are duplicates (same content) or conflicts. `output` gives
 * the buffer the tuples are copied into.
 */
export function processChunk(kit: IntakeKit, job: ChunkJob, output: (bytes: number) => Uint8Array = (n) => new Uint8Array(n)): ProcessedChunk {
  const empty = { index: new Int32Array(0), at: new Int32Array(0), references: [], contentHashes: [], subjects: '' };
  let text: string;
  let encoding: TextEncoding;
  try {
    ({ text, encoding } = decodeRows(job.bytes, job.offset, job.layout));
  } catch (e) {
    if (e instanceof FileRefused) return { rows: 0, lines: 0, encoding: 'utf-8', tuples: new Uint8Array(0), accepted: empty, others: [], refused: e.toJSON() };
    throw e;
  }
  // One writer per thread, reused: a chunk's tuples are copied out at the end (processChunk is synchronous).
  const writer = (sharedWriter ??= new BinaryCopyWriter(4 << 20));
  writer.reset();
  const index: number[] = [];
  const at: number[] = [];
  const references: string[] = [];
  const subjects: string[] = [];
  const others: OtherRow[] = [];
  const candidates = new CandidateIndex();
  const refuse = (i: number, reference: string, refusals: readonly Refusal[], facts: ReturnType<typeof refusedRowFacts> | null) =>
    others.push({ index: i, reference, outcome: 'refused', refusals: toStoredRefusals(refusals), facts, objected: isObjected(refusals) });

  const sender = { organisationId: job.senderOrgId, latestSignalDate: job.latestSignalDate };
  const read = forEachChunkRow(text, job.layout, (row) => {
    if (!('signal' in row)) return refuse(row.index, row.reference, [row.unreadable], null);
    const { signal, judgement, routing } = routeAndJudge(row.signal, sender, kit.judge, kit.router);
    if (judgement.decision === 'refused') return refuse(row.index, signal.reference, judgement.refusals, refusedRowFacts(signal));
    const stored = toSignalRow(signal, judgement, { senderOrgId: job.senderOrgId, batchId: job.batchId, rowNo: 0, pseudonymize: kit.pseudonymize, routing });
    const place = candidates.add(stored.reference, stored.content_hash);
    if ('of' in place) {
      others.push({ index: row.index, reference: stored.reference, outcome: 'repeat', ...place });
      return;
    }
    let start: number;
    try {
      start = writeSignalTuple(writer, stored);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      writer.discardRow();
      candidates.dropLast(stored.reference);
      return refuse(row.index, stored.reference, [UNSTORABLE], refusedRowFacts(signal));
    }
    index.push(row.index);
    at.push(start);
    references.push(stored.reference);
    subjects.push(stored.subject_pseudonym);
  }, kit.checkShape);
  // A copy (Buffer#slice would only be a view into the shared writer), into a buffer that can be
  // transferred: new, or one a worker got back from an earlier chunk (intake-worker.ts).
  const written = writer.bytes();
  const tuples = output(written.length);
  tuples.set(written);
  return {
    rows: read.rows,
    lines: read.lines,
    encoding,
    tuples,
    accepted: { index: Int32Array.from(index), at: Int32Array.from(at), references, contentHashes: candidates.contentHashes, subjects: subjects.join(',') },
    others,
    ...(read.syntax ? { syntax: read.syntax } : {}),
  };
}

