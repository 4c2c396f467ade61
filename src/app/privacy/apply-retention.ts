import type { Transaction } from 'kysely';
import { requirePermission } from '../../domain/access/actor.ts';
import { batchResultsCutoff, checkRetentionPolicy, DEFAULT_RETENTION, retentionCutoffs, type RetentionPolicy } from '../../domain/privacy/retention.ts';
import { TOMBSTONE_REASONS } from '../../domain/privacy/tombstone-reasons.ts';
import type { DB } from '../../db/schema.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { getMatchSettings } from '../../db/repositories/cases.ts';
import {
  clearSignalPartition,
  closedCasesDue,
  deleteCases,
  deleteOldBatchResults,
  deleteSignals,
  getRetentionSettings,
  insertTombstone,
  municipalitiesWithData,
  pickedUpSignalsDue,
  signalPartitionDue,
  unpickedSignalsDue,
  type SignalsDue,
} from '../../db/repositories/retention.ts';
import { closeSignalMonth, dropSignalPartition, isLockTimeout, listSignalPartitions } from '../../db/repositories/signal-partitions.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { forgetResidentReminders } from '../resident/forget-reminders.ts';

export interface MunicipalityRetention {
  municipality: string;
  policy: RetentionPolicy;
  unpickedSignals: number;
  pickedUpSignals: number;
  cases: number;
  /** Set when the stored settings are no longer safe: nothing was deleted for this municipality. */
  refused?: string;
}

export interface RetentionRunResult {
  ranAt: string;
  municipalities: MunicipalityRetention[];
  batchRows: number;
  batches: number;
  /** Reminder codes and residents' choices whose term ended (issue 24). */
  residentReminders?: number;
}

type Kind = 'unpicked' | 'picked-up' | 'cases';

const REASONS: Record<Kind, (p: RetentionPolicy) => string> = {
  unpicked: (p) => TOMBSTONE_REASONS.unpicked(p.unpickedSignalMonths).nl,
  'picked-up': (p) => TOMBSTONE_REASONS['picked-up'](p.pickedUpSignalMonths).nl,
  cases: (p) => TOMBSTONE_REASONS.cases(p.caseMonthsAfterClosing).nl,
};

/**
 * Deletes what a municipality no longer may keep, by its own terms (or the defaults): signals
 * never picked up, signals of closed picked-up cases, and closed case files — children before
 * parents — then old batch results. A month of signals that is due as a whole goes by dropping
 * its partitions (dropDuePartitions); the rest page by page. Every page (and every month) is one
 * transaction holding its deletions, the tombstones (kind, count, when, why; never what) and the
 * audit records, so a crash leaves either all of them or none. The clock is deps.now, so tests can run it in the future.
 */
export async function applyRetention(
  deps: AppDeps,
  ctx: CallContext,
  opts: { pageSize?: number; municipalities?: readonly string[] } = {},
): Promise<RetentionRunResult> {
  requirePermission(ctx.actor, 'platform:operate');
  const now = deps.now();
  const pageSize = opts.pageSize ?? 5000;
  const result: RetentionRunResult = { ranAt: now.toISOString(), municipalities: [], batchRows: 0, batches: 0 };

  // The month of receipt that ended is closed first, so that its partition can go once it is due.
  await closeSignalMonth(deps.db, now);

  const runs: Array<{ municipality: string; policy: RetentionPolicy; entry: MunicipalityRetention }> = [];
  for (const municipality of opts.municipalities ?? (await municipalitiesWithData(deps.db))) {
    const stored = await getRetentionSettings(deps.db, municipality);
    const policy: RetentionPolicy = stored
      ? { unpickedSignalMonths: stored.unpickedSignalMonths, pickedUpSignalMonths: stored.pickedUpSignalMonths, caseMonthsAfterClosing: stored.caseMonthsAfterClosing }
      : DEFAULT_RETENTION;
    const entry: MunicipalityRetention = { municipality, policy, unpickedSignals: 0, pickedUpSignals: 0, cases: 0 };
    result.municipalities.push(entry);
    // Settings were checked when stored, but bounds or matching windows may have changed since.
    const m = await getMatchSettings(deps.db, municipality);
    const check = checkRetentionPolicy(policy, {
      consecutiveMonths: m?.consecutive_months ?? 6,
      repeatMonths: m?.repeat_months ?? 6,
      standardLookbackMonths: m?.standard_lookback_months ?? 12,
    });
    if (check.errors.length > 0) {
      entry.refused = check.errors.map((e) => e.message.en).join(' ');
      await audit(deps, ctx, municipality, 'refused', [], { reason: entry.refused });
      continue;
    }
    runs.push({ municipality, policy, entry });
  }

  // Whole months first: a month partition whose every signal is due under its own municipality's
  // terms goes by dropping it (only in a run over all municipalities, which sees all its signals).
  if (!opts.municipalities) await dropDuePartitions(deps, ctx, runs, now, pageSize);

  // What is due elsewhere, row by row.
  for (const { municipality, policy, entry } of runs) {
    const cut = retentionCutoffs(policy, now);
    const page = (kind: Kind) =>
      deps.db.transaction().execute(async (trx) => {
        const ids =
          kind === 'unpicked'
            ? await unpickedSignalsDue(trx, municipality, cut.unpickedReceivedBefore, pageSize)
            : kind === 'picked-up'
              ? await pickedUpSignalsDue(trx, municipality, cut.pickedUpReceivedBefore, pageSize)
              : await closedCasesDue(trx, municipality, cut.caseClosedBefore, pageSize);
        if (ids.length === 0) return 0;
        let n: { signals: number; cases: number; batchRows: number; records: Record<string, number> };
        if (kind === 'cases') n = await deleteCases(trx, ids);
        else {
          const d = await deleteSignals(trx, ids);
          // A case never picked up that lost its last signal has nothing left to work on: it goes too.
          const emptied = await deleteCases(trx, d.emptiedCases);
          n = { signals: d.signals + emptied.signals, cases: emptied.cases, batchRows: d.batchRows + emptied.batchRows, records: merge(d.records, emptied.records) };
        }
        const { signals, cases, batchRows, records } = n;
        await tombstone(trx, deps, ctx, municipality, `retention:${kind}`, REASONS[kind](policy), { signals, cases, batchRows, records });
        await audit(deps, ctx, municipality, 'success', ids, { kind, signals, cases, batchRows }, trx, kind === 'cases' ? 'case' : 'signal');
        if (kind === 'unpicked') entry.unpickedSignals += signals;
        else if (kind === 'picked-up') entry.pickedUpSignals += signals;
        entry.cases += cases;
        return ids.length;
      });
    for (const kind of ['unpicked', 'picked-up', 'cases'] as const) while ((await page(kind)) > 0);
  }

  await deps.db.transaction().execute(async (trx) => {
    const d = await deleteOldBatchResults(trx, batchResultsCutoff(now));
    result.batchRows = d.batchRows;
    result.batches = d.batches;
    if (d.batchRows + d.batches > 0)
      await tombstone(trx, deps, ctx, null, 'retention:batch-results', TOMBSTONE_REASONS['batch-results'](DEFAULT_RETENTION.unpickedSignalMonths, d.batches).nl, {
        signals: 0,
        cases: 0,
        batchRows: d.batchRows,
        records: {},
      });
  });
  result.residentReminders = await forgetResidentReminders(deps, now);
  return result;
}

/**
 * Drops every closed month partition of signals that is due as a whole, oldest first, each in one
 * transaction: what points at its signals goes first (clearSignalPartition), then per municipality
 * the tombstones (per kind, with the same counts a row-by-row run writes) and the audit records
 * (the signals' ids, a page of them per record), and last the partitions themselves — so the
 * ACCESS EXCLUSIVE lock that detaching takes lasts only until the commit right after it.
 */
async function dropDuePartitions(
  deps: AppDeps,
  ctx: CallContext,
  runs: ReadonlyArray<{ municipality: string; policy: RetentionPolicy; entry: MunicipalityRetention }>,
  now: Date,
  pageSize: number,
): Promise<void> {
  const due: SignalsDue[] = runs.map(({ municipality, policy }) => {
    const cut = retentionCutoffs(policy, now);
    return { municipality, unpickedReceivedBefore: cut.unpickedReceivedBefore, pickedUpReceivedBefore: cut.pickedUpReceivedBefore };
  });
  const byMunicipality = new Map(runs.map((r) => [r.municipality, r]));
  for (const partition of await listSignalPartitions(deps.db)) {
    if (partition.to === null) continue;
    // Counted once the month's transaction committed.
    const counted: Array<{ entry: MunicipalityRetention; kind: Kind; signals: number; cases: number }> = [];
    const month = deps.db.transaction().execute(async (trx) => {
      if (!(await signalPartitionDue(trx, partition, due))) return;
      const shares = await clearSignalPartition(trx, partition);
      for (const [municipality, share] of [...shares].sort(([a], [b]) => a.localeCompare(b))) {
        // A case is counted under its own municipality (normally its signals' one).
        const run = byMunicipality.get(municipality);
        const policy = run?.policy ?? DEFAULT_RETENTION;
        const emptied = share.emptiedCases.ids.length;
        for (const [kind, part] of [
          ['unpicked', share.unpicked],
          ['picked-up', share.pickedUp],
        ] as const) {
          // Emptied cases count with the signals never picked up, as in the row-by-row run.
          const cases = kind === 'unpicked' ? emptied : 0;
          if (part.ids.length === 0 && cases === 0) continue;
          const records = kind === 'unpicked' ? merge(part.records, share.emptiedCases.records) : part.records;
          const signals = part.ids.length;
          await tombstone(trx, deps, ctx, municipality, `retention:${kind}`, REASONS[kind](policy), { signals, cases, batchRows: part.batchRows, records });
          for (let i = 0; i < Math.max(1, part.ids.length); i += pageSize) {
            const ids = part.ids.slice(i, i + pageSize);
            const first = i === 0;
            await audit(deps, ctx, municipality, 'success', ids, { kind, signals: ids.length, cases: first ? cases : 0, batchRows: first ? part.batchRows : 0, partition: partition.signals }, trx);
          }
          if (run) counted.push({ entry: run.entry, kind, signals, cases });
        }
      }
      await dropSignalPartition(trx, partition);
    });
    // A long reader kept the lock from us: nothing of this month changed; the row-by-row pass
    // below deletes what is due, and the emptied partition goes on a later run.
    const dropped = await month.then(
      () => true,
      (e: unknown) => {
        if (!isLockTimeout(e)) throw e;
        return false;
      },
    );
    if (!dropped) continue;
    for (const { entry, kind, signals, cases } of counted) {
      if (kind === 'unpicked') entry.unpickedSignals += signals;
      else entry.pickedUpSignals += signals;
      entry.cases += cases;
    }
  }
}

function merge(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
}

async function tombstone(
  trx: Transaction<DB>,
  deps: AppDeps,
  ctx: CallContext,
  municipality: string | null,
  kind: string,
  reason: string,
  n: { signals: number; cases: number; batchRows: number; records: Record<string, number> },
): Promise<void> {
  await insertTombstone(trx, {
    municipalityCode: municipality,
    kind,
    reason,
    signals: n.signals,
    cases: n.cases,
    batchRows: n.batchRows,
    caseRecords: n.records,
    actorId: ctx.actor.id,
    occurredAt: deps.now(),
  });
}

async function audit(
  deps: AppDeps,
  ctx: CallContext,
  municipality: string,
  outcome: 'success' | 'refused',
  ids: readonly string[],
  detail: Record<string, unknown>,
  trx?: Transaction<DB>,
  objectType = 'signal',
): Promise<void> {
  await appendAudit(trx ?? deps.db, {
    traceId: ctx.traceId,
    spanId: ctx.spanId,
    activity: 'retention.delete',
    actorType: ctx.actor.type,
    actorId: ctx.actor.id,
    organisationId: municipality,
    objectType,
    objectIds: ids,
    outcome,
    detail,
  });
}
