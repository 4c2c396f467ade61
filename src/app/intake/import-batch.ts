import type { Readable } from 'node:stream';
import type { Judgement } from '../../domain/rules/judgement.ts';
import { requirePermission } from '../../domain/access/actor.ts';
import { latestSignalDate } from '../../domain/rules/signal-date-bound.ts';
import type { Sender } from '../rules/signal-judge.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { createBatch, finishBatch, getBatch, setBytesExpected } from '../../db/repositories/batches.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { processChunk, type ChunkJob, type IntakeKit, type ProcessedChunk } from './judging/chunk-processor.ts';
import { rowLayout, type RowLayout } from './file/chunk-rows.ts';
import { fileChunks, type FileChunk } from './file/file-chunks.ts';
import { FileRefused, fileRefusals } from './file/file-refused.ts';
import { snapshotIntakeKit } from './judging/intake-kit.ts';
import { routeAndJudge } from './judging/judge-signal.ts';
import { noteReading, UNREAD, type BatchFormat, type FileRow } from './file/read-batch-file.ts';
import type { JudgedItem } from './storing/store-signals.ts';
import { storeBatchChunk } from './storing/store-batch-chunk.ts';
import { residentGate } from '../resident/intake-gate.ts';
import { checkSignalShape } from '../validation/signal-validator.ts';

export interface ImportBatchInput {
  source: Readable;
  format: BatchFormat;
  filename: string | null;
  maxBytes: number;
  bytesExpected?: number | undefined;
  /** Continue an existing (receiving) batch created beforehand, e.g. to watch its progress. */
  batchId?: string;
}

export function judgeRow(row: FileRow, sender: Sender, deps: Pick<AppDeps, 'judge' | 'registers'>): JudgedItem {
  if ('unreadable' in row) {
    const judgement: Judgement = { decision: 'refused', applied: [], refusals: [row.unreadable] };
    return { rowNo: row.rowNo, signal: { reference: row.reference, signalType: '', signalDate: '' }, judgement };
  }
  return { rowNo: row.rowNo, ...routeAndJudge(row.signal, sender, deps.judge, deps.registers) };
}

/** Chunks judged ahead of the one being stored: one per worker keeps them busy; more would only hold memory. */
const AHEAD_PER_WORKER = 1;

/**
 * Imports a batch file: streams it in chunks of whole rows (512 KiB, file-chunks.ts), judges each chunk — the first
 * in this thread, so a small file waits for nothing, the rest in worker threads while earlier
 * chunks are stored — and stores each chunk in one transaction, in file order. A crash therefore
 * leaves every row stored once or not at all; re-sending the file completes it (rows already
 * stored come back as duplicates).
 */
export async function importBatch(deps: AppDeps, ctx: CallContext, input: ImportBatchInput) {
  requirePermission(ctx.actor, 'signals:submit');
  return deps.intakeWorkers ? deps.intakeWorkers.use(() => importBatchIn(deps, ctx, input)) : importBatchIn(deps, ctx, input);
}

async function importBatchIn(deps: AppDeps, ctx: CallContext, input: ImportBatchInput) {
  const orgId = ctx.actor.organisationId;
  const batchId =
    input.batchId ??
    (await createBatch(deps.db, { organisationId: orgId, filename: input.filename, format: input.format, createdBy: ctx.actor.id }));
  if (input.bytesExpected !== undefined) await setBytesExpected(deps.db, batchId, input.bytesExpected);

  const residents = residentGate(deps);
  const local: IntakeKit = { judge: deps.judge, router: deps.registers, pseudonymize: deps.pseudonymize, checkShape: checkSignalShape };
  const workers = deps.intakeWorkers;
  // Judges or registers plugged in by code cannot be rebuilt in a worker: then this thread does it all.
  const kit = workers ? snapshotIntakeKit(deps) : undefined;
  let layout: RowLayout = rowLayout(input.format);
  let reading = UNREAD(input.format);
  const ahead: Array<{ chunk: FileChunk; judged: Promise<ProcessedChunk> }> = [];
  const maxAhead = workers && kit ? workers.size * AHEAD_PER_WORKER + 1 : 1;
  let rowsBefore = 0;
  let linesBefore = input.format === 'csv' ? 1 : 0;

  /** Set once storing fails: nothing after that chunk is stored. */
  let storeFailed = false;
  const storeNext = async () => {
    try {
      await storeChunkInOrder();
    } catch (e) {
      storeFailed = true;
      throw e;
    }
  };
  const storeChunkInOrder = async () => {
    const { chunk, judged } = ahead.shift()!;
    const r = await judged;
    if (r.refused) throw FileRefused.from(r.refused);
    // A chunk that breaks the CSV syntax is refused whole: a refused file keeps none of that chunk's rows.
    if (r.syntax) throw fileRefusals.notCsv(linesBefore + r.syntax.line, r.syntax.code);
    await deps.db.transaction().execute((trx) => storeBatchChunk(trx, ctx, r, { id: batchId, firstRowNo: rowsBefore + 1, bytes: chunk.end }, residents));
    reading = noteReading(reading, layout, r.encoding);
    workers?.recycle(r);
    rowsBefore += r.rows;
    linesBefore += r.lines;
  };

  // One chunk is stored while the next ones are judged (and, in this thread, while the next is read).
  let storing: Promise<void> = Promise.resolve();
  const storeInTurn = () => {
    storing = storing.then(storeNext);
    // Awaited before the next store or at the end; meanwhile no unhandled rejection.
    storing.catch(() => undefined);
  };
  try {
    let first = true;
    for await (const chunk of fileChunks(input.source, input.format, input.maxBytes, (header, file) => (layout = rowLayout(input.format, header, file)))) {
      const job: ChunkJob = { bytes: chunk.bytes, offset: chunk.offset, layout, senderOrgId: orgId, latestSignalDate: latestSignalDate(deps.now()), batchId };
      const judged = first || !workers || !kit ? Promise.resolve().then(() => processChunk(local, job)) : workers.run(kit, job);
      first = false;
      judged.catch(() => undefined);
      ahead.push({ chunk, judged });
      if (ahead.length >= maxAhead) {
        await storing;
        storeInTurn();
      }
    }
    await storing;
    while (ahead.length > 0) await storeNext();
    await finishBatch(deps.db, batchId, 'completed', undefined, reading);
  } catch (err) {
    await storing.catch(() => undefined);
    // The upload broke off (or was refused while reading): the chunks that came in whole are kept,
    // so the progress shows what is stored and re-sending the file completes it.
    try {
      while (!storeFailed && ahead.length > 0) await storeNext();
    } catch {
      // the first failure is the one reported
    }
    await Promise.allSettled(ahead.map((a) => a.judged));
    const problem =
      err instanceof FileRefused
        ? { code: err.code, nl: err.nl, en: err.en, status: err.status }
        : { code: 'FILE_READ_FAILED', nl: 'Het bestand kon niet volledig worden gelezen.', en: 'The file could not be read completely.', status: 400 };
    await finishBatch(deps.db, batchId, 'failed', problem, reading);
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
