import type { Readable } from 'node:stream';
import { requirePermission } from '../../domain/access/actor.ts';
import { latestSignalDate } from '../../domain/rules/signal-date-bound.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { judgeRow } from './import-batch.ts';
import { readBatchFile, type BatchFormat, type FileReading } from './file/read-batch-file.ts';
import type { JudgedItem } from './storing/store-signals.ts';
import { refuseObjected } from './storing/check-objections.ts';
import { judgeByChoices, residentGate } from '../resident/intake-gate.ts';

const OBJECTION_GROUP = 1000;

/**
 * Judges every row of a file without storing anything (dry run): yields the judged rows in order.
 * Only the fact that a check ran is recorded, with how many rows.
 */
export async function* checkBatch(
  deps: AppDeps,
  ctx: CallContext,
  input: { source: Readable; format: BatchFormat; maxBytes: number; onReading?: (r: FileReading) => void },
): AsyncGenerator<JudgedItem> {
  requirePermission(ctx.actor, 'signals:submit');
  const sender = { organisationId: ctx.actor.organisationId, latestSignalDate: latestSignalDate(deps.now()) };
  const residents = residentGate(deps);
  const check = async (group: JudgedItem[]) => refuseObjected(deps.db, deps.pseudonymize, await judgeByChoices(deps.db, residents, deps.pseudonymize, ctx.actor.organisationId, group, { record: false }));
  let rows = 0;
  let outcome: 'success' | 'error' = 'success';
  // Rows are asked about residents' objections a group at a time (one query per group), as intake stores them.
  let group: JudgedItem[] = [];
  try {
    for await (const row of readBatchFile(input.source, input.format, input.maxBytes, input.onReading)) {
      rows++;
      group.push(judgeRow(row, sender, deps));
      if (group.length >= OBJECTION_GROUP) {
        yield* await check(group);
        group = [];
      }
    }
    yield* await check(group);
  } catch (err) {
    outcome = 'error';
    throw err;
  } finally {
    await appendAudit(deps.db, {
      traceId: ctx.traceId,
      spanId: ctx.spanId,
      activity: 'signal.check',
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      organisationId: ctx.actor.organisationId,
      outcome,
      detail: { rows, dryRun: true },
    });
  }
}
