import { matchAddress, type MatchSettings } from '../../domain/matching/assign-cases.ts';
import { addDays, addMonths, monthStart } from '../../domain/matching/dates.ts';
import {
  allocateCaseIds,
  assignSignals,
  getMatchSettings,
  historyAt,
  municipalitiesWithUnmatched,
  nextUnmatchedAddresses,
  openCasesAt,
  unmatchedSignalsAt,
  upsertCases,
  type CaseWrite,
} from '../../db/repositories/cases.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { recordExperimentArms } from '../experiments/record-arms.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { handOverMovers } from './hand-over-movers.ts';

export interface MatchRunResult {
  municipality: string;
  signals: number;
  casesCreated: number;
  casesUpdated: number;
  repeats: number;
  /** Signals taken out because the person register places their subject in another municipality. */
  movedAway: number;
}

const ADDRESSES_PER_PAGE = 5000;
/** Pages matched at once: households on different pages never share a case, and PostgreSQL runs each page's statements on its own core. */
const PAGES_IN_FLIGHT = 2;

function groupBy<T extends { addressKey: string }>(rows: readonly T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const list = m.get(r.addressKey);
    if (list) list.push(r);
    else m.set(r.addressKey, [r]);
  }
  return m;
}

/**
 * Matches a municipality's unmatched signals into cases, one page of addresses per transaction, so a
 * household's signals are always judged together. In monthly mode only signals dated in a month that
 * is over are matched (the matching period), as in current practice; in continuous mode all are.
 */
export async function matchMunicipality(deps: AppDeps, ctx: CallContext, municipality: string): Promise<MatchRunResult> {
  const today = deps.now().toISOString().slice(0, 10);
  const s = await getMatchSettings(deps.db, municipality);
  const settings: MatchSettings = {
    standardLookbackMonths: s?.standard_lookback_months ?? 12,
    consecutiveMonths: s?.consecutive_months ?? 6,
    repeatMonths: s?.repeat_months ?? 6,
    standardTypes: deps.standardSignalTypes,
  };
  const until = s?.matching_mode === 'monthly' ? addDays(monthStart(today), -1) : '9999-12-31';
  const lookback = Math.max(settings.standardLookbackMonths, settings.consecutiveMonths, settings.repeatMonths) + 1;
  const result: MatchRunResult = { municipality, signals: 0, casesCreated: 0, casesUpdated: 0, repeats: 0, movedAway: 0 };

  const matchPage = (keys: string[]) =>
    deps.db.transaction().execute(async (trx) => {
      const loaded = await unmatchedSignalsAt(trx, municipality, keys, until);
      const moved = await handOverMovers(trx, deps, ctx, municipality, loaded, today);
      result.movedAway += moved.size;
      const signals = moved.size ? loaded.filter((x) => !moved.has(x.id)) : loaded;
      if (signals.length === 0) return;
      const earliest = signals.reduce((m, x) => (x.signalDate < m ? x.signalDate : m), signals[0]!.signalDate);
      const [open, history] = await Promise.all([
        openCasesAt(trx, municipality, keys),
        historyAt(trx, municipality, keys, addMonths(monthStart(earliest), -lookback)),
      ]);
      const openBy = groupBy(open);
      const historyBy = groupBy(history);
      const writes: CaseWrite[] = [];
      const assignments: Array<{ signalId: string; caseId: string; repeatOf: string | null }> = [];
      let newCount = 0;
      const pending: Array<{ addressKey: string; m: ReturnType<typeof matchAddress> }> = [];
      for (const [key, group] of groupBy(signals)) {
        const m = matchAddress(
          { signals: group, openCases: openBy.get(key) ?? [], history: historyBy.get(key) ?? [], matchingDate: today, newIdStart: newCount },
          settings,
        );
        newCount += m.cases.filter((c) => c.isNew).length;
        pending.push({ addressKey: key, m });
      }
      const ids = await allocateCaseIds(trx, newCount);
      let i = 0;
      for (const { addressKey, m } of pending) {
        const dbIds = new Map<string, string>();
        for (const c of m.cases) {
          const dbId = c.isNew ? ids[i++]! : c.id;
          dbIds.set(c.id, dbId);
          writes.push({ ...c, addressKey, dbId });
        }
        for (const [signalId, caseId] of m.assignments) assignments.push({ signalId, caseId: dbIds.get(caseId)!, repeatOf: m.repeats.get(signalId) ?? null });
        result.repeats += m.repeats.size;
      }
      await upsertCases(trx, municipality, today, writes);
      await assignSignals(trx, assignments);
      await recordExperimentArms(trx, deps, ctx, municipality, writes, assignments);
      await appendAudit(trx, {
        traceId: ctx.traceId,
        spanId: ctx.spanId,
        activity: 'signal.match',
        actorType: ctx.actor.type,
        actorId: ctx.actor.id,
        organisationId: municipality,
        objectType: 'case',
        objectIds: [...new Set(writes.map((w) => w.dbId))],
        subjectPseudonyms: [...new Set(writes.map((w) => w.bsnPseudonym).filter((p): p is string => p !== null))],
        outcome: 'success',
        detail: { signals: assignments.length },
      });
      result.signals += assignments.length;
      result.casesCreated += newCount;
      result.casesUpdated += writes.length - newCount;
    });

  let after = '';
  const inFlight = new Set<Promise<void>>();
  let failure: { reason: unknown } | undefined;
  try {
    for (;;) {
      const keys = await nextUnmatchedAddresses(deps.db, municipality, after, until, ADDRESSES_PER_PAGE);
      if (keys.length === 0) break;
      after = keys[keys.length - 1]!;
      const page: Promise<void> = matchPage(keys).finally(() => inFlight.delete(page));
      inFlight.add(page);
      if (inFlight.size >= PAGES_IN_FLIGHT) await Promise.race(inFlight);
    }
  } catch (reason) {
    failure = { reason };
  }
  // A failed page must not leave the other one running unobserved; each page is its own transaction.
  const settled = await Promise.allSettled(inFlight);
  const rejected = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  failure ??= rejected ? { reason: rejected.reason } : undefined;
  if (failure) throw failure.reason;
  return result;
}

/** One matching round over every municipality that has unmatched signals. */
export async function matchAll(deps: AppDeps, ctx: CallContext): Promise<MatchRunResult[]> {
  const out: MatchRunResult[] = [];
  // Signals handed over to another municipality are matched there in the same call: a second round.
  for (let round = 0; round < 3; round++) {
    const results = [];
    for (const m of await municipalitiesWithUnmatched(deps.db)) results.push(await matchMunicipality(deps, ctx, m));
    out.push(...results);
    if (!results.some((r) => r.movedAway > 0)) break;
  }
  return out;
}
