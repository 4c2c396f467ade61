import type { Transaction } from 'kysely';
import { requirePermission } from '../../domain/access/actor.ts';
import { batchResultsCutoff, checkRetentionPolicy, DEFAULT_RETENTION, retentionCutoffs, type RetentionPolicy } from '../../domain/privacy/retention.ts';
import type { DB } from '../../db/schema.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { getMatchSettings } from '../../db/repositories/cases.ts';
import {
  closedCasesDue,
  deleteCases,
  deleteOldBatchResults,
  deleteSignals,
  getRetentionSettings,
  insertTombstone,
  municipalitiesWithData,
  pickedUpSignalsDue,
  unpickedSignalsDue,
} from '../../db/repositories/retention.ts';
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
  unpicked: (p) => `bewaartermijn verstreken: signaal niet opgepakt, ${p.unpickedSignalMonths} maanden na ontvangst`,
  'picked-up': (p) => `bewaartermijn verstreken: signaal van afgesloten, opgepakte zaak, ${p.pickedUpSignalMonths} maanden na ontvangst`,
  cases: (p) => `bewaartermijn verstreken: zaakdossier ${p.caseMonthsAfterClosing} maanden na afsluiten`,
};

/**
 * Deletes what a municipality no longer may keep, by its own terms (or the defaults): signals
 * never picked up, signals of closed picked-up cases, and closed case files — children before
 * parents — then old batch results. Every page is one transaction holding its deletions, the
 * tombstone (kind, count, when, why; never what) and the audit record, so a crash leaves either
 * all three or none. The clock is deps.now, so tests can run it in the future.
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
      await tombstone(trx, deps, ctx, null, 'retention:batch-results', `bewaartermijn verstreken: leveringsresultaten ${DEFAULT_RETENTION.unpickedSignalMonths} maanden na ontvangst (${d.batches} leveringen)`, {
        signals: 0,
        cases: 0,
        batchRows: d.batchRows,
        records: {},
      });
  });
  result.residentReminders = await forgetResidentReminders(deps, now);
  return result;
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
