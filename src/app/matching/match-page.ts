import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { matchAddress, type MatchSettings } from '../../domain/matching/match-address.ts';
import { addMonths, monthStart } from '../../domain/matching/dates.ts';
import {
  allocateCaseIds,
  historyAt,
  insertStates,
  openCasesAt,
  type PageAddresses,
  placeHeldSignals,
  upsertCases,
  type CaseWrite,
  type PageSignal,
  type SignalPlacement,
} from '../../db/repositories/cases.ts';
import { appendAuditOfMany } from '../../db/repositories/audit.ts';
import { recordExperimentArms } from '../experiments/record-arms.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { handOverMovers } from './hand-over-movers.ts';

export interface PageOutcome {
  signals: number;
  casesCreated: number;
  casesUpdated: number;
  repeats: number;
  /** Signals taken out because the person register places their subject elsewhere. */
  movedAway: number;
}

export interface PageContext {
  municipality: string;
  /** The matching date (today). */
  today: string;
  /** Signals dated after this are held back (weekly or monthly matching: their period is not over). */
  until: string;
  /** Months of history the flags look back on. */
  lookbackMonths: number;
  settings: MatchSettings;
}

/** Addresses matched between two turns of the event loop (a few milliseconds of work). */
const ADDRESSES_BETWEEN_YIELDS = 250;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

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
 * Matches one page of households in the caller's transaction: the page's signals (queued ones,
 * and held-back ones at the same addresses) are matched with the open cases and history at their
 * addresses, and each signal's state is written once: in its case, or held back. Subjects the
 * person register places elsewhere are taken out first (see handOverMovers).
 */
export async function matchPage(
  trx: Transaction<DB>,
  deps: AppDeps,
  ctx: CallContext,
  page: PageContext,
  candidates: readonly PageSignal[],
): Promise<PageOutcome> {
  const { municipality, today, until, settings } = page;
  const out: PageOutcome = { signals: 0, casesCreated: 0, casesUpdated: 0, repeats: 0, movedAway: 0 };
  const moved = await handOverMovers(trx, deps, ctx, municipality, candidates, today);
  out.movedAway = moved.size;
  const staying = moved.size ? candidates.filter((x) => !moved.has(x.id)) : candidates;
  // Weekly or monthly matching: a queued signal of a period that is not over is taken in, but held back.
  const holds = staying.filter((x) => !x.held && x.signalDate > until).map((x) => ({ signalId: x.id, caseId: null, repeatOf: null, signal: x }));
  const signals = holds.length ? staying.filter((x) => x.signalDate <= until) : staying;
  if (signals.length === 0) {
    await insertStates(trx, municipality, holds);
    return out;
  }

  let earliest = signals[0]!.signalDate;
  for (const x of signals) if (x.signalDate < earliest) earliest = x.signalDate;
  const bySignalAddress = groupBy(signals);
  const addresses: PageAddresses = { keys: [...bySignalAddress.keys()] };
  const [open, history] = await Promise.all([
    openCasesAt(trx, municipality, addresses),
    historyAt(trx, municipality, addresses, addMonths(monthStart(earliest), -page.lookbackMonths)),
  ]);
  const openBy = groupBy(open);
  const historyBy = groupBy(history);
  const matched: Array<{ addressKey: string; group: PageSignal[]; m: ReturnType<typeof matchAddress> }> = [];
  let newCount = 0;
  let sinceYield = 0;
  for (const [key, group] of bySignalAddress) {
    // Matching shares the event loop with the API: a big page must not hold requests up for its whole length.
    if (++sinceYield === ADDRESSES_BETWEEN_YIELDS) {
      sinceYield = 0;
      await yieldToEventLoop();
    }
    const m = matchAddress(
      { signals: group, openCases: openBy.get(key) ?? [], history: historyBy.get(key) ?? [], matchingDate: today, newIdStart: newCount },
      settings,
    );
    for (const c of m.cases) if (c.isNew) newCount++;
    matched.push({ addressKey: key, group, m });
  }

  const ids = await allocateCaseIds(trx, newCount);
  const writes: CaseWrite[] = [];
  // Each signal's placement, with the signal it places (one object a signal: a page holds thousands).
  const placements: Array<SignalPlacement & { caseId: string; signal: PageSignal }> = [];
  let i = 0;
  for (const { addressKey, group, m } of matched) {
    const dbIds = new Map<string, string>();
    for (const c of m.cases) {
      const dbId = c.isNew ? ids[i++]! : c.id;
      dbIds.set(c.id, dbId);
      // The case object is this page's own (matchAddress made it): completed in place, not copied.
      const w = c as CaseWrite;
      w.addressKey = addressKey;
      w.dbId = dbId;
      writes.push(w);
    }
    for (const [signalId, caseId] of m.assignments) {
      const signal = group.length === 1 ? group[0]! : group.find((x) => x.id === signalId)!;
      placements.push({ signalId, caseId: dbIds.get(caseId)!, repeatOf: m.repeats.get(signalId) ?? null, signal });
    }
    out.repeats += m.repeats.size;
  }
  await upsertCases(trx, municipality, today, writes);
  const fresh: Array<SignalPlacement & { signal: PageSignal }> = [];
  const held: SignalPlacement[] = [];
  for (const p of placements) (p.signal.held ? held : fresh).push(p);
  for (const h of holds) fresh.push(h);
  await insertStates(trx, municipality, fresh);
  await placeHeldSignals(trx, held);
  await recordExperimentArms(trx, deps, ctx, municipality, writes, placements, signals);
  const pseudonyms = new Set<string>();
  for (const w of writes) if (w.bsnPseudonym !== null) pseudonyms.add(w.bsnPseudonym);
  // Thousands of ids and pseudonyms: sent as one string each, not as arrays of as many parameters.
  await appendAuditOfMany(trx, {
    traceId: ctx.traceId,
    spanId: ctx.spanId,
    activity: 'signal.match',
    actorType: ctx.actor.type,
    actorId: ctx.actor.id,
    organisationId: municipality,
    objectType: 'case',
    objectIds: [...new Set(writes.map((w) => w.dbId))].join(','),
    subjectPseudonyms: [...pseudonyms].join(','),
    outcome: 'success',
    detail: { signals: placements.length },
  });
  out.signals = placements.length;
  out.casesCreated = newCount;
  out.casesUpdated = writes.length - newCount;
  return out;
}
