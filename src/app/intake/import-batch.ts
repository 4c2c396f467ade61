import type { Readable } from 'node:stream';
import type { Judgement } from '../../domain/rules/judgement.ts';
import { requirePermission } from '../../domain/access/actor.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { createBatch, finishBatch, getBatch } from '../../db/repositories/batches.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { routeAndJudge } from './judge-signal.ts';
import { FileRefused, readBatchFile, type BatchFormat, type FileRow } from './read-batch-file.ts';
import { storeChunk, type JudgedItem } from './store-chunk.ts';

export const CHUNK_ROWS = 5000;

export interface ImportBatchInput {
  source: Readable;
  format: BatchFormat;
  filename: string | null;
  maxBytes: number;
  bytesExpected?: number | undefined;
  /** Continue an existing (receiving) batch created beforehand, e.g. to watch its progress. */
  batchId?: string;
}

export function judgeRow(row: FileRow, senderOrgId: string, deps: Pick<AppDeps, 'judge' | 'registers'>): JudgedItem {
  if ('unreadable' in row) {
    const judgement: Judgement = { decision: 'refused', applied: [], refusals: [row.unreadable] };
    return { rowNo: row.rowNo, signal: { reference: row.reference, signalType: '', signalDate: '' }, judgement };
  }
  const { signal, judgement } = routeAndJudge(row.signal, senderOrgId, deps.judge, deps.registers);
  return { rowNo: row.rowNo, signal, judgement };
}

/**
 * Imports a batch file: streams, judges and stores it in chunks, each chunk one transaction, so a
 * crash leaves every row stored once or not at all; re-sending the file then completes it (rows
 * already stored come back as duplicates). Parsing the next chunk overlaps storing the previous.
 */
export async function importBatch(deps: AppDeps, ctx: CallContext, input: ImportBatchInput) {
  requirePermission(ctx.actor, 'signals:submit');
  const orgId = ctx.actor.organisationId;
  const batchId =
    input.batchId ??
    (await createBatch(deps.db, { organisationId: orgId, filename: input.filename, format: input.format, createdBy: ctx.actor.id }));
  if (input.bytesExpected !== undefined)
    await deps.db.updateTable('batches').set({ bytes_expected: String(input.bytesExpected) }).where('id', '=', batchId).execute();

  let chunk: JudgedItem[] = [];
  let bytes = 0;
  let pending: Promise<unknown> = Promise.resolve();
  const flush = (items: JudgedItem[], at: number) =>
    deps.db.transaction().execute((trx) => storeChunk(trx, deps, ctx, items, { id: batchId, bytes: at }));

  try {
    for await (const row of readBatchFile(input.source, input.format, input.maxBytes)) {
      chunk.push(judgeRow(row, orgId, deps));
      bytes = row.bytes;
      if (chunk.length >= CHUNK_ROWS) {
        await pending;
        pending = flush(chunk, bytes);
        chunk = [];
      }
    }
    await pending;
    if (chunk.length > 0) await flush(chunk, bytes);
    await finishBatch(deps.db, batchId, 'completed');
  } catch (err) {
    await pending.catch(() => undefined);
    const problem =
      err instanceof FileRefused
        ? { code: err.code, nl: err.nl, en: err.en, status: err.status }
        : { code: 'FILE_READ_FAILED', nl: 'Het bestand kon niet volledig worden gelezen.', en: 'The file could not be read completely.', status: 400 };
    await finishBatch(deps.db, batchId, 'failed', problem);
    await appendAudit(deps.db, {
      traceId: ctx.traceId,
      spanId: ctx.spanId,
      activity: 'signal.intake',
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      organisationId: orgId,
      objectType: 'batch',
      objectIds: [batchId],
      outcome: 'error',
      detail: { code: problem.code },
    });
  }
  return (await getBatch(deps.db, orgId, batchId))!;
}
