import type { Transaction } from 'kysely';
import { decideChunk, intakeAuditDetail, type ChunkCounts } from '../../../domain/intake/chunk-decision.ts';
import { CONFLICT, isObjected, OBJECTION_REGISTERED, toStoredRefusals, type StoredRefusal } from '../../../domain/intake/row-outcomes.ts';
import type { DB } from '../../../db/schema.ts';
import { patchSignalTuple } from '../../../db/copy/signal-tuple.ts';
import { appendAuditOfMany } from '../../../db/repositories/audit.ts';
import { addBatchProgress, insertBatchRows } from '../../../db/repositories/batches.ts';
import { removeObjectedSignals } from '../../../db/repositories/resident-objections.ts';
import { copySignalTuples, referenceTuples } from '../../../db/repositories/signal-copy.ts';
import { findSignalsByReference, queueForMatching, reserveSignalIds } from '../../../db/repositories/signals.ts';
import { auditBy, type CallContext } from '../../context.ts';
import type { ProcessedChunk } from '../judging/chunk-processor.ts';
import { closeRemindersOf, refuseStoredByChoices, type ResidentGate } from '../../resident/intake-gate.ts';

/** Another upload of the same references can win the race for them more than once; after this many rounds the chunk fails (and is re-sent). */
const COPY_ATTEMPTS = 4;

/** The reasons as a batch row keeps them. */
const REASONS = { conflict: toStoredRefusals([CONFLICT])[0]!, objection: toStoredRefusals([OBJECTION_REGISTERED])[0]! };

/**
 * Stores one judged chunk of a batch in the caller's transaction, all or nothing: its new signals
 * by one binary COPY (ids reserved from the sequence and filled into the tuples), the other rows
 * as batch-row results, the batch's counters, its audit record and its queue entry for matching.
 * Which row became what is decided by decideChunk, as for the API (store-signals.ts); only the way
 * of storing differs.
 *
 * A reference the sender used before (a re-sent file, or a copy in an earlier chunk) makes the COPY
 * fail on the unique key of signal_references: the chunk then asks which of its references exist, takes those rows
 * out as duplicates (same content) or conflicts, and copies the rest. A first upload pays nothing
 * for being idempotent.
 */
export async function storeBatchChunk(
  trx: Transaction<DB>,
  ctx: CallContext,
  chunk: ProcessedChunk,
  batch: { id: string; firstRowNo: number; bytes: number },
  /** The residents' choices on their own page (issue 24); absent: not applied. */
  residents?: ResidentGate,
): Promise<ChunkCounts> {
  const sender = ctx.actor.organisationId;
  const { accepted } = chunk;
  const n = accepted.references.length;
  const ids: number[] = n > 0 ? await reserveSignalIds(trx, n) : [];
  /** Candidates whose reference was stored before, with the stored signal's id and whether its content is the same. */
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
    const fresh = prior.size === 0 ? undefined : (k: number) => !prior.has(k);
    if (await copySignalTuples(trx, fresh ? tuplesOf(fresh) : [chunk.tuples], referenceTuples(sender, accepted.references, ids, fresh))) break;
    if (attempt >= COPY_ATTEMPTS) throw new Error(`intake: the chunk's references kept being taken by another upload (${COPY_ATTEMPTS} attempts)`);
    const known = new Map((await findSignalsByReference(trx, sender, accepted.references)).map((s) => [s.reference, s]));
    for (let k = 0; k < n; k++) {
      const s = known.get(accepted.references[k]!);
      if (s) prior.set(k, { id: String(s.id), same: s.content_hash === accepted.contentHashes[k] });
    }
  }

  // Residents who objected with the municipality (art. 21 AVG): one statement takes their signals
  // out again before the transaction commits; the rows are refused and nothing of them is kept.
  const stored = prior.size === 0 ? ids : ids.filter((_, k) => !prior.has(k));
  const objectedIds = await removeObjectedSignals(trx, stored);
  const objected = new Set<number>();
  if (objectedIds.size > 0) for (let k = 0; k < n; k++) if (!prior.has(k) && objectedIds.has(ids[k]!)) objected.add(k);

  // The residents' own choices (an objection, a missing prior consent) take theirs out the same way.
  const byChoice = residents ? await refuseStoredByChoices(trx, residents, sender, stored.filter((id) => !objectedIds.has(id))) : new Map();
  const refused = new Map<number, { refusals: readonly StoredRefusal[]; objected: boolean }>();
  if (byChoice.size > 0)
    for (let k = 0; k < n; k++) {
      const r = prior.has(k) ? undefined : byChoice.get(ids[k]!);
      if (r) refused.set(k, { refusals: toStoredRefusals([r]), objected: isObjected([r]) });
    }

  const decision = decideChunk({ index: accepted.index, references: accepted.references, idOf: (k) => String(ids[k]!) }, chunk.others, { prior, objected, refused }, REASONS);
  const { counts } = decision;

  // The audit record lists exactly the new signals and their subjects.
  let newIds = ids;
  let subjects = accepted.subjects;
  if (prior.size > 0 || objected.size > 0 || refused.size > 0) {
    const isNew = (_: unknown, k: number) => decision.isNew(k);
    newIds = ids.filter(isNew);
    subjects = subjects.split(',').filter(isNew).join(',');
  }
  await insertBatchRows(
    trx,
    batch.id,
    decision.rows.map((r) => ({
      row_no: batch.firstRowNo + r.index,
      reference: r.reference,
      outcome: r.outcome,
      signal_id: r.signalId,
      refusals: r.refusals.length ? r.refusals : null,
      ...(r.facts ?? {}),
    })),
  );
  await addBatchProgress(trx, batch.id, { rows: chunk.rows, ...counts, bytes: batch.bytes });
  await queueForMatching(trx, newIds);
  if (residents) await closeRemindersOf(trx, residents, sender, newIds.map(String), residents.now());
  if (newIds.length > 0 || counts.refused > 0)
    await appendAuditOfMany(trx, {
      ...auditBy(ctx),
      activity: 'signal.intake',
      objectType: 'signal',
      objectIds: newIds.join(','),
      subjectPseudonyms: subjects,
      // Refused signals were processed (judged) too; the record says so without keeping their data.
      outcome: newIds.length > 0 ? 'success' : 'refused',
      detail: intakeAuditDetail(batch.id, chunk.rows, counts),
    });
  return counts;
}
