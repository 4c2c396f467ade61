import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { appendAuditOfMany } from '../../db/repositories/audit.ts';
import { addBatchProgress, insertBatchRows, type BatchRowInsert } from '../../db/repositories/batches.ts';
import { findSignalsByReference, queueForMatching, reserveSignalIds } from '../../db/repositories/signals.ts';
import { copyInto } from '../../db/copy/copy-in.ts';
import type { CallContext } from '../context.ts';
import type { ProcessedChunk } from './chunk-processor.ts';
import { CONFLICT, toStoredRefusals } from './row-outcomes.ts';
import { removeObjectedSignals } from '../../db/repositories/resident-objections.ts';
import { OBJECTION_REGISTERED } from './objection-refusal.ts';
import { patchSignalTuple, SIGNAL_COPY_COLUMN_NAMES } from './signal-tuple.ts';

export interface ChunkCounts {
  accepted: number;
  refused: number;
  duplicate: number;
}

const UNIQUE_VIOLATION = '23505';
const DEADLOCK = '40P01';
/** Another upload of the same references can win the race for them more than once; after this many rounds the chunk fails (and is re-sent). */
const COPY_ATTEMPTS = 4;

const isRace = (e: unknown) => {
  const code = (e as { code?: string }).code;
  return code === UNIQUE_VIOLATION || code === DEADLOCK;
};

/**
 * Stores one judged chunk of a batch in the caller's transaction, all or nothing: its new signals
 * by one binary COPY (ids reserved from the sequence and filled into the tuples), the other rows
 * as batch-row results, the batch's counters, its audit record and its queue entry for matching.
 *
 * A reference the sender used before (a re-sent file, or a copy in an earlier chunk) makes the COPY
 * fail on the unique index: the chunk then asks which of its references exist, takes those rows
 * out as duplicates (same content) or conflicts, and copies the rest. A first upload pays nothing
 * for being idempotent.
 */
export async function storeProcessedChunk(
  trx: Transaction<DB>,
  ctx: CallContext,
  chunk: ProcessedChunk,
  batch: { id: string; firstRowNo: number; bytes: number },
): Promise<ChunkCounts> {
  const sender = ctx.actor.organisationId;
  const { accepted } = chunk;
  const n = accepted.references.length;
  /** Per accepted row: its new id, or the id (and content) it turned out to repeat. */
  const ids: number[] = n > 0 ? await reserveSignalIds(trx, n) : [];
  const prior = new Map<number, { id: string; same: boolean }>();
  const view = new DataView(chunk.tuples.buffer, chunk.tuples.byteOffset, chunk.tuples.byteLength);
  for (let k = 0; k < n; k++) patchSignalTuple(view, accepted.at[k]!, ids[k]!, batch.firstRowNo + accepted.index[k]!);

  const tuplesOf = (keep: (k: number) => boolean): Uint8Array[] => {
    const out: Uint8Array[] = [];
    for (let k = 0; k < n; k++) {
      if (!keep(k)) continue;
      const end = k + 1 < n ? accepted.at[k + 1]! : chunk.tuples.length;
      out.push(chunk.tuples.subarray(accepted.at[k]!, end));
    }
    return out;
  };

  for (let attempt = 1; n > prior.size; attempt++) {
    await sql`savepoint copy_signals`.execute(trx);
    try {
      await copyInto(trx, 'signals', SIGNAL_COPY_COLUMN_NAMES, prior.size === 0 ? [chunk.tuples] : tuplesOf((k) => !prior.has(k)));
      await sql`release savepoint copy_signals`.execute(trx);
      break;
    } catch (e) {
      await sql`rollback to savepoint copy_signals`.execute(trx);
      if (!isRace(e) || attempt >= COPY_ATTEMPTS) throw e;
      const known = new Map((await findSignalsByReference(trx, sender, accepted.references)).map((s) => [s.reference, s]));
      for (let k = 0; k < n; k++) {
        const s = known.get(accepted.references[k]!);
        if (s) prior.set(k, { id: String(s.id), same: s.content_hash === accepted.contentHashes[k] });
      }
    }
  }

  // Residents who objected with the municipality (art. 21 AVG): one statement takes their signals
  // out again before the transaction commits; the rows are refused and nothing of them is kept.
  const stored = prior.size === 0 ? ids : ids.filter((_, k) => !prior.has(k));
  const objectedIds = await removeObjectedSignals(trx, stored);
  const objected = new Set<number>();
  if (objectedIds.size > 0) for (let k = 0; k < n; k++) if (!prior.has(k) && objectedIds.has(ids[k]!)) objected.add(k);

  const counts: ChunkCounts = { accepted: n - prior.size - objected.size, refused: objected.size, duplicate: prior.size };
  const rows: BatchRowInsert[] = [];
  for (const k of objected)
    rows.push({ row_no: batch.firstRowNo + accepted.index[k]!, reference: null, outcome: 'refused', signal_id: null, refusals: toStoredRefusals([OBJECTION_REGISTERED]) });
  for (const [k, p] of prior)
    rows.push({
      row_no: batch.firstRowNo + accepted.index[k]!,
      reference: accepted.references[k]!,
      outcome: p.same ? 'duplicate' : 'conflict',
      signal_id: p.id,
      refusals: p.same ? null : toStoredRefusals([CONFLICT]),
    });
  for (const o of chunk.others) {
    const rowNo = batch.firstRowNo + o.index;
    if (o.outcome === 'refused') {
      counts.refused++;
      rows.push({ row_no: rowNo, reference: o.objected ? null : o.reference || null, outcome: 'refused', signal_id: null, refusals: o.refusals, ...(o.facts ?? {}) });
      continue;
    }
    // A later row with a reference used earlier in the chunk is measured against that row: a copy of
    // a row refused for an objection goes the same way; other content under its reference is a
    // conflict (nothing was stored under it), not that objection.
    if (objected.has(o.of)) {
      if (o.sameContent) {
        counts.refused++;
        rows.push({ row_no: rowNo, reference: null, outcome: 'refused', signal_id: null, refusals: toStoredRefusals([OBJECTION_REGISTERED]) });
      } else {
        counts.duplicate++;
        rows.push({ row_no: rowNo, reference: o.reference, outcome: 'conflict', signal_id: null, refusals: toStoredRefusals([CONFLICT]) });
      }
      continue;
    }
    counts.duplicate++;
    const first = prior.get(o.of);
    const firstId = first ? first.id : String(ids[o.of]!);
    const same = o.sameContent && (!first || first.same);
    rows.push({ row_no: rowNo, reference: o.reference, outcome: same ? 'duplicate' : 'conflict', signal_id: firstId, refusals: same ? null : toStoredRefusals([CONFLICT]) });
  }

  // The audit record lists exactly the new signals and their subjects.
  let newIds = ids;
  let subjects = accepted.subjects;
  if (prior.size > 0 || objected.size > 0) {
    const all = subjects.split(',');
    const isNew = (_: unknown, k: number) => !prior.has(k) && !objected.has(k);
    newIds = ids.filter(isNew);
    subjects = all.filter(isNew).join(',');
  }
  await insertBatchRows(trx, batch.id, rows);
  await addBatchProgress(trx, batch.id, { rows: chunk.rows, ...counts, bytes: batch.bytes });
  await queueForMatching(trx, newIds);
  if (newIds.length > 0 || counts.refused > 0)
    await appendAuditOfMany(trx, {
      traceId: ctx.traceId,
      spanId: ctx.spanId,
      activity: 'signal.intake',
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      organisationId: sender,
      objectType: 'signal',
      objectIds: newIds.join(','),
      subjectPseudonyms: subjects,
      // Refused signals were processed (judged) too; the record says so without keeping their data.
      outcome: newIds.length > 0 ? 'success' : 'refused',
      detail: { batchId: batch.id, rows: chunk.rows, refused: counts.refused, duplicate: counts.duplicate, accepted: counts.accepted },
    });
  return counts;
}
