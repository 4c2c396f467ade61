import type { Kysely, Transaction } from 'kysely';
import type { Judgement, Refusal } from '../../domain/rules/judgement.ts';
import type { SignalInput } from '../../domain/signals/signal.ts';
import type { DB } from '../../db/schema.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { addBatchProgress, insertBatchRows, type BatchRowInsert } from '../../db/repositories/batches.ts';
import { findSignalsByReference, insertSignals } from '../../db/repositories/signals.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { toSignalRow, type SignalRow } from './signal-row.ts';
import { CONFLICT, isObjected, refusedRowFacts, toStoredRefusals } from './row-outcomes.ts';
import { OBJECTION_REGISTERED } from './objection-refusal.ts';

export interface JudgedItem {
  rowNo: number;
  signal: SignalInput;
  judgement: Judgement;
}

export type RowOutcomeKind = 'accepted' | 'refused' | 'duplicate' | 'conflict';

export interface RowOutcome {
  rowNo: number;
  reference: string;
  outcome: RowOutcomeKind;
  signalId?: string;
  judgement: Judgement;
  refusals: readonly Refusal[];
}

/**
 * Stores one chunk of judged signals in the caller's transaction: accepted ones as signals (a
 * reference already stored is a duplicate, or a conflict when its content differs), the rest as
 * batch-row results, the batch counters, and one audit record for the chunk. All or nothing.
 */
export async function storeChunk(
  trx: Kysely<DB> | Transaction<DB>,
  deps: Pick<AppDeps, 'pseudonymize'>,
  ctx: CallContext,
  items: readonly JudgedItem[],
  batch: { id: string; bytes: number } | null,
): Promise<RowOutcome[]> {
  const senderOrgId = ctx.actor.organisationId;
  const outcomes: RowOutcome[] = new Array(items.length);
  const rows: SignalRow[] = [];
  const rowIndex: number[] = [];
  const firstByRef = new Map<string, number>();
  const laterDuplicates: number[] = [];

  items.forEach((it, i) => {
    const base = { rowNo: it.rowNo, reference: it.signal.reference, judgement: it.judgement };
    if (it.judgement.decision === 'refused') {
      outcomes[i] = { ...base, outcome: 'refused', refusals: it.judgement.refusals };
      return;
    }
    if (firstByRef.has(it.signal.reference)) {
      laterDuplicates.push(i);
      return;
    }
    firstByRef.set(it.signal.reference, i);
    rows.push(
      toSignalRow(it.signal, it.judgement, {
        senderOrgId,
        batchId: batch?.id ?? null,
        rowNo: batch ? it.rowNo : null,
        pseudonymize: deps.pseudonymize,
      }),
    );
    rowIndex.push(i);
  });

  // The content of each reference's first row, to tell a later copy (duplicate) from other content under the same reference (conflict).
  const firstHash = new Map<number, string>();
  rows.forEach((r, k) => firstHash.set(rowIndex[k]!, r.content_hash));

  const refusedCount = outcomes.filter((o) => o !== undefined && o.outcome === 'refused').length;
  const audit = {
    traceId: ctx.traceId,
    spanId: ctx.spanId,
    actorType: ctx.actor.type,
    actorId: ctx.actor.id,
    organisationId: senderOrgId,
    detail: { batchId: batch?.id ?? null, rows: items.length, refused: refusedCount },
  };
  // Residents who objected with the municipality (art. 21 AVG) are refused by the same statement.
  const { inserted, objected } = await insertSignals(trx, rows, audit);
  const missing = rows.filter((r) => !inserted.has(r.reference) && !objected.has(r.reference)).map((r) => r.reference);
  const existing = new Map((await findSignalsByReference(trx, senderOrgId, missing)).map((e) => [e.reference, e]));

  rows.forEach((row, k) => {
    const i = rowIndex[k]!;
    const it = items[i]!;
    const base = { rowNo: it.rowNo, reference: row.reference, judgement: it.judgement };
    const newId = inserted.get(row.reference);
    if (newId !== undefined) {
      outcomes[i] = { ...base, outcome: 'accepted', signalId: newId, refusals: [] };
      return;
    }
    if (objected.has(row.reference)) {
      outcomes[i] = { ...base, judgement: { ...it.judgement, decision: 'refused', refusals: [OBJECTION_REGISTERED] }, outcome: 'refused', refusals: [OBJECTION_REGISTERED] };
      return;
    }
    const prior = existing.get(row.reference);
    if (prior && prior.content_hash === row.content_hash) outcomes[i] = { ...base, outcome: 'duplicate', signalId: prior.id, refusals: [] };
    else outcomes[i] = { ...base, outcome: 'conflict', ...(prior ? { signalId: prior.id } : {}), refusals: [CONFLICT] };
  });

  for (const i of laterDuplicates) {
    const it = items[i]!;
    const firstIndex = firstByRef.get(it.signal.reference)!;
    const first = outcomes[firstIndex]!;
    const same = toSignalRow(it.signal, it.judgement, { senderOrgId, batchId: null, rowNo: null, pseudonymize: deps.pseudonymize }).content_hash === firstHash.get(firstIndex);
    // A copy of a row refused for an objection goes the same way; other content under its reference is a conflict, not that objection.
    if (first.outcome === 'refused') {
      outcomes[i] = same
        ? { rowNo: it.rowNo, reference: it.signal.reference, judgement: first.judgement, outcome: 'refused', refusals: first.refusals }
        : { rowNo: it.rowNo, reference: it.signal.reference, judgement: it.judgement, outcome: 'conflict', refusals: [CONFLICT] };
      continue;
    }
    outcomes[i] = {
      rowNo: it.rowNo,
      reference: it.signal.reference,
      judgement: it.judgement,
      outcome: same ? 'duplicate' : 'conflict',
      ...(first.signalId ? { signalId: first.signalId } : {}),
      refusals: same ? [] : [CONFLICT],
    };
  }

  const counts = { accepted: 0, refused: 0, duplicate: 0 };
  const batchRows: BatchRowInsert[] = [];
  for (const [i, o] of outcomes.entries()) {
    if (o.outcome === 'accepted') counts.accepted++;
    else if (o.outcome === 'refused') counts.refused++;
    else counts.duplicate++;
    if (batch && o.outcome !== 'accepted')
      batchRows.push({
        row_no: o.rowNo,
        // A resident's objection means nothing is kept (TR art. 1.2 d): the row number is enough for the sender.
        reference: isObjected(o.refusals) ? null : o.reference || null,
        outcome: o.outcome,
        signal_id: o.signalId ?? null,
        refusals: o.refusals.length ? toStoredRefusals(o.refusals) : null,
        ...(o.outcome === 'refused' ? refusedRowFacts(items[i]!.signal) : {}),
      });
  }
  if (batch) {
    await insertBatchRows(trx, batch.id, batchRows);
    await addBatchProgress(trx, batch.id, { rows: items.length, ...counts, bytes: batch.bytes });
  }

  if (inserted.size === 0 && counts.refused > 0) {
    // Refused signals were processed (judged) too; the record says so without keeping their data.
    await appendAudit(trx, {
      traceId: ctx.traceId,
      spanId: ctx.spanId,
      activity: 'signal.intake',
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      organisationId: senderOrgId,
      objectType: 'signal',
      outcome: 'refused',
      detail: { batchId: batch?.id ?? null, rows: items.length, refused: counts.refused, duplicate: counts.duplicate },
    });
  }
  return outcomes;
}
