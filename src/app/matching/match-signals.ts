import type { MatchSettings } from '../../domain/matching/match-address.ts';
import { isMatchingMode, matchedUntil } from '../../domain/matching/matching-period.ts';
import {
  clearMatchedQueue,
  getMatchSettings,
  heldSignalsBetween,
  lastQueueEntry,
  municipalitiesToMatch,
  nextHeldAddresses,
  queuedSignalWindow,
  type PageSignal,
} from '../../db/repositories/cases.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { placeCasesInDistricts } from '../addresses/place-cases.ts';
import { matchPage, type PageContext, type PageOutcome } from './match-page.ts';

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
/** Queued ids (so at most this many signals) read and sorted at once; a bigger backlog is matched window after window (memory stays bounded). */
const QUEUED_PER_WINDOW = 1_000_000;
/** Pages matched at once: households on different pages never share a case; while one page waits for PostgreSQL (on either core) the next is worked out here (three measured fastest on two cores). */
const PAGES_IN_FLIGHT = 3;

/** Runs page jobs, a few at once; a failed page stops the run (each page is its own transaction). */
async function runPages(next: () => Promise<(() => Promise<void>) | undefined>): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  let failure: { reason: unknown } | undefined;
  try {
    for (;;) {
      const job = await next();
      if (!job) break;
      const p: Promise<void> = job().finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= PAGES_IN_FLIGHT) await Promise.race(inFlight);
    }
  } catch (reason) {
    failure = { reason };
  }
  // A failed page must not leave the other one running unobserved.
  const settled = await Promise.allSettled(inFlight);
  const rejected = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  failure ??= rejected ? { reason: rejected.reason } : undefined;
  if (failure) throw failure.reason;
}

function add(into: MatchRunResult, o: PageOutcome): void {
  into.signals += o.signals;
  into.casesCreated += o.casesCreated;
  into.casesUpdated += o.casesUpdated;
  into.repeats += o.repeats;
  into.movedAway += o.movedAway;
}

/**
 * Matches a municipality's signals into cases, one page of households per transaction, so a
 * household's signals are always judged together: first the signals intake queued (each gets its
 * state once, already in its case), then signals held back earlier. In weekly and monthly mode only
 * signals dated in a week or month that is over are matched (the matching period, per municipality),
 * as in current practice; later ones are taken in and held back. In continuous mode all are matched.
 */
export async function matchMunicipality(deps: AppDeps, ctx: CallContext, municipality: string): Promise<MatchRunResult> {
  const today = deps.now().toISOString().slice(0, 10);
  const s = await getMatchSettings(deps.db, municipality);
  const mode = s && isMatchingMode(s.matching_mode) ? s.matching_mode : 'continuous';
  const settings: MatchSettings = {
    matchingMode: mode,
    standardLookbackMonths: s?.standard_lookback_months ?? 12,
    consecutiveMonths: s?.consecutive_months ?? 6,
    repeatMonths: s?.repeat_months ?? 6,
    standardTypes: deps.standardSignalTypes,
  };
  const page: PageContext = {
    municipality,
    today,
    until: matchedUntil(mode, today),
    lookbackMonths: Math.max(settings.standardLookbackMonths, settings.consecutiveMonths, settings.repeatMonths) + 1,
    settings,
  };
  const result: MatchRunResult = { municipality, signals: 0, casesCreated: 0, casesUpdated: 0, repeats: 0, movedAway: 0 };
  const matchIn = (load: (trx: Parameters<typeof matchPage>[0]) => Promise<PageSignal[]>) => () =>
    deps.db.transaction().execute(async (trx) => add(result, await matchPage(trx, deps, ctx, page, await load(trx))));

  for (let afterId = '0'; ; ) {
    const window = await deps.db.transaction().execute((trx) => queuedSignalWindow(trx, municipality, afterId, ADDRESSES_PER_PAGE, QUEUED_PER_WINDOW));
    let q = 0;
    await runPages(async () => {
      const load = window.pages[q++];
      if (!load) return undefined;
      const queued = load();
      // Held-back signals at the same addresses belong to the same households (a page is a range of keys).
      return matchIn(async (trx) => [...queued, ...(await heldSignalsBetween(trx, municipality, queued[0]!.addressKey, queued[queued.length - 1]!.addressKey, page.until))]);
    });
    // Signals handed over stay queued for their new municipality.
    if (!window.more) break;
    afterId = window.lastId;
  }

  let after = '';
  await runPages(async () => {
    const keys = await nextHeldAddresses(deps.db, municipality, after, page.until, ADDRESSES_PER_PAGE);
    if (keys.length === 0) return undefined;
    after = keys[keys.length - 1]!;
    return matchIn((trx) => heldSignalsBetween(trx, municipality, keys[0]!, keys[keys.length - 1]!, page.until));
  });
  // New cases get their district and neighbourhood from the address table (for queues, filters and statistics).
  await placeCasesInDistricts(deps, municipality);
  return result;
}

/** One matching round over every municipality with signals to match; the queue is cleared of what it took in. */
export async function matchAll(deps: AppDeps, ctx: CallContext): Promise<MatchRunResult[]> {
  const out: MatchRunResult[] = [];
  // Signals handed over to another municipality are matched there in the same call: a second round.
  for (let round = 0; round < 3; round++) {
    const upTo = await lastQueueEntry(deps.db);
    const results = [];
    for (const m of await municipalitiesToMatch(deps.db)) results.push(await matchMunicipality(deps, ctx, m));
    await clearMatchedQueue(deps.db, upTo);
    out.push(...results);
    if (!results.some((r) => r.movedAway > 0)) break;
  }
  return out;
}
